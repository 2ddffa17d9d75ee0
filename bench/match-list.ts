import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createOrg, createToken, signIn } from '@racedesk/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { startBenchApp } from './lib/bench-app.js';
import { defineBenchmark } from './lib/define-benchmark.js';
import { type LoadResult, loadUrl } from './lib/load.js';

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
    const seconds = quick ? 2 : 3;
    const roundCount = quick ? 1 : 5;
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

      await loadUrl(bareUrl, 2, connections);
      await loadUrl(apiUrl, 2, connections, auth);
      const rounds: Array<{ bare: LoadResult; api: LoadResult }> = [];
      for (let round = 0; round < roundCount; round++) {
        const bareRun = await loadUrl(bareUrl, seconds, connections);
        const apiRun = await loadUrl(apiUrl, seconds, connections, auth);
        rounds.push({ bare: bareRun, api: apiRun });
        log(
          `round ${round + 1}: bare ${Math.round(bareRun.requestsPerSecond)} req/s, api ${Math.round(apiRun.requestsPerSecond)} req/s`,
        );
      }
      const ratio = (r: (typeof rounds)[number]) => r.api.requestsPerSecond / r.bare.requestsPerSecond;
      const { bare: b, api: a } = [...rounds].sort((x, y) => ratio(x) - ratio(y))[
        Math.floor(rounds.length / 2)
      ]!;
      return {
        figures: [
          {
            label: 'match list throughput',
            unit: 'req/s',
            value: a.requestsPerSecond,
            baseline: { label: 'bare Fastify + pg', value: b.requestsPerSecond },
            goal: { on: 'ratio', min: 0.6 },
          },
          {
            label: 'match list p99 latency',
            unit: 'ms',
            value: a.p99LatencyMs,
            baseline: { label: 'bare Fastify + pg', value: b.p99LatencyMs },
          },
        ],
        notes: [
          `${MATCHES} matches (2 players each) in one org, a ${PAGE}-match window in the middle, API token (member role) on the API side`,
          `autocannon child process, ${connections} connections, ${roundCount} interleaved round(s) of ${seconds} s per side after a 2 s warm-up; the round with the median ratio is shown`,
          'bare side: the same two SQL queries (page + players) through pg, no auth, schema or serializer; API side: those two plus one guard query (token, owner, org, membership)',
          `load average at start ${loadavg()[0]!.toFixed(1)}`,
        ],
      };
    } finally {
      await bare.close();
      await pool.end();
      await core.close();
    }
  },
});
