import type { Knex } from 'knex';
import type { BotStatus, BotView } from '../schemas/bot.js';

/** A `racetime_bots` row. */
export interface BotRow {
  id: number;
  category: string;
  name: string;
  client_id: string;
  active: boolean;
  status: BotStatus;
  status_message: string | null;
  status_at: Date | null;
  last_connected_at: Date | null;
  created_at: Date;
}

/** Where a bot's client secret lives in the plugin's secret store. */
export const botSecretName = (botId: number) => `bot-client-secret:${botId}`;

/** Reads bots with the slugs of their organizations. */
export const botRepository = {
  async byId(db: Knex | Knex.Transaction, id: number): Promise<BotRow | undefined> {
    const row = await db<BotRow>('racetime_bots').where({ id }).first();
    return row ? { ...row, id: Number(row.id) } : undefined;
  },

  async all(db: Knex): Promise<BotRow[]> {
    const rows = await db<BotRow>('racetime_bots').orderBy('id');
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  },

  async view(db: Knex, row: BotRow): Promise<BotView> {
    const orgs = await db('racetime_bot_orgs as b')
      .join('organizations as o', 'o.id', 'b.org_id')
      .where('b.bot_id', row.id)
      .orderBy('o.slug')
      .pluck('o.slug');
    return {
      id: row.id,
      category: row.category,
      name: row.name,
      clientId: row.client_id,
      active: row.active,
      status: row.status,
      statusMessage: row.status_message,
      statusAt: row.status_at,
      lastConnectedAt: row.last_connected_at,
      orgs,
      createdAt: row.created_at,
    };
  },

  /** A bot and whether it is assigned to the org, in one round trip (room checks). */
  async forOrg(
    db: Knex | Knex.Transaction,
    botId: number,
    orgId: number,
  ): Promise<{ bot: BotRow; assigned: boolean } | undefined> {
    const row = await db('racetime_bots as b')
      .where('b.id', botId)
      .first(
        'b.*',
        db.raw(
          'exists(select 1 from racetime_bot_orgs o where o.bot_id = b.id and o.org_id = ?) as assigned',
          [orgId],
        ),
      );
    if (!row) return undefined;
    const { assigned, ...bot } = row as BotRow & { assigned: boolean };
    return { bot: { ...bot, id: Number(bot.id) }, assigned };
  },

  async isAssigned(db: Knex | Knex.Transaction, botId: number, orgId: number): Promise<boolean> {
    return (await db('racetime_bot_orgs').where({ bot_id: botId, org_id: orgId }).first()) !== undefined;
  },
};
