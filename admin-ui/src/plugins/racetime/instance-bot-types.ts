import type { Bot } from './settings-types';

/** A bot as `GET /api/v1/racetime/bots` shows it to superadmins. */
export interface InstanceBot extends Bot {
  clientId: string;
  /** Slugs of the organizations that may use it. */
  orgs: string[];
  createdAt: string;
}

/** What a connection test found. */
export interface BotCheck {
  status: string;
  message: string | null;
  checkedAt: string;
}
