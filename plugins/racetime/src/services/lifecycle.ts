import { RACETIME_NOTIFICATIONS } from '../notifications.js';
import { roomSchedule } from './room-schedule.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';

/**
 * At boot: organizer notifications, then (worker and all instances only) rejoin the rooms nobody holds
 * (after a restart) and keep leases.
 */
export async function initRacetime(ctx: RacetimeContext): Promise<void> {
  for (const type of RACETIME_NOTIFICATIONS) ctx.domain.notifications.registerType(type);
  const { leases } = runtimeOf(ctx);
  if (!leases.holdsRooms) return;
  leases.start();
  await leases.tick().catch((error) => ctx.logger.error({ err: error }, 'rejoining rooms failed'));
}

/** Turned on for an org: its upcoming matches get their room jobs. */
export async function enableForOrg(org: { id: number }, ctx: RacetimeContext): Promise<void> {
  await roomSchedule(ctx).planOrg(org.id);
}

/** Turned off for an org: its room jobs are cancelled. */
export async function disableForOrg(org: { id: number }, ctx: RacetimeContext): Promise<void> {
  await roomSchedule(ctx).cancelOrg(org.id);
}
