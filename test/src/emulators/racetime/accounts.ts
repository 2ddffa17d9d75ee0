import { hashid, randomAlphanumeric } from './random-ids.js';

/** A racetime user as a test registers it; everything but `name` has a default. */
export interface UserInput {
  /** Hashid; generated when omitted. */
  id?: string;
  name: string;
  /** 4-digit string or `null` (no discriminator). Defaults to a random one. */
  discriminator?: string | null;
  pronouns?: string | null;
  /** Space-separated subset of `staff supporter` (the `moderator` flair is added per category). */
  flair?: string;
  avatar?: string | null;
  /** Twitch login; `null` means no Twitch account linked (cannot join streaming-required races). */
  twitchName?: string | null;
  twitchDisplayName?: string | null;
  /** Whether the linked stream is live (checked by `ready` in streaming-required races). Default true. */
  streamLive?: boolean;
  /** Leaderboard rating reported as entrant `score`. Default null. */
  score?: number | null;
}

/** A registered user. */
export interface EmulatorUser {
  id: string;
  name: string;
  discriminator: string | null;
  pronouns: string | null;
  flair: string;
  avatar: string | null;
  twitchName: string | null;
  twitchDisplayName: string | null;
  streamLive: boolean;
  score: number | null;
}

/** A category as a test configures it. */
export interface CategoryInput {
  slug: string;
  name?: string;
  shortName?: string;
  /** Active goal names. Default `['Beat the game']`. */
  goals?: string[];
  info?: string;
  image?: string | null;
  streamingRequired?: boolean;
  /** User ids of owners and moderators (they get `can_moderate` in this category). */
  owners?: string[];
  moderators?: string[];
  /** Whether `hide_entrants` / `partitionable` are honoured (ignored otherwise, reference §4.1). */
  allowHiddenEntrants?: boolean;
  allowLadder?: boolean;
}

/** A configured category. */
export type Category = Required<Omit<CategoryInput, 'image'>> & { image: string | null };

/** A category bot's OAuth application (client credentials). */
export interface BotApp {
  kind: 'bot';
  clientId: string;
  clientSecret: string;
  name: string;
  category: string;
  active: boolean;
}

/** A user-login OAuth application (authorization code). */
export interface UserApp {
  kind: 'user';
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
}

export type OAuthApp = BotApp | UserApp;

/** Users, categories and OAuth applications known to the emulator. */
export class Accounts {
  readonly users = new Map<string, EmulatorUser>();
  readonly categories = new Map<string, Category>();
  readonly apps = new Map<string, OAuthApp>();

  addCategory(input: CategoryInput): Category {
    const category: Category = {
      slug: input.slug,
      name: input.name ?? input.slug.toUpperCase(),
      shortName: input.shortName ?? input.slug.toUpperCase(),
      goals: input.goals ?? ['Beat the game'],
      info: input.info ?? '',
      image: input.image ?? null,
      streamingRequired: input.streamingRequired ?? false,
      owners: input.owners ?? [],
      moderators: input.moderators ?? [],
      allowHiddenEntrants: input.allowHiddenEntrants ?? false,
      allowLadder: input.allowLadder ?? false,
    };
    this.categories.set(category.slug, category);
    return category;
  }

  registerUser(input: UserInput): EmulatorUser {
    const twitchName = input.twitchName === undefined ? input.name.toLowerCase() : input.twitchName;
    const user: EmulatorUser = {
      id: input.id ?? hashid(),
      name: input.name,
      discriminator:
        input.discriminator === undefined
          ? String(1000 + Math.floor(Math.random() * 9000))
          : input.discriminator,
      pronouns: input.pronouns ?? null,
      flair: input.flair ?? '',
      avatar: input.avatar ?? null,
      twitchName,
      twitchDisplayName: input.twitchDisplayName ?? twitchName,
      streamLive: input.streamLive ?? true,
      score: input.score ?? null,
    };
    this.users.set(user.id, user);
    return user;
  }

  registerBot(input: { category: string; name: string; clientId?: string; clientSecret?: string }): BotApp {
    if (!this.categories.has(input.category))
      throw new Error(`Unknown racetime category "${input.category}"`);
    const app: BotApp = {
      kind: 'bot',
      clientId: input.clientId ?? randomAlphanumeric(40),
      clientSecret: input.clientSecret ?? randomAlphanumeric(128),
      name: input.name,
      category: input.category,
      active: true,
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  registerUserApp(input: {
    redirectUris: string[];
    name?: string;
    clientId?: string;
    clientSecret?: string;
  }): UserApp {
    const app: UserApp = {
      kind: 'user',
      clientId: input.clientId ?? randomAlphanumeric(40),
      clientSecret: input.clientSecret ?? randomAlphanumeric(128),
      name: input.name ?? 'Racedesk',
      redirectUris: input.redirectUris,
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  /** Looks a user up, throwing a readable error for tests that mistype an id. */
  user(id: string): EmulatorUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`Unknown racetime user "${id}"`);
    return user;
  }

  fullName(user: EmulatorUser): string {
    return user.discriminator ? `${user.name}#${user.discriminator}` : user.name;
  }

  canModerate(userId: string, category: Category): boolean {
    return category.moderators.includes(userId) || category.owners.includes(userId);
  }
}
