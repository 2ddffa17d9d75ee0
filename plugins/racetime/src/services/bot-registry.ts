import { type PluginContext, systemActor, unprocessable } from '@racedesk/core';
import { BotTokenManager } from '../clients/bot-token-manager.js';
import { isRacetimeError } from '../clients/racetime-errors.js';
import type { RacetimeHttpClient } from '../clients/racetime-http-client.js';
import type { TimerClock } from '../clients/timer-clock.js';
import { BotStatusChanged } from '../events.js';
import type { BotStatus } from '../schemas/bot.js';
import { type BotRow, botRepository, botSecretName } from './bot-repository.js';

/** One bot as this process uses it: its row and its shared, self-renewing token. */
export interface BotConnection {
  bot: BotRow;
  tokens: BotTokenManager;
}

/** The result of a connection check. */
export interface BotCheckResult {
  status: BotStatus;
  message: string | null;
  checkedAt: Date;
}

/** The status a failed racetime call means for the bot. */
export function statusOfError(error: unknown): { status: BotStatus; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (isRacetimeError(error, 'auth_failed', 'forbidden')) return { status: 'auth_failed', message };
  return { status: 'connection_error', message };
}

/**
 * The bots this process talks to racetime.gg with: one token manager per bot, created on first use,
 * their status written to `racetime_bots` (and announced) whenever it changes.
 */
export class BotRegistry {
  private readonly connections = new Map<number, Promise<BotConnection>>();
  private readonly replacedListeners = new Set<(botId: number) => void>();

  constructor(
    private readonly ctx: PluginContext,
    private readonly http: RacetimeHttpClient,
    private readonly clock: TimerClock,
  ) {}

  /** The bot's connection; throws 422 when the bot does not exist or is inactive. */
  connection(botId: number): Promise<BotConnection> {
    let found = this.connections.get(botId);
    if (!found) {
      found = this.connect(botId);
      this.connections.set(botId, found);
      found.catch(() => this.connections.delete(botId));
    }
    return found;
  }

  /** Fetches a token and the category's data now, records the outcome as the bot's status. */
  async check(botId: number): Promise<BotCheckResult> {
    try {
      const { bot, tokens } = await this.connection(botId);
      await tokens.withToken((token) => this.http.categoryData(bot.category, token));
      await this.setStatus(botId, 'connected', null);
    } catch (error) {
      const { status, message } = statusOfError(error);
      await this.setStatus(botId, status, message);
    }
    const row = await botRepository.byId(this.ctx.db, botId);
    return {
      status: row?.status ?? 'unknown',
      message: row?.status_message ?? null,
      checkedAt: this.clock.now(),
    };
  }

  /** Drops the bot's token (new credentials are read), tells room sockets to move, and checks again. */
  async restart(botId: number): Promise<BotCheckResult> {
    await this.forget(botId);
    for (const listener of this.replacedListeners) listener(botId);
    return this.check(botId);
  }

  /** Stops using a bot (deactivated, or its credentials changed). */
  async forget(botId: number): Promise<void> {
    const previous = this.connections.get(botId);
    this.connections.delete(botId);
    const connection = await previous?.catch(() => undefined);
    connection?.tokens.close();
  }

  /** Called with a bot id whenever its connection is replaced: holders of its sockets reconnect. */
  onReplaced(listener: (botId: number) => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /** Writes the bot's status if it changed, and announces the change. */
  async setStatus(botId: number, status: BotStatus, message: string | null): Promise<void> {
    const now = this.clock.now();
    await this.ctx.db.transaction(async (trx) => {
      const row = await trx('racetime_bots').where({ id: botId }).forUpdate().first();
      if (!row) return;
      const changed = row.status !== status || row.status_message !== message;
      await trx('racetime_bots')
        .where({ id: botId })
        .update({
          status,
          status_message: message,
          status_at: now,
          ...(status === 'connected' ? { last_connected_at: now } : {}),
        });
      if (changed)
        await this.ctx.events.emit(
          BotStatusChanged,
          { botId, category: row.category, status, message },
          { actor: systemActor('racetime') },
          trx,
        );
    });
  }

  /** Stops every token renewal. */
  async close(): Promise<void> {
    for (const id of [...this.connections.keys()]) await this.forget(id);
  }

  private async connect(botId: number): Promise<BotConnection> {
    const bot = await botRepository.byId(this.ctx.db, botId);
    if (!bot?.active)
      throw unprocessable(
        'RD_RACETIME_BOT_UNAVAILABLE',
        `racetime bot ${botId} does not exist or is inactive`,
      );
    const secret = await this.ctx.secrets.get({ name: botSecretName(botId) });
    if (!secret)
      throw unprocessable('RD_RACETIME_BOT_UNAVAILABLE', `racetime bot ${botId} has no client secret`);
    const tokens = new BotTokenManager({
      endpoint: this.http,
      credentials: { clientId: bot.client_id, clientSecret: secret },
      clock: this.clock,
    });
    tokens.on('renewal-failed', (error) => {
      const { status, message } = statusOfError(error);
      void this.setStatus(botId, status, message).catch(() => undefined);
    });
    tokens.on('renewed', () => void this.setStatus(botId, 'connected', null).catch(() => undefined));
    return { bot, tokens };
  }
}
