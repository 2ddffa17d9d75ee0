import { defineAdminPlugin } from '../contract';
import { RacetimeOverview } from './racetime-overview';

/** racetime.gg race rooms: an overview of the org's room settings (room and bot pages join as the API lands). */
export const admin = defineAdminPlugin({
  id: 'racetime',
  title: 'racetime.gg',
  pages: [{ path: 'overview', label: 'racetime.gg', Component: RacetimeOverview }],
});
