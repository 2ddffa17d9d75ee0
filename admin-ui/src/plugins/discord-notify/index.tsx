import { defineAdminPlugin } from '../contract';
import { DiscordBotPage } from './bot-page';
import { DiscordPage } from './discord-page';
import { DiscordTournamentSettings } from './tournament-channels';

/** Discord notifications: the instance bot (superadmins), the org's linked servers and post channels, each tournament's own channels. */
export const admin = defineAdminPlugin({
  id: 'discord-notify',
  title: 'Discord',
  pages: [{ path: 'discord', label: 'Discord', Component: DiscordPage }],
  instancePages: [{ path: 'bot', label: 'Discord bot', Component: DiscordBotPage }],
  TournamentSettings: DiscordTournamentSettings,
});
