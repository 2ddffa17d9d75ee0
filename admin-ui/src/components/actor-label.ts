import type { AuditEntry } from '../api/types';

/** Who made an audit entry, in words: the person's name (and token), or the part of Racedesk. */
export function actorLabel(entry: Pick<AuditEntry, 'actor' | 'actorName'>): string {
  const { actor } = entry;
  if (!actor) return '—';
  if (actor.kind === 'user') {
    const name = entry.actorName ?? `user ${actor.userId ?? '?'}`;
    return actor.tokenId ? `${name} (API token ${actor.tokenId})` : name;
  }
  if (actor.kind === 'system') return actor.component ? `Racedesk (${actor.component})` : 'Racedesk';
  return 'someone signed out';
}
