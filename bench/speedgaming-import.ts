import { performance } from 'node:perf_hooks';
import { buildApp, validateConfig } from '@racedesk/core';
import { plugin } from '@racedesk/plugin-speedgaming';
import { createTestDatabase, signIn, startSpeedGamingEmulator, TestClock } from '@racedesk/testkit';
import { defineBenchmark, type Figure } from './lib/define-benchmark.js';

/**
 * The SpeedGaming import at the scale: a first import of 5,000 episodes with 20,000 people,
 * then a re-import with nothing changed, through `POST .../sync` against the emulator over HTTP.
 * Baseline: the same schedule requests and parsing alone (what any importer pays), timed in-process.
 */
export default defineBenchmark({
  name: 'speedgaming-import',
  description:
    'first import and no-change re-import of 5,000 episodes / 20,000 people vs fetching the schedule alone',
  async run({ quick, log }) {
    const episodes = Number(process.env.BENCH_EPISODES) || (quick ? 500 : 5000);
    const people = episodes * 4;
    // A test clock: the import may poll each event once a minute, so the re-import moves it a minute on.
    const clock = new TestClock(new Date());
    const sg = await startSpeedGamingEmulator({ clock });
    const bulk = sg.generateBulk({ episodes, people });
    const database = await createTestDatabase();
    const config = validateConfig({
      secretKey: 'b'.repeat(64),
      logLevel: 'silent',
      plugins: { speedgaming: { speedgamingUrl: sg.url, requestAttempts: 1, requestTimeoutMs: 60_000 } },
    });
    const app = await buildApp({
      config,
      databaseUrl: database.url,
      plugins: [plugin],
      clock,
      role: 'api',
      logger: false,
    });
    await app.ready();
    let queries = 0;
    // BENCH_SQL=1 prints the most frequent statements of each run (to see where round trips go) and
    // the ones that took longest in total (to see where the database time goes).
    const histogram = new Map<string, { count: number; ms: number }>();
    const started = new Map<string, number>();
    const statement = (sql: string) => {
      const entry = histogram.get(sql) ?? { count: 0, ms: 0 };
      histogram.set(sql, entry);
      return entry;
    };
    app.racedesk.db.on('query', (q: { sql: string; __knexQueryUid: string }) => {
      queries++;
      if (!process.env.BENCH_SQL) return;
      statement(q.sql).count++;
      started.set(q.__knexQueryUid, performance.now());
    });
    app.racedesk.db.on('query-response', (_: unknown, q: { sql: string; __knexQueryUid: string }) => {
      const t0 = started.get(q.__knexQueryUid);
      if (t0 === undefined) return;
      started.delete(q.__knexQueryUid);
      statement(q.sql).ms += performance.now() - t0;
    });
    const dumpSql = (run: string) => {
      if (!process.env.BENCH_SQL) return;
      const show = (rows: [string, { count: number; ms: number }][]) =>
        rows
          .map(
            ([sql, s]) =>
              `${String(s.count).padStart(7)} ${s.ms.toFixed(0).padStart(7)} ms  ${sql.slice(0, 150)}`,
          )
          .join('\n');
      const all = [...histogram];
      log(
        `${run}: most frequent statements (count, total time)\n${show(all.sort((a, b) => b[1].count - a[1].count).slice(0, 20))}`,
      );
      log(`${run}: slowest statements in total\n${show(all.sort((a, b) => b[1].ms - a[1].ms).slice(0, 10))}`);
      histogram.clear();
    };
    try {
      const root = await signIn(app, { superadmin: true });
      const call = async (method: 'POST' | 'PUT', url: string, payload?: object) => {
        const res = await app.inject({ method, url, headers: root.headers, ...(payload ? { payload } : {}) });
        if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
        return res.json();
      };
      await call('POST', '/api/v1/orgs', { slug: 'bench', name: 'Bench' });
      await call('PUT', '/api/v1/orgs/bench/plugins/speedgaming', { enabled: true, settings: {} });
      const tournament = await call('POST', '/api/v1/orgs/bench/tournaments', { slug: 'bulk', name: 'Bulk' });
      const base = `/api/v1/orgs/bench/speedgaming/tournaments/${tournament.id}`;
      await call('PUT', `${base}/settings`, {
        importEnabled: true,
        eventSlugs: bulk.events.map((e) => e.slug),
        windowAfter: 'P8D',
        crewRoles: ['commentator', 'tracker', 'restreamer'],
      });

      // The sync answers once every episode is committed; its events then reach subscribers (webhook
      // and notification fan-out) after commit. Both are timed, and each run starts with the bus idle.
      const timed = async () => {
        await app.racedesk.bus.idle();
        queries = 0;
        const t0 = performance.now();
        const record = await call('POST', `${base}/sync`);
        const ms = performance.now() - t0;
        const answered = queries;
        await app.racedesk.bus.idle();
        return {
          record,
          ms,
          queries: answered,
          settledMs: performance.now() - t0,
          dispatchQueries: queries - answered,
        };
      };
      const first = await timed();
      log(`first import: ${JSON.stringify({ ...first.record, rejections: first.record.rejections.length })}`);
      dumpSql('first import');
      clock.advance(60_000);
      const again = await timed();
      log(`re-import: ${JSON.stringify({ ...again.record, rejections: again.record.rejections.length })}`);
      dumpSql('re-import');
      if (first.record.imported + first.record.errors < episodes * 0.9 || again.record.imported !== 0) {
        throw new Error('the import did not do what it should; figures would be meaningless');
      }

      // Baseline: the same schedule requests plus JSON parsing, nothing written.
      const window = new URL(`${sg.url}/api/schedule/`);
      const b0 = performance.now();
      for (const event of bulk.events) {
        window.searchParams.set('event', event.slug);
        window.searchParams.set('from', new Date(clock.now().getTime() - 7_200_000).toISOString());
        window.searchParams.set('to', new Date(clock.now().getTime() + 8 * 86_400_000).toISOString());
        JSON.parse(await (await fetch(window)).text());
      }
      const fetchMs = performance.now() - b0;
      const perEpisode = (q: number) => q / episodes;
      const figures: Figure[] = [
        {
          label: `first import, ${episodes} episodes / ${people} people`,
          unit: 's',
          value: first.ms / 1000,
          baseline: { label: 'fetch + parse only', value: fetchMs / 1000 },
          goal: { on: 'value', max: 10 },
        },
        {
          label: 'no-change re-import',
          unit: 's',
          value: again.ms / 1000,
          baseline: { label: 'fetch + parse only', value: fetchMs / 1000 },
          goal: { on: 'value', max: 2 },
        },
        {
          label: 'first import until its events reached subscribers',
          unit: 's',
          value: first.settledMs / 1000,
          baseline: { label: 'fetch + parse only', value: fetchMs / 1000 },
        },
        { label: 'queries per episode, first import', unit: 'queries', value: perEpisode(first.queries) },
        {
          label: 'queries per episode, after-commit event dispatch',
          unit: 'queries',
          value: perEpisode(first.dispatchQueries),
        },
        {
          label: 'queries per run, no-change re-import',
          unit: 'queries',
          value: again.queries,
          goal: { on: 'value', max: 100 },
        },
      ];
      return {
        figures,
        notes: [
          `${first.record.imported} imported, ${first.record.errors} rejected (the generator's unapproved or undrawn episodes count here when they have no players)`,
          'queries are every statement the app sent during the sync request (knex query events), people and crew included',
        ],
      };
    } finally {
      await app.close();
      await sg.close();
      await database.drop();
      clock.uninstall();
    }
  },
});
