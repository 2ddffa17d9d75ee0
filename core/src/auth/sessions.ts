import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { hashSecret } from '../tokens/token-format.js';

/** Name of the session cookie (also declared in the OpenAPI document). */
export const SESSION_COOKIE = 'racedesk_session';
/** A session ends after this long without requests... */
export const SESSION_IDLE_MS = 7 * 24 * 3_600_000;
/** ...and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3_600_000;
// last_seen_at is written at most this often, so reads do not turn into writes.
const TOUCH_RESOLUTION_MS = 60_000;

/** A live session. */
export interface Session {
  idHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions: the cookie carries a random id, the table its hash; expiry follows the app clock. */
export function createSessionStore(db: Database, clock: Clock) {
  return {
    /** Starts a session; returns the cookie value (shown once) and the session. */
    async create(userId: number): Promise<{ cookie: string; session: Session }> {
      const cookie = randomBytes(32).toString('base64url');
      const now = clock.now();
      const session: Session = {
        idHash: hashSecret(cookie),
        userId,
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      };
      // Sessions nobody presents again are swept here rather than by a job: sign-ins are rare and cheap.
      await db('sessions')
        .where('expires_at', '<=', now)
        .orWhere('last_seen_at', '<=', new Date(now.getTime() - SESSION_IDLE_MS))
        .del();
      await db('sessions').insert({
        id_hash: session.idHash,
        user_id: userId,
        csrf_token: session.csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: session.expiresAt,
      });
      return { cookie, session };
    },

    /** The live session for a cookie value; expired ones are deleted and yield nothing. */
    async resolve(cookie: string): Promise<Session | undefined> {
      const idHash = hashSecret(cookie);
      const row = await db('sessions').where({ id_hash: idHash }).first();
      if (!row) return undefined;
      const now = clock.now().getTime();
      if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + SESSION_IDLE_MS <= now) {
        await db('sessions').where({ id_hash: idHash }).del();
        return undefined;
      }
      if (now - row.last_seen_at.getTime() >= TOUCH_RESOLUTION_MS) {
        await db('sessions')
          .where({ id_hash: idHash })
          .update({ last_seen_at: new Date(now) });
      }
      return { idHash, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },

    /** Ends a session. */
    async destroy(idHash: string): Promise<void> {
      await db('sessions').where({ id_hash: idHash }).del();
    },
  };
}

/** The session store. */
export type SessionStore = ReturnType<typeof createSessionStore>;
