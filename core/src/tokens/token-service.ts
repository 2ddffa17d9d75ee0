import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { OrgRole } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { notFound } from '../errors.js';
import { joinOrgAccess, type OrgAccess, type OrgTarget, orgAccessFrom } from '../orgs/org-access.js';
import { generateToken, hashSecret, TOKEN_PREFIX } from './token-format.js';

/** An API token as the API shows it (never the token itself after creation). */
export interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  userId: number | null;
  orgId: number | null;
  role: OrgRole | null;
  superadmin: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  user_id: number | null;
  org_id: number | null;
  role_ceiling: OrgRole | null;
  superadmin: boolean;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** Maps a token row to what the API shows. */
export const toTokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  userId: row.user_id,
  orgId: row.org_id,
  role: row.role_ceiling,
  superadmin: row.superadmin,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/** What a new token is for. */
export interface NewToken {
  name: string;
  userId: number | null;
  orgId: number | null;
  role: OrgRole | null;
  superadmin?: boolean;
  expiresAt?: Date | null;
}

// last_used_at is written at most this often per token, so reads do not turn into writes.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates, verifies and revokes API tokens; stores only their hash. */
export function createTokenService(db: Database, clock: Clock, audit: AuditLog) {
  /**
   * The live token for a presented value (not revoked, not expired) with whether its owner still
   * exists and, given an org, the owner's access to it — one query, read fresh every time so a
   * revocation or a role change takes effect at once. Marks the token used (at most once a minute).
   */
  const authenticate = async (
    presented: string,
    target?: OrgTarget,
  ): Promise<{ token: TokenInfo; ownerId: number | null; access?: OrgAccess } | undefined> => {
    const q = db('api_tokens as t')
      .leftJoin('users as owner', 'owner.id', 't.user_id')
      .where('t.token_hash', hashSecret(presented))
      .first('t.*', 'owner.id as owner_id');
    if (target) joinOrgAccess(q, target, 't.user_id');
    const row = (await q) as (TokenRow & { owner_id: number | null }) | undefined;
    const now = clock.now();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so concurrent requests at the turn of the minute write once, not each.
      const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await db('api_tokens')
        .where({ id: row.id })
        .where((w) => w.whereNull('last_used_at').orWhere('last_used_at', '<=', stale))
        .update({ last_used_at: now });
      row.last_used_at = now;
    }
    return {
      token: toTokenInfo(row),
      ownerId: row.owner_id,
      access: target ? orgAccessFrom(row as unknown as Record<string, unknown>, target) : undefined,
    };
  };

  return {
    /** Creates a token; the plaintext is returned once. */
    async create(
      spec: NewToken,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<{ token: string; info: TokenInfo }> {
      const token = generateToken();
      const run = async (t: Knex.Transaction) => {
        const [row] = (await t('api_tokens')
          .insert({
            name: spec.name,
            token_hash: hashSecret(token),
            prefix: token.slice(0, TOKEN_PREFIX.length + 6),
            user_id: spec.userId,
            org_id: spec.orgId,
            role_ceiling: spec.role,
            superadmin: spec.superadmin ?? false,
            created_at: clock.now(),
            expires_at: spec.expiresAt ?? null,
          })
          .returning('*')) as TokenRow[];
        const info = toTokenInfo(row!);
        await audit.record(
          {
            actor,
            action: 'token.created',
            orgId: spec.orgId,
            target: { type: 'token', id: info.id },
            details: { name: spec.name, role: spec.role, superadmin: info.superadmin },
          },
          t,
        );
        return { token, info };
      };
      return trx ? run(trx) : db.transaction(run);
    },

    /** The live token for a presented value (not revoked, not expired), marking it used. */
    async verify(presented: string): Promise<TokenInfo | undefined> {
      return (await authenticate(presented))?.token;
    },

    authenticate,

    /** Tokens of an organization, newest first, as a query for `paginate`. */
    listQuery: (orgId: number) => db('api_tokens').where({ org_id: orgId }).select('*'),

    /** Personal superadmin tokens of the instance, as a query for `paginate`. */
    instanceListQuery: () => db('api_tokens').whereNull('org_id').where({ superadmin: true }).select('*'),

    /** Revokes a token of an org, or an instance token when `orgId` is null; revoking twice is harmless. */
    async revoke(orgId: number | null, tokenId: number, actor: Actor): Promise<TokenInfo> {
      return db.transaction(async (trx) => {
        const scope = orgId === null ? { org_id: null, superadmin: true } : { org_id: orgId };
        const row = (await trx('api_tokens')
          .where({ id: tokenId, ...scope })
          .first()) as TokenRow | undefined;
        if (!row) throw notFound('RD_TOKEN_NOT_FOUND', `No token ${tokenId} here`);
        if (row.revoked_at) return toTokenInfo(row);
        const [updated] = (await trx('api_tokens')
          .where({ id: tokenId })
          .update({ revoked_at: clock.now() })
          .returning('*')) as TokenRow[];
        await audit.record(
          { actor, action: 'token.revoked', orgId, target: { type: 'token', id: tokenId } },
          trx,
        );
        return toTokenInfo(updated!);
      });
    },
  };
}

/** The token service. */
export type TokenService = ReturnType<typeof createTokenService>;
