import { defineAdminPlugin } from '../contract';
import { RacetimeAccountSection } from './account-section';
import { InstanceBotsPage } from './instance-bots';
import { RacetimeOverview } from './racetime-overview';
import { RoomCell } from './room-cell';
import { RoomSection } from './room-section';
import { ScheduleRooms } from './rooms-context';
import { RacetimeTournamentSettings } from './tournament-settings';

/** racetime.gg race rooms: bots, per-tournament room settings, each match's room and its status on the schedule. */
export const admin = defineAdminPlugin({
  id: 'racetime',
  title: 'racetime.gg',
  pages: [{ path: 'overview', label: 'racetime.gg', Component: RacetimeOverview }],
  instancePages: [{ path: 'bots', label: 'racetime.gg bots', Component: InstanceBotsPage }],
  TournamentSettings: RacetimeTournamentSettings,
  MatchSection: RoomSection,
  ProfileSection: RacetimeAccountSection,
  ScheduleColumn: { label: 'Room', Cell: RoomCell, Provider: ScheduleRooms },
});
