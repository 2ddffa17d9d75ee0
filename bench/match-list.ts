import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createOrg, createToken, signIn } from '@racedesk/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { startBenchApp } from './lib/bench-app.js';
import { defineBenchmark } from './lib/define-benchmark.js';
import { type LoadResult, loadUrl } from './lib/load.js';
import { median, medianInterval, percentile } from './lib/stats.js';

const MATCHES = 100_000;
const STEP_MINUTES = 10;
const START = Date.parse('2030-01-01T00:00:00Z');
const PAGE = 50;

// The SQL the match list runs for one page (matches in the window, then their players), served bare.
const PAGE_SQL = `select m.*, s.source, s.external_id from matches m
  left join match_sources s on s.match_id = m.id
  where m.org_id = $1 and m.scheduled_at >= $2 and m.scheduled_at < $3
  order by m.scheduled_at asc, m.id asc limit $4`;
const PLAYERS_SQL = `select p.*, u.display_name, u.discord_username from match_players p
  join users u on u.id = p.user_id where p.match_id = any($1) order by p.match_id, p.seat`;

async function listen(app: FastifyInstance, path: string): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;
}

export default defineBenchmark({
  name: 'match-list',
  description: `GET /matches?from&to: a page of ${PAGE} of ${MATCHES / 1000}k matches with an API token vs the same SQL on a bare Fastify + pg route`,
  async run({ quick, log }) {
    const seconds = 1;
    const roundCount = quick ? 5 : 20;
    const connections = 16;
    const core = await startBenchApp([]);
    const pool = new pg.Pool({ connectionString: core.databaseUrl, max: 10 });
    const bare = Fastify({ logger: false });
    try {
      const { app } = core;
      const root = await signIn(app, { superadmin: true });
      const org = await createOrg(app, root, 'bench');
      const token = await createToken(app, root, org, 'member');
      const players = await Promise.all(
        Array.from({ length: 40 }, (_, i) => signIn(app, { username: `p${i}` })),
      );
      const tournament = await app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${org}/tournaments`,
        headers: root.headers,
        payload: { slug: 'bench', name: 'Bench' },
      });
      const orgId = (await app.racedesk.db('organizations').where({ slug: org }).first('id')).id as number;
      const ids = players.map((p) => p.userId);
      log(`seeding ${MATCHES} matches`);
      await app.racedesk.db.raw(
        `insert into matches (org_id, tournament_id, title, scheduled_at, created_at, updated_at)
         select ?, ?, 'Match ' || g, ?::timestamptz + (g * interval '${STEP_MINUTES} minutes'), now(), now()
         from generate_series(1, ?) g`,
        [orgId, tournament.json().id, new Date(START).toISOString(), MATCHES],
      );
      await app.racedesk.db.raw(
        `insert into match_players (match_id, user_id, seat)
         select m.id, (?::bigint[])[1 + (m.id + s) % ?], s from matches m, generate_series(1, 2) s`,
        [ids, ids.length],
      );
      await app.racedesk.db.raw('analyze');
      // A window in the middle holding exactly PAGE matches.
      const from = new Date(START + (MATCHES / 2) * STEP_MINUTES * 60_000);
      const to = new Date(from.getTime() + PAGE * STEP_MINUTES * 60_000);
      const query = `from=${from.toISOString()}&to=${to.toISOString()}&limit=${PAGE}`;

      bare.get('/matches', async () => {
        const page = await pool.query(PAGE_SQL, [orgId, from, to, PAGE + 1]);
        const rows = page.rows.slice(0, PAGE);
        const people = await pool.query(PLAYERS_SQL, [rows.map((r) => r.id)]);
        return {
          items: rows.map((r) => ({ ...r, players: people.rows.filter((p) => p.match_id === r.id) })),
        };
      });
      const apiUrl = await listen(app, `/api/v1/orgs/${org}/matches?${query}`);
      const bareUrl = await listen(bare, '/matches');
      const auth = { authorization: `Bearer ${token}` };
      const check = await app.inject({
        method: 'GET',
        url: new URL(apiUrl).pathname + new URL(apiUrl).search,
        headers: auth,
      });
      if (check.json().items?.length !== PAGE)
        throw new Error(`expected ${PAGE} matches: ${check.body.slice(0, 200)}`);

      const loadAtStart = loadavg()[0]!;
      await loadUrl(bareUrl, 2, connections);
      await loadUrl(apiUrl, 2, connections, auth);
      // Many short runs, strictly alternating API, bare, API, bare, ..., API: each bare run is
      // bracketed by two API runs and compared with their mean, so load from other processes that
      // drifts during the run cancels out of each ratio, and the median of many ratios ignores bursts.
      const apiRuns: LoadResult[] = [await loadUrl(apiUrl, seconds, connections, auth)];
      const bareRuns: LoadResult[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < roundCount; round++) {
        const bareRun = await loadUrl(bareUrl, seconds, connections);
        const apiRun = await loadUrl(apiUrl, seconds, connections, auth);
        const before = apiRuns.at(-1)!;
        bareRuns.push(bareRun);
        apiRuns.push(apiRun);
        const ratio = (before.requestsPerSecond + apiRun.requestsPerSecond) / 2 / bareRun.requestsPerSecond;
        ratios.push(ratio);
        log(
          `round ${round + 1}: bare ${Math.round(bareRun.requestsPerSecond)} req/s, api ${Math.round(apiRun.requestsPerSecond)} req/s, ratio ${ratio.toFixed(3)}`,
        );
      }
      const rps = (runs: LoadResult[]) => median(runs.map((r) => r.requestsPerSecond));
      const p99 = (runs: LoadResult[]) => median(runs.map((r) => r.p99LatencyMs));
      const ratio = median(ratios);
      const [low, high] = medianInterval(ratios);
      const [q1, q3] = [percentile(ratios, 25), percentile(ratios, 75)];
      const f = (x: number) => x.toFixed(3);
      return {
        figures: [
          {
            label: `match list / bare throughput, median of ${roundCount} paired ratios`,
            unit: 'ratio',
            value: ratio,
            goal: { on: 'value', min: 0.6 },
          },
          {
            label: 'ratio spread (interquartile range)',
            unit: 'ratio',
            value: q3 - q1,
          },
          {
            label: 'match list throughput (median run)',
            unit: 'req/s',
            value: rps(apiRuns),
            baseline: { label: 'bare Fastify + pg', value: rps(bareRuns) },
          },
          {
            label: 'match list p99 latency (median run)',
            unit: 'ms',
            value: p99(apiRuns),
            baseline: { label: 'bare Fastify + pg', value: p99(bareRuns) },
          },
        ],
        notes: [
          `${MATCHES} matches (2 players each) in one org, a ${PAGE}-match window in the middle, API token (member role) on the API side`,
          `autocannon child process, ${connections} connections, runs of ${seconds} s after a 2 s warm-up per side, alternating API, bare, API, …: ${roundCount} bare runs, ${roundCount + 1} API runs; each ratio is the mean of the two API runs around a bare run over that bare run`,
          `throughput ratio: median ${f(ratio)}, interquartile ${f(q1)}–${f(q3)}, 95 % interval of the median ${f(low)}–${f(high)}, range ${f(Math.min(...ratios))}–${f(Math.max(...ratios))}`,
          'bare side: the same two SQL queries (page + players) through pg, no auth, schema or serializer; API side: those two plus one guard query (token, owner, org, membership)',
          `load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}`,
        ],
      };
    } finally {
      await bare.close();
      await pool.end();
      await core.close();
    }
  },
});
