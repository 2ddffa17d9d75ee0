import type { Clock } from '@racedesk/core';
import { buildChannel, fakeSnowflake } from './episode-factory.js';
import { formatSgTime } from './sg-time.js';
import type { SpeedGamingStore } from './store.js';
import type { SgChannel, SgCrewMember, SgEpisode, SgEvent, SgPlayer } from './types.js';

/** Size and shape of a generated schedule. */
export interface BulkScheduleOptions {
  /** Episodes to create (default 5,000). */
  episodes?: number;
  /** Distinct people drawn on for players and crew (default 20,000). */
  people?: number;
  /** Events the episodes are spread over (default 10, slugs `bulk1`...). */
  events?: number;
  /** First airtime (default: the store clock's now, to the minute). */
  start?: Date;
  /** Airtimes are spread evenly over this span (default 7 days). */
  spanMs?: number;
  /** PRNG seed, so a benchmark sees the same data every run (default 1). */
  seed?: number;
}

/** What was generated, for assertions. */
export interface BulkScheduleResult {
  events: SgEvent[];
  episodeIds: number[];
  peopleCount: number;
}

const CHANNELS = ['SpeedGaming', 'SpeedGaming2', 'SpeedGamingFR', 'SpeedGamingDE'];
const LANGUAGES = ['en', 'en', 'fr', 'de'];

/** Mulberry32: tiny and fast; quality is irrelevant here, reproducibility is not. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills the store with a large realistic schedule in one pass, bypassing per-episode defaults
 * (5,000 episodes / 20,000 people take well under a second). Each episode has two runners and
 * 0-2 commentators, 0-1 tracker and 0-1 restreamer; about 1 in 10 is unapproved and 1 in 20 a
 * doubleheader.
 */
export function generateBulkSchedule(
  store: SpeedGamingStore,
  clock: Clock,
  options: BulkScheduleOptions = {},
): BulkScheduleResult {
  const episodeTotal = options.episodes ?? 5000;
  const peopleTotal = Math.max(2, options.people ?? 20_000);
  const start = Math.floor((options.start ?? clock.now()).getTime() / 60_000) * 60_000;
  const span = options.spanMs ?? 7 * 86_400_000;
  const random = prng(options.seed ?? 1);
  const pick = (n: number) => Math.floor(random() * n);

  const firstPerson = store.ids.take('person');
  for (let i = 1; i < peopleTotal; i++) store.ids.take('person');
  const personAt = (i: number) => {
    const id = firstPerson + i;
    const name = `Bulk${id}`;
    const linked = i % 5 !== 0;
    return { id, name, discordId: linked ? fakeSnowflake(id) : '', handle: name.toLowerCase() };
  };
  const player = (i: number): SgPlayer => {
    const p = personAt(i);
    const base = { id: p.id, displayName: p.name, discordId: p.discordId, discordTag: p.handle };
    return { ...base, publicStream: p.handle, streamingFrom: p.handle };
  };
  const crew = (i: number): SgCrewMember => {
    const p = personAt(i);
    const [approved, ready] = [random() < 0.7, random() < 0.4];
    const base = { id: p.id, displayName: p.name, discordId: p.discordId, discordTag: p.handle };
    return { ...base, publicStream: p.handle, approved, ready, partner: '', language: 'en' };
  };
  const crewList = (max: number) => Array.from({ length: pick(max + 1) }, () => crew(pick(peopleTotal)));

  const events = Array.from({ length: Math.max(1, options.events ?? 10) }, (_, i) => {
    const slug = `bulk${i + 1}`;
    store.addEvent({ slug, name: `Bulk Event ${i + 1}`, shortName: `Bulk ${i + 1}` });
    return store.liveEvent(slug)!;
  });
  const channelPool = CHANNELS.map((name, c) => buildChannel(store.ids, { name, language: LANGUAGES[c] }));
  const episodes: SgEpisode[] = [];
  for (let i = 0; i < episodeTotal; i++) {
    const when = formatSgTime(new Date(start + Math.floor((i * span) / episodeTotal / 60_000) * 60_000));
    const channels: SgChannel[] = pick(3) === 0 ? [] : [{ ...channelPool[pick(channelPool.length)]! }];
    const doubleheader = i % 20 === 19;
    episodes.push({
      id: store.ids.take('episode'),
      title: '',
      when,
      whenCountdown: when,
      length: 90,
      timezone: '',
      approved: i % 10 !== 9,
      externalRestream: false,
      event: events[i % events.length]!,
      match1: {
        id: store.ids.take('match'),
        title: `Round ${1 + (i % 8)}`,
        note: '',
        players: [player(pick(peopleTotal)), player(pick(peopleTotal))],
      },
      match2: doubleheader
        ? { id: store.ids.take('match'), title: '', note: 'Game 2', players: [player(pick(peopleTotal))] }
        : null,
      channels,
      commentators: crewList(2),
      trackers: crewList(1),
      broadcasters: crewList(1),
      helpers: [],
    });
  }
  store.insertEpisodes(episodes);
  return {
    events: events.map((e) => structuredClone(e)),
    episodeIds: episodes.map((e) => e.id),
    peopleCount: peopleTotal,
  };
}
