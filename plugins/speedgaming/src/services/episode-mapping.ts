import type { ParsedCrewMember, ParsedEpisode, ParsedMatch } from '../clients/parsed-episode.js';
import { mapCrew, mapPlayer } from './episode-mapping-people.js';
import type {
  EpisodeImport,
  EpisodeMappingOptions,
  ImportChannel,
  ImportCrew,
  ImportCrewRole,
  ImportNote,
  ImportPlayer,
} from './episode-mapping-types.js';

// SG's crew lists and the core roles they become; `helpers` has no core role.
const CREW_LISTS: readonly [ImportCrewRole, (e: ParsedEpisode) => ParsedCrewMember[]][] = [
  ['commentator', (e) => e.commentators],
  ['tracker', (e) => e.trackers],
  ['restreamer', (e) => e.broadcasters],
];
// midos.house: this channel slug means "not restreamed" (reference §3.3).
const NO_RESTREAM = 'norestream';

/** Turns a parsed SpeedGaming episode into the record the sync writes (pure). */
export function mapEpisode(episode: ParsedEpisode, options: EpisodeMappingOptions): EpisodeImport {
  const notes: ImportNote[] = [];
  if (episode.timezone !== null) notes.push({ kind: 'unconfirmed_time', timezone: episode.timezone });
  const matches = episode.match2 ? [episode.match1, episode.match2] : [episode.match1];
  const players = mapPlayers(matches, notes);
  if (players.length === 0) notes.push({ kind: 'no_players' });
  return {
    externalId: episode.id,
    eventSlug: episode.event.slug,
    title: titleOf(episode, matches),
    scheduledAt: episode.whenCountdown,
    airtime: episode.when,
    lengthMinutes: episode.lengthMinutes,
    timeConfirmed: episode.timezone === null,
    approved: episode.approved,
    sgMatchIds: matches.map((m) => m.id),
    players,
    crew: mapCrewLists(episode, options, notes),
    channels: episode.channels.filter((c) => c.slug?.toLowerCase() !== NO_RESTREAM).map(channel),
    notes,
  };
}

/** sglman's rule: the first non-empty of episode title, match titles, match notes. */
function titleOf(episode: ParsedEpisode, matches: ParsedMatch[]): string | null {
  const candidates = [episode.title, ...matches.map((m) => m.title), ...matches.map((m) => m.note)];
  return candidates.find((c) => c !== null) ?? null;
}

function mapPlayers(matches: ParsedMatch[], notes: ImportNote[]): ImportPlayer[] {
  const players: ImportPlayer[] = [];
  const seen = new Set<number>();
  matches.forEach((match, index) => {
    for (const raw of match.players) {
      // One seat per person even if SG lists them twice (both matches of a doubleheader).
      if (seen.has(raw.id)) {
        notes.push({ kind: 'duplicate_player', sgId: raw.id });
        continue;
      }
      const player = mapPlayer(raw, index === 0 ? 1 : 2, notes);
      if (!player) continue;
      seen.add(raw.id);
      players.push(player);
    }
  });
  return players;
}

function mapCrewLists(
  episode: ParsedEpisode,
  options: EpisodeMappingOptions,
  notes: ImportNote[],
): ImportCrew[] {
  const crew: ImportCrew[] = [];
  for (const [role, list] of CREW_LISTS) {
    if (!options.crewRoles.includes(role)) continue;
    const seen = new Set<number>();
    for (const raw of list(episode)) {
      if (seen.has(raw.id) || (options.approvedCrewOnly && !raw.approved)) continue;
      seen.add(raw.id);
      crew.push(mapCrew(raw, role, notes));
    }
  }
  return crew;
}

function channel(raw: ParsedEpisode['channels'][number]): ImportChannel {
  return {
    name: raw.name,
    slug: raw.slug,
    language: raw.language,
    url: raw.slug ? `https://twitch.tv/${raw.slug}` : null,
  };
}
