import {
  api,
  createTestApp,
  type Person,
  type SpeedGamingEmulator,
  signIn,
  startSpeedGamingEmulator,
  type TestApp,
  TestClock,
} from '@racedesk/testkit';
import { plugin } from '../../src/index.js';

/** Something with a teardown hook, such as tap's `t`. */
interface Teardown {
  teardown(fn: () => Promise<void> | void): void;
}

/** An app with the speedgaming plugin against an emulator, an org with it on and one importing tournament. */
export interface SgTestApp extends TestApp {
  sg: SpeedGamingEmulator;
  root: Person;
  org: string;
  orgId: number;
  tournamentId: number;
  base: string;
  /** `POST .../sync` and its record. */
  sync(expected?: number): Promise<SyncBody>;
  /** A minute later (SpeedGaming's poll limit), `POST .../sync` again. */
  resync(expected?: number): Promise<SyncBody>;
}

/** The sync record as the API answers it. */
export interface SyncBody {
  id: number;
  status: string;
  imported: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  skipped: number;
  stale: number;
  errors: number;
  error: string | null;
  rejections: { episodeId: number | null; reason: string }[];
}

export const EVENT = 'alttprleague';
export const START = '2026-07-20T12:00:00Z';

/** Starts everything; pass `database` + `clock` + `sg` to add a second instance on the same data. */
export async function sgTestApp(
  t: Teardown,
  options: {
    clock?: TestClock;
    sg?: SpeedGamingEmulator;
    database?: TestApp['database'];
    setup?: boolean;
    /** Time between automatic imports (default P1D: tests run imports by hand). */
    interval?: string;
    /** Requests per SpeedGaming call (default 1; retries wait on the test clock). */
    requestAttempts?: number;
  } = {},
): Promise<SgTestApp> {
  const clock = options.clock ?? new TestClock(START);
  const sg = options.sg ?? (await startSpeedGamingEmulator({ clock }));
  if (!options.sg) t.teardown(() => sg.close());
  const testApp = await createTestApp({
    plugins: [plugin],
    clock,
    t,
    database: options.database,
    rateLimits: false,
    config: {
      plugins: {
        speedgaming: {
          speedgamingUrl: sg.url,
          requestAttempts: options.requestAttempts ?? 1,
          requestTimeoutMs: 2000,
        },
      },
    },
  });
  const { app } = testApp;
  // The import job runs once at boot; let that happen before there is anything to import, so only
  // the test decides when imports run.
  await testApp.settle();
  const root = await signIn(app, { superadmin: true, username: `root${Math.random()}` });
  let orgId = 0;
  let tournamentId = 0;
  const org = 'league';
  if (options.setup !== false) {
    orgId = (await api<{ id: number }>(app, root, 'POST', '/api/v1/orgs', { slug: org, name: 'League' }, 201))
      .id;
    await api(app, root, 'PUT', `/api/v1/orgs/${org}/plugins/speedgaming`, { enabled: true, settings: {} });
    tournamentId = (
      await api<{ id: number }>(
        app,
        root,
        'POST',
        `/api/v1/orgs/${org}/tournaments`,
        { slug: 'season-5', name: 'Season 5' },
        201,
      )
    ).id;
    await api(app, root, 'PUT', `/api/v1/orgs/${org}/speedgaming/tournaments/${tournamentId}/settings`, {
      importEnabled: true,
      eventSlugs: [EVENT],
      crewRoles: ['commentator', 'tracker', 'restreamer'],
      // Tests run imports by hand (`sync`, `resync`); the job's own cadence is tested on its own.
      interval: options.interval ?? 'P1D',
    });
  } else {
    const row = await app.racedesk.db('organizations').where({ slug: org }).first('id');
    orgId = Number(row.id);
    tournamentId = Number((await app.racedesk.db('tournaments').where({ org_id: orgId }).first('id')).id);
  }
  const base = `/api/v1/orgs/${org}/speedgaming/tournaments/${tournamentId}`;
  return {
    ...testApp,
    sg,
    root,
    org,
    orgId,
    tournamentId,
    base,
    sync: (expected = 200) => api<SyncBody>(app, root, 'POST', `${base}/sync`, undefined, expected),
    async resync(expected = 200) {
      await testApp.advance('1m');
      return api<SyncBody>(app, root, 'POST', `${base}/sync`, undefined, expected);
    },
  };
}

/** The tournament's matches as the API lists them (with players). */
export async function matchesOf(x: SgTestApp) {
  const page = await api<{ items: MatchBody[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/matches?tournamentId=${x.tournamentId}&limit=100`,
  );
  return page.items;
}

/** A match as the API answers it. */
export interface MatchBody {
  id: number;
  title: string | null;
  scheduledAt: string;
  state: string;
  streamChannelId: number | null;
  players: { userId: number; displayName: string; seat: number }[];
}

/** Id of the newest event in the outbox (0 when none). */
export async function lastEventId(x: SgTestApp): Promise<number> {
  const row = await x.app.racedesk.db('events').max('id as id').first();
  return Number(row?.id ?? 0);
}

/** Names of the events after `afterId` except the plugin's own sync bookkeeping, oldest first. */
export async function eventsAfter(x: SgTestApp, afterId: number): Promise<string[]> {
  const rows = await x.app.racedesk
    .db('events')
    .where('id', '>', afterId)
    .whereNot({ name: 'speedgaming.sync.finished' })
    .orderBy('id')
    .select('name');
  return rows.map((r) => r.name as string);
}

/** Payloads of the events named `type` after `afterId`. */
export async function payloadsAfter<T = Record<string, unknown>>(
  x: SgTestApp,
  type: string,
  afterId: number,
) {
  const rows = await x.app.racedesk
    .db('events')
    .where('id', '>', afterId)
    .where({ name: type })
    .orderBy('id');
  return rows.map((r) => r.payload as T);
}

/** Active crew of a match as the API lists it. */
export async function crewOf(x: SgTestApp, matchId: number) {
  const res = await x.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${x.org}/matches/${matchId}/crew`,
    headers: x.root.headers,
  });
  if (res.statusCode !== 200) throw new Error(`crew: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return (Array.isArray(body) ? body : body.items) as {
    userId: number;
    role: string;
    approved: boolean;
    displayName: string;
  }[];
}

/** Events of a type the outbox holds, oldest first. */
export async function eventsOf(x: SgTestApp, type: string) {
  return x.app.racedesk.db('events').where({ name: type }).orderBy('id').select('payload');
}
