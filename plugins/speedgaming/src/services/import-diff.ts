import type {
  EpisodeImport,
  ImportChannel,
  ImportCrew,
  ImportPerson,
  ImportPlayer,
} from './episode-mapping-types.js';
import { crewKey, type ImportChange, type PersonFieldChange } from './import-diff-types.js';

/**
 * What changed between two imports of the same episode (pure). An empty list means nothing the
 * sync writes changed. Crew `ready` flips are not reported: the core does not store them.
 */
export function diffImport(previous: EpisodeImport, next: EpisodeImport): ImportChange[] {
  if (previous.externalId !== next.externalId) {
    throw new RangeError(`Cannot diff episode ${previous.externalId} against episode ${next.externalId}`);
  }
  const changes: ImportChange[] = [];
  if (!sameTime(previous.scheduledAt, next.scheduledAt) || !sameTime(previous.airtime, next.airtime)) {
    changes.push({
      kind: 'rescheduled',
      from: previous.scheduledAt,
      to: next.scheduledAt,
      airtimeFrom: previous.airtime,
      airtimeTo: next.airtime,
    });
  }
  if (previous.title !== next.title) changes.push({ kind: 'retitled', from: previous.title, to: next.title });
  if (previous.approved !== next.approved)
    changes.push({ kind: 'approval_changed', approved: next.approved });
  if (previous.timeConfirmed !== next.timeConfirmed) {
    changes.push({ kind: 'time_confirmation_changed', confirmed: next.timeConfirmed });
  }
  changes.push(...diffPlayers(previous.players, next.players));
  changes.push(...diffCrew(previous.crew, next.crew));
  const channels = diffChannels(previous.channels, next.channels);
  if (channels) changes.push(channels);
  return changes;
}

const sameTime = (a: Date, b: Date): boolean => a.getTime() === b.getTime();

function diffPlayers(before: ImportPlayer[], after: ImportPlayer[]): ImportChange[] {
  const changes: ImportChange[] = [];
  const old = new Map(before.map((p) => [p.sgId, p]));
  const now = new Set(after.map((p) => p.sgId));
  for (const player of before) if (!now.has(player.sgId)) changes.push({ kind: 'player_removed', player });
  for (const [position, player] of after.entries()) {
    const was = old.get(player.sgId);
    if (!was) {
      changes.push({ kind: 'player_added', player, position });
      continue;
    }
    const fields = personChanges(was, player);
    if (was.match !== player.match) fields.push({ field: 'match', from: was.match, to: player.match });
    if (fields.length > 0) changes.push({ kind: 'player_changed', player, changes: fields });
  }
  // Seats of runners present in both lists; joins and departures alone are not a reorder.
  const keptBefore = before.filter((p) => now.has(p.sgId)).map((p) => p.sgId);
  const keptAfter = after.filter((p) => old.has(p.sgId)).map((p) => p.sgId);
  if (keptBefore.some((id, i) => keptAfter[i] !== id)) {
    changes.push({ kind: 'players_reordered', from: keptBefore, to: keptAfter });
  }
  return changes;
}

function diffCrew(before: ImportCrew[], after: ImportCrew[]): ImportChange[] {
  const changes: ImportChange[] = [];
  const old = new Map(before.map((m) => [crewKey(m), m]));
  const now = new Set(after.map(crewKey));
  for (const member of before) if (!now.has(crewKey(member))) changes.push({ kind: 'crew_removed', member });
  for (const member of after) {
    const was = old.get(crewKey(member));
    if (!was) {
      changes.push({ kind: 'crew_added', member });
      continue;
    }
    if (was.approved !== member.approved) {
      changes.push({ kind: 'crew_approval_changed', member, approved: member.approved });
    }
    const fields = personChanges(was, member);
    if (fields.length > 0) changes.push({ kind: 'crew_changed', member, changes: fields });
  }
  return changes;
}

function personChanges(was: ImportPerson, now: ImportPerson): PersonFieldChange[] {
  const fields: PersonFieldChange[] = [];
  for (const field of ['discordId', 'discordTag', 'displayName'] as const) {
    if (was[field] !== now[field]) fields.push({ field, from: was[field], to: now[field] });
  }
  return fields;
}

function diffChannels(before: ImportChannel[], after: ImportChannel[]): ImportChange | undefined {
  const oldNames = before.map((c) => c.name);
  const newNames = after.map((c) => c.name);
  const same =
    oldNames.length === newNames.length &&
    before.every((c, i) => c.name === after[i]!.name && c.slug === after[i]!.slug);
  if (same) return undefined;
  return {
    kind: 'channels_changed',
    from: before,
    to: after,
    added: newNames.filter((n) => !oldNames.includes(n)),
    removed: oldNames.filter((n) => !newNames.includes(n)),
  };
}
