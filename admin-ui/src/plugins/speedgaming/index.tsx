import { defineAdminPlugin } from '../contract';
import { SyncsPage } from './syncs-page';
import { SpeedGamingTournamentSettings } from './tournament-settings';

/** SpeedGaming: per-tournament import settings with "sync now" and open problems, and the org's import log. */
export const admin = defineAdminPlugin({
  id: 'speedgaming',
  title: 'SpeedGaming',
  pages: [{ path: 'syncs', label: 'SpeedGaming imports', Component: SyncsPage }],
  TournamentSettings: SpeedGamingTournamentSettings,
});
