import { performance } from 'node:perf_hooks';
import { defineBenchmark } from './lib/define-benchmark.js';
import {
  benchOrg,
  benchPlayer,
  benchTournament,
  startRacetimeBench,
  waitUntil,
} from './lib/racetime-bench.js';
import { RacetimeEmulatorProcess } from './lib/racetime-emulator-process.js';
import { percentile } from './lib/stats.js';

const OPEN_MINUTES = 60;

/**
 * The room wave: 500 matches across 50 tournaments all due to open in the same minute, on real time,
 * against the racetime emulator over HTTP and WebSocket. Lateness is each room's `opened_at` minus its
 * due time (`scheduledAt − 60 min`). Baseline: the same number of `startrace` calls fired straight at the
 * emulator with the job's concurrency, timed from the due moment (what opening 500 rooms costs anyone).
 */
export default defineBenchmark({
  name: 'racetime-room-wave',
  description:
    '500 matches across 50 tournaments due at the same moment: lateness to room open, rooms created',
  async run({ quick, log }) {
    const tournaments = quick ? 10 : 50;
    const perTournament = 10;
    const matches = tournaments * perTournament;
    const bench = await startRacetimeBench([], RacetimeEmulatorProcess.start);
    try {
      const org = await benchOrg(bench, 'wave');
      const players = [await benchPlayer(bench, org, 'Mario'), await benchPlayer(bench, org, 'Luigi')];
      const ids: number[] = [];
      for (let i = 0; i < tournaments; i++)
        ids.push(
          await benchTournament(bench, org, `cup-${i}`, {
            autoCreateRooms: true,
            openMinutesBefore: OPEN_MINUTES,
          }),
        );
      // All due at the same moment a margin after setup ends (matches at 18:00 sharp: the worst case).
      const margin = quick ? 30_000 : 90_000;
      const dueFrom = Date.now() + margin;
      const setupStarted = performance.now();
      for (let i = 0; i < matches; i++) {
        const due = dueFrom;
        await bench.call('POST', `/api/v1/orgs/${org}/matches`, {
          tournamentId: ids[i % tournaments],
          title: `Match ${i}`,
          scheduledAt: new Date(due + OPEN_MINUTES * 60_000).toISOString(),
          players: players.map((p) => p.userId),
        });
      }
      log(`${matches} matches created in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
      if (Date.now() >= dueFrom) throw new Error('setup ran past the due time; the wave would not be a wave');

      const db = bench.app.racedesk.db;
      await waitUntil('every room open', margin + 120_000, async () => {
        const row = await db('racetime_match_rooms').whereNotNull('opened_at').count('* as n').first();
        return Number(row?.n) >= matches;
      });
      const rows = await db('racetime_match_rooms as r')
        .join('matches as m', 'm.id', 'r.match_id')
        .select('r.opened_at', 'm.scheduled_at');
      const lateness = rows.map(
        (r) =>
          (new Date(r.opened_at).getTime() - (new Date(r.scheduled_at).getTime() - OPEN_MINUTES * 60_000)) /
          1000,
      );
      const rooms = await bench.emulator.raceCount('alttpr');
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // a late duplicate would show by now
      const roomsAfter = await bench.emulator.raceCount('alttpr');

      // Baseline: the same startrace calls, 20 at a time (the job's concurrency), straight at the emulator.
      const token = await fetchBotToken(bench.emulator.url, bench.bot);
      const baseline: number[] = [];
      const b0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < matches) {
            next++;
            const res = await fetch(`${bench.emulator.url}/o/alttpr/startrace`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({
                goal: 'Beat the game',
                invitational: 'true',
                info_bot: 'baseline',
              }),
            });
            await res.text();
            baseline.push((performance.now() - b0) / 1000);
          }
        }),
      );
      return {
        figures: [
          {
            label: `lateness p50, ${matches} rooms`,
            unit: 's',
            value: percentile(lateness, 50),
            baseline: { label: 'bare startrace p50', value: percentile(baseline, 50) },
          },
          {
            label: `lateness p99, ${matches} rooms`,
            unit: 's',
            value: percentile(lateness, 99),
            baseline: { label: 'bare startrace p99', value: percentile(baseline, 99) },
            goal: { on: 'value', max: 5 },
          },
          { label: 'lateness max', unit: 's', value: Math.max(...lateness) },
          {
            label: 'rooms created',
            unit: 'rooms',
            value: roomsAfter,
            goal: { on: 'value', min: matches, max: matches + 1 },
          },
        ],
        notes: [
          `${matches} matches (${tournaments} tournaments × ${perTournament}) all due at the same moment; the racetime emulator runs in a process of its own (as racetime.gg runs elsewhere) on the same 2 cores`,
          'lateness = racetime_match_rooms.opened_at − (scheduledAt − 60 min): one-off job wake-up, checks, claim, category data, startrace, saving and announcing the room',
          `rooms seen when the last opened: ${rooms}, 2 s later: ${roomsAfter}`,
          'baseline: the same number of startrace POSTs, 20 at a time, timed from the start of the burst',
        ],
      };
    } finally {
      await bench.close();
    }
  },
});

async function fetchBotToken(base: string, bot: { clientId: string; clientSecret: string }): Promise<string> {
  const res = await fetch(`${base}/o/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no bot token: ${JSON.stringify(body)}`);
  return body.access_token;
}
