import { type Actor, conflict, notFound } from '@racedesk/core';
import type { Knex } from 'knex';
import type { BotPatch, BotView, NewBot } from '../schemas/bot.js';
import type { BotCheckResult } from './bot-registry.js';
import { botRepository, botSecretName } from './bot-repository.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';

/** Superadmin management of category bots: one per category, secret encrypted, assigned to orgs. */
export function botService(ctx: RacetimeContext) {
  const { db, clock } = ctx;
  const audit = (actor: Actor, action: string, botId: number, orgId: number | null, trx: Knex.Transaction) =>
    ctx.audit.record({ orgId, actor, action, target: { type: 'racetime_bot', id: botId } }, trx);

  async function require(id: number) {
    const row = await botRepository.byId(db, id);
    if (!row) throw notFound('RD_RACETIME_BOT_NOT_FOUND', `No racetime bot ${id}`);
    return row;
  }

  async function orgBySlug(slug: string): Promise<{ id: number; slug: string }> {
    const org = await db('organizations').where({ slug }).first('id', 'slug');
    if (!org) throw notFound('RD_ORG_NOT_FOUND', `No organization "${slug}"`);
    return { id: Number(org.id), slug: org.slug };
  }

  return {
    async create(input: NewBot, actor: Actor): Promise<{ bot: BotView; check: BotCheckResult }> {
      const id = await db.transaction(async (trx) => {
        if (await trx('racetime_bots').where({ category: input.category }).first())
          throw conflict('RD_RACETIME_BOT_EXISTS', `Category ${input.category} already has a bot`);
        const now = clock.now();
        const [row] = await trx('racetime_bots')
          .insert({
            category: input.category,
            name: input.name,
            client_id: input.clientId,
            created_at: now,
            updated_at: now,
          })
          .returning('id');
        const botId = Number(row.id);
        await ctx.secrets.put({ name: botSecretName(botId) }, input.clientSecret, trx);
        await audit(actor, 'racetime.bot.create', botId, null, trx);
        return botId;
      });
      const check = await runtimeOf(ctx).bots.check(id);
      return { bot: await botRepository.view(db, await require(id)), check };
    },

    async list(): Promise<BotView[]> {
      return Promise.all((await botRepository.all(db)).map((row) => botRepository.view(db, row)));
    },

    async get(id: number): Promise<BotView> {
      return botRepository.view(db, await require(id));
    },

    async update(id: number, patch: BotPatch, actor: Actor): Promise<BotView> {
      await require(id);
      await db.transaction(async (trx) => {
        const changes: Record<string, unknown> = { updated_at: clock.now() };
        if (patch.name !== undefined) changes.name = patch.name;
        if (patch.clientId !== undefined) changes.client_id = patch.clientId;
        if (patch.active !== undefined) {
          changes.active = patch.active;
          if (!patch.active) Object.assign(changes, { status: 'disconnected', status_at: clock.now() });
        }
        await trx('racetime_bots').where({ id }).update(changes);
        if (patch.clientSecret !== undefined)
          await ctx.secrets.put({ name: botSecretName(id) }, patch.clientSecret, trx);
        await audit(actor, 'racetime.bot.update', id, null, trx);
      });
      // New credentials or a reactivated bot: start over with a fresh token.
      const bots = runtimeOf(ctx).bots;
      if (patch.active === false) await bots.forget(id);
      else if (patch.clientId !== undefined || patch.clientSecret !== undefined || patch.active)
        await bots.restart(id);
      return this.get(id);
    },

    async assign(id: number, orgSlug: string, actor: Actor): Promise<BotView> {
      await require(id);
      const org = await orgBySlug(orgSlug);
      await db.transaction(async (trx) => {
        await trx('racetime_bot_orgs')
          .insert({ bot_id: id, org_id: org.id, assigned_at: clock.now() })
          .onConflict(['bot_id', 'org_id'])
          .ignore();
        await audit(actor, 'racetime.bot.assign', id, org.id, trx);
      });
      return this.get(id);
    },

    async unassign(id: number, orgSlug: string, actor: Actor): Promise<BotView> {
      await require(id);
      const org = await orgBySlug(orgSlug);
      await db.transaction(async (trx) => {
        await trx('racetime_bot_orgs').where({ bot_id: id, org_id: org.id }).del();
        await audit(actor, 'racetime.bot.unassign', id, org.id, trx);
      });
      return this.get(id);
    },

    async test(id: number): Promise<BotCheckResult> {
      await require(id);
      return runtimeOf(ctx).bots.check(id);
    },

    async restart(id: number, actor: Actor): Promise<BotCheckResult> {
      await require(id);
      await db.transaction((trx) => audit(actor, 'racetime.bot.restart', id, null, trx));
      return runtimeOf(ctx).bots.restart(id);
    },

    /** Bots an org may use (for the tournament settings picker). */
    async forOrg(orgId: number): Promise<BotView[]> {
      const ids: number[] = (await db('racetime_bot_orgs').where({ org_id: orgId }).pluck('bot_id')).map(
        Number,
      );
      return Promise.all(ids.sort((a, b) => a - b).map((id) => this.get(id)));
    },
  };
}
