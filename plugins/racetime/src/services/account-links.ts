import { createHash, randomBytes } from 'node:crypto';
import { badRequest, conflict, notFound, systemActor, unprocessable } from '@racedesk/core';
import type { Knex } from 'knex';
import { RacetimeOAuthClient } from '../clients/racetime-oauth-client.js';
import { AccountLinked, AccountUnlinked } from '../events.js';
import type { AccountLinkView } from '../schemas/account-link.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';

const STATE_TTL_MS = 10 * 60_000;
/** Path of the OAuth2 callback under the public URL (registered as the app's redirect URI). */
export const CALLBACK_PATH = '/api/v1/me/racetime/callback';

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

/** A linked account's racetime id and name, by Racedesk user. */
export interface LinkedAccount {
  userId: number;
  racetimeId: string;
  racetimeName: string;
}

/** Reads links in bulk (invites, entrant resolution). */
export const accountLinks = {
  async forUsers(db: Knex | Knex.Transaction, userIds: number[]): Promise<Map<number, LinkedAccount>> {
    if (userIds.length === 0) return new Map();
    const rows = await db('racetime_account_links')
      .whereIn('user_id', userIds)
      .select('user_id', 'racetime_id', 'racetime_name');
    return new Map(
      rows.map((r) => [
        Number(r.user_id),
        { userId: Number(r.user_id), racetimeId: r.racetime_id, racetimeName: r.racetime_name },
      ]),
    );
  },
  async forRacetimeIds(db: Knex | Knex.Transaction, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    // One array parameter, however many ids (the lease round reads every followed room's entrants).
    const rows = await db('racetime_account_links')
      .whereRaw('racetime_id = any(?::text[])', [ids])
      .select('user_id', 'racetime_id');
    return new Map(rows.map((r) => [r.racetime_id as string, Number(r.user_id)]));
  },
};

/** Linking a user to their racetime.gg account by OAuth2 authorization code. */
export function accountLinkService(ctx: RacetimeContext) {
  const { db, clock } = ctx;

  function oauth(): RacetimeOAuthClient {
    const { settings } = runtimeOf(ctx);
    if (!settings.oauth)
      throw unprocessable(
        'RD_RACETIME_LINKING_OFF',
        'Account linking is not configured (RACEDESK_RACETIME_CLIENT_ID / RACEDESK_RACETIME_CLIENT_SECRET)',
      );
    return new RacetimeOAuthClient(
      settings.racetimeUrl,
      settings.oauth,
      `${settings.publicUrl}${CALLBACK_PATH}`,
      settings.requestTimeoutMs,
    );
  }

  return {
    /** A fresh single-use `state` bound to the user, and the racetime.gg consent URL carrying it. */
    async start(userId: number): Promise<string> {
      const client = oauth();
      const state = randomBytes(24).toString('base64url');
      const now = clock.now();
      await db('racetime_link_states').where('expires_at', '<', now).del();
      await db('racetime_link_states').insert({
        state_hash: hash(state),
        user_id: userId,
        expires_at: new Date(now.getTime() + STATE_TTL_MS),
      });
      return client.authorizeUrl(state);
    },

    /** Checks `state`, exchanges the code, reads who it is and stores the link (tokens encrypted). */
    async finish(
      userId: number,
      query: { code?: string; state?: string; error?: string },
    ): Promise<AccountLinkView> {
      const client = oauth();
      if (!query.state) throw badRequest('RD_RACETIME_LINK_STATE', 'The callback has no state');
      const [row] = await db('racetime_link_states')
        .where({ state_hash: hash(query.state) })
        .del()
        .returning('*');
      if (!row || Number(row.user_id) !== userId || row.expires_at < clock.now())
        throw badRequest(
          'RD_RACETIME_LINK_STATE',
          'The link request is unknown, expired or was started by someone else',
        );
      if (query.error || !query.code)
        throw badRequest(
          'RD_RACETIME_LINK_DENIED',
          `racetime.gg did not link the account (${query.error ?? 'no code'})`,
        );
      const tokens = await client.exchangeCode(query.code);
      const info = await client.userInfo(tokens.accessToken);
      const now = clock.now();
      return db.transaction(async (trx) => {
        const taken = await trx('racetime_account_links')
          .where({ racetime_id: info.id })
          .whereNot({ user_id: userId })
          .first();
        if (taken)
          throw conflict(
            'RD_RACETIME_ACCOUNT_TAKEN',
            `The racetime account ${info.fullName} is linked to another user`,
          );
        const values = {
          racetime_id: info.id,
          racetime_name: info.fullName,
          access_token: ctx.secrets.encrypt(tokens.accessToken),
          refresh_token: tokens.refreshToken ? ctx.secrets.encrypt(tokens.refreshToken) : null,
          token_expires_at: new Date(now.getTime() + tokens.expiresIn * 1000),
          linked_at: now,
        };
        await trx('racetime_account_links')
          .insert({ user_id: userId, ...values })
          .onConflict('user_id')
          .merge();
        await ctx.events.emit(
          AccountLinked,
          { userId, racetimeId: info.id, racetimeName: info.fullName },
          { actor: { kind: 'user', userId } },
          trx,
        );
        return { racetimeId: info.id, racetimeName: info.fullName, linkedAt: now };
      });
    },

    async get(userId: number): Promise<AccountLinkView> {
      const row = await db('racetime_account_links').where({ user_id: userId }).first();
      if (!row) throw notFound('RD_RACETIME_NOT_LINKED', 'No racetime account is linked');
      return { racetimeId: row.racetime_id, racetimeName: row.racetime_name, linkedAt: row.linked_at };
    },

    async remove(userId: number): Promise<void> {
      const row = await db.transaction(async (trx) => {
        const [deleted] = await trx('racetime_account_links').where({ user_id: userId }).del().returning('*');
        if (!deleted) throw notFound('RD_RACETIME_NOT_LINKED', 'No racetime account is linked');
        await ctx.events.emit(
          AccountUnlinked,
          { userId, racetimeId: deleted.racetime_id },
          { actor: userId ? { kind: 'user', userId } : systemActor('racetime') },
          trx,
        );
        return deleted;
      });
      const { settings } = runtimeOf(ctx);
      if (settings.oauth) await oauth().revoke(ctx.secrets.decrypt(row.access_token));
    },
  };
}
