import { createHash } from 'node:crypto';
import type { EpisodeImport } from './episode-mapping-types.js';

/** The stored form of an import: JSON with ISO times. */
export type StoredImport = Omit<EpisodeImport, 'scheduledAt' | 'airtime'> & {
  scheduledAt: string;
  airtime: string;
};

/** An import as stored in `speedgaming_episode_matches.snapshot`. */
export const toStored = (i: EpisodeImport): StoredImport => ({
  ...i,
  scheduledAt: i.scheduledAt.toISOString(),
  airtime: i.airtime.toISOString(),
});

/** A stored snapshot back as an import, for {@link diffImport}. */
export const fromStored = (s: StoredImport): EpisodeImport => ({
  ...s,
  scheduledAt: new Date(s.scheduledAt),
  airtime: new Date(s.airtime),
});

/** Equal hashes mean nothing the sync writes changed (notes are advice, not data). */
export function importHash(i: EpisodeImport): string {
  const { notes: _notes, ...data } = toStored(i);
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url');
}
