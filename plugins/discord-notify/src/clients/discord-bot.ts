import { Client, Events, GatewayIntentBits, type REST, Routes } from 'discord.js';
import { classifyDiscordError } from './discord-errors.js';

/** Gateway close code for a refused token. */
const GATEWAY_AUTHENTICATION_FAILED = 4004;

/** How the bot is doing, as superadmins see it. */
export type BotStatus = 'unconfigured' | 'connecting' | 'connected' | 'invalid_token' | 'disconnected';

export interface DiscordBotOptions {
  /** `<discord url>/api`; discord.js appends `/v10`. */
  apiUrl: string;
  token: string;
  timeoutMs: number;
  /** Also hold a gateway connection (no privileged intents). */
  gateway: boolean;
  onStatus(status: BotStatus, message: string | null): void;
}

/**
 * One discord.js Client for the instance. Its REST manager never retries and never waits on a rate
 * limit by itself: it throws instead (`rejectOnRateLimit`, `retries: 0`), so the only retry layer is
 * ours (the delivery table, jobs), which waits `retry_after` on the injected clock and can never
 * re-send something discord.js already delivered.
 */
export class DiscordBot {
  readonly client: Client;
  status: BotStatus = 'connecting';
  message: string | null = null;
  userId: string | null = null;

  constructor(private readonly options: DiscordBotOptions) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: options.apiUrl, retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs },
    });
    this.client.rest.setToken(options.token);
    this.client.on(Events.ClientReady, () => this.set('connected', null));
    this.client.on(Events.ShardDisconnect, (event) => {
      // 4004 is Discord's "authentication failed": the token was refused, like a bad token at startup.
      if (event.code === GATEWAY_AUTHENTICATION_FAILED) {
        this.set('invalid_token', `Discord refused the bot token (gateway closed ${event.code})`);
      } else this.set('disconnected', `gateway closed (${event.code})`);
    });
    this.client.on(Events.ShardReconnecting, () => this.set('connecting', 'gateway reconnecting'));
    this.client.on(Events.ShardResume, () => this.set('connected', null));
  }

  /** The REST manager every call goes through. */
  get rest(): REST {
    return this.client.rest;
  }

  /** Checks the token with `GET /users/@me`, then logs into the gateway when configured. */
  async start(): Promise<BotStatus> {
    try {
      const me = (await this.rest.get(Routes.user('@me'))) as { id: string };
      this.userId = me.id;
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind === 'unauthorized') this.set('invalid_token', 'Discord refused the bot token');
      else this.set('disconnected', failure.reason);
      return this.status;
    }
    if (!this.options.gateway) {
      this.set('connected', 'REST only (gateway disabled)');
      return this.status;
    }
    try {
      await this.client.login(this.options.token);
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind === 'unauthorized' || (error instanceof Error && /token/i.test(error.message))) {
        this.set('invalid_token', 'Discord refused the bot token');
      } else this.set('disconnected', failure.reason);
    }
    return this.status;
  }

  /** Closes the gateway connection and drops the REST queues. */
  async stop(): Promise<void> {
    this.client.removeAllListeners();
    await this.client.destroy();
  }

  private set(status: BotStatus, message: string | null): void {
    if (this.status === status && this.message === message) return;
    this.status = status;
    this.message = message;
    this.options.onStatus(status, message);
  }
}
