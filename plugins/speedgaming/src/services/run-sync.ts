import { RacedeskError } from '@racedesk/core';
import type { SyncRecordView } from '../schemas/sync-record.js';
import { takePollSlots } from './poll-gate.js';
import { type ImportSettings, settingsRepository } from './settings-repository.js';
import type { SgContext } from './sg-context.js';
import { syncTournament } from './tournament-sync.js';

/** Time to the next run: the interval after success, doubling per consecutive failure up to the cap. */
export function nextDelayS(s: ImportSettings, failures: number, maxBackoffS: number): number {
  if (failures === 0) return s.intervalS;
  return Math.min(s.intervalS * 2 ** failures, Math.max(maxBackoffS, s.intervalS));
}

/** Refused because an event was polled less than a minute ago. */
export class PollTooSoonError extends RacedeskError {
  constructor(readonly retryAt: Date) {
    super(
      'RD_SPEEDGAMING_TOO_SOON',
      `SpeedGaming allows one request a minute per event; try again after ${retryAt.toISOString()}`,
      429,
      {
        retryAt: retryAt.toISOString(),
      },
    );
  }
}

/**
 * Runs a tournament's import if every event may be polled now, then schedules the next run
 * (backoff after a failed run). Throws {@link PollTooSoonError} when an event was polled too recently.
 */
export async function runSync(
  ctx: SgContext,
  s: ImportSettings,
  trigger: 'job' | 'manual',
): Promise<SyncRecordView> {
  const slot = await takePollSlots(ctx, s.eventSlugs);
  if (!slot.ok) throw new PollTooSoonError(slot.retryAt);
  const record = await syncTournament(ctx, s, trigger);
  const failures = record.status === 'failed' ? s.failures + 1 : 0;
  const next = new Date(ctx.clock.now().getTime() + nextDelayS(s, failures, ctx.config.maxBackoff) * 1000);
  await settingsRepository.scheduleNext(ctx.db, s.tournamentId, next, failures);
  return record;
}
