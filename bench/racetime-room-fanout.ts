import { performance } from 'node:perf_hooks';
import { type DispatchedEvent, defineEvent, definePlugin, defineSubscriber } from '@racedesk/core';
import { Type } from 'typebox';
import WebSocket from 'ws';
import { defineBenchmark } from './lib/define-benchmark.js';
import {
  benchOrg,
  benchPlayer,
  benchTournament,
  startRacetimeBench,
  waitUntil,
} from './lib/racetime-bench.js';
import { percentile } from './lib/stats.js';

// The racetime event as subscribers see it (only the fields the probe reads).
const EntrantStatusChanged = defineEvent(
  'racetime.entrant.status_changed',
  Type.Object({ roomName: Type.String(), newStatus: Type.String() }, { additionalProperties: true }),
);

/** Stamps when each entrant status change reaches a subscriber, per room, in arrival order. */
class Probe {
  readonly arrivals = new Map<string, number[]>();
  count = 0;
  seen(e: DispatchedEvent<typeof EntrantStatusChanged>): void {
    const list = this.arrivals.get(e.payload.roomName) ?? [];
    list.push(performance.now());
    this.arrivals.set(e.payload.roomName, list);
    this.count++;
  }
}

const probePlugin = (probe: Probe) =>
  definePlugin({
    id: 'probe',
    version: '1.0.0',
    core: '^0.1.0',
    dependsOn: ['racetime'],
    subscriptions: [
      defineSubscriber({ id: 'stamp', event: EntrantStatusChanged, handler: (e) => probe.seen(e) }),
    ],
  });

/**
 * 1,000 rooms followed at once (opened by the app, one bot socket each), one entrant per room toggling
 * ready / not ready: every toggle is a `race.data` frame the tracker diffs, stores and turns into a
 * `racetime.entrant.status_changed` event. Figures: events/s reaching a subscriber, frame → subscriber
 * latency, RSS. Baseline: the same toggles on as many rooms the app does not know, read by bare `ws`
 * clients that only parse the frames (what receiving the updates costs at all).
 */
export default defineBenchmark({
  name: 'racetime-room-fanout',
  description: '1,000 followed rooms emitting race.data: events/s through the bus, frame→subscriber p99, RSS',
  async run({ quick, log }) {
    const rooms = quick ? 100 : 1000;
    const rounds = quick ? 4 : 10;
    const probe = new Probe();
    const bench = await startRacetimeBench([probePlugin(probe)]);
    const { emulator } = bench;
    try {
      const org = await benchOrg(bench, 'fanout');
      // Subscribers only see events of orgs that have their plugin on.
      await bench.call('PUT', `/api/v1/orgs/${org}/plugins/probe`, { enabled: true, settings: {} });
      const players = [await benchPlayer(bench, org, 'Mario'), await benchPlayer(bench, org, 'Luigi')];
      const tournamentId = await benchTournament(bench, org, 'cup', { autoCreateRooms: false });
      const users = Array.from({ length: rooms * 2 }, (_, i) =>
        emulator.registerUser({ name: `Runner${i}` }),
      );

      // Baseline first, on rooms the app never hears of.
      const token = await botToken(emulator.url, bench.bot);
      const bare = Array.from({ length: rooms }, () =>
        emulator.races.open('alttpr', { bot: 'Racedesk', settings: { invitational: false } }),
      );
      const bareArrivals = new Map<string, number[]>();
      const sockets = await Promise.all(
        bare.map(
          (slug) =>
            new Promise<WebSocket>((resolve, reject) => {
              const ws = new WebSocket(`${emulator.wsUrl}/ws/o/bot/${slug}`, {
                headers: { Authorization: `Bearer ${token}` },
              });
              ws.on('message', (raw) => {
                const frame = JSON.parse(raw.toString()) as { type: string };
                if (frame.type !== 'race.data') return;
                const list = bareArrivals.get(slug) ?? [];
                list.push(performance.now());
                bareArrivals.set(slug, list);
              });
              ws.once('open', () => resolve(ws));
              ws.once('error', reject);
            }),
        ),
      );
      const bareRun = await toggleRooms(bare, users.slice(rooms), rounds, emulator, () =>
        [...bareArrivals.values()].reduce((n, l) => n + l.length, 0),
      );
      for (const ws of sockets) ws.close();
      const bareLatency = latencies(bareRun.sent, bareArrivals, 1 + 1); // initial race.data + the join

      // The app: open every room through the API (the tracker follows each one).
      const slugs: string[] = [];
      const t0 = performance.now();
      for (let i = 0; i < rooms; i++) {
        const { id } = await bench.call<{ id: number }>('POST', `/api/v1/orgs/${org}/matches`, {
          tournamentId,
          title: `Room ${i}`,
          scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
          players: players.map((p) => p.userId),
        });
        const room = await bench.call<{ slug: string }>(
          'POST',
          `/api/v1/orgs/${org}/racetime/matches/${id}/room`,
          { invitational: false },
        );
        slugs.push(room.slug.split('/')[1]!);
      }
      log(`${rooms} rooms opened in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await waitUntil('every room followed', 60_000, async () =>
        slugs.every((s) => emulator.races.socketCount(s) === 1),
      );
      let rss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        rss = Math.max(rss, process.memoryUsage().rss);
      }, 100);
      const appRun = await toggleRooms(slugs, users.slice(0, rooms), rounds, emulator, () => probe.count);
      clearInterval(sampler);
      const appLatency = latencies(appRun.sent, probe.arrivals, 0);
      const updates = rooms * rounds;
      return {
        figures: [
          {
            label: `updates through the bus, ${rooms} rooms`,
            unit: 'events/s',
            value: updates / appRun.seconds,
            baseline: { label: 'bare sockets, frames/s', value: updates / bareRun.seconds },
            goal: { on: 'value', min: 5000 },
          },
          {
            label: 'frame → subscriber p99',
            unit: 'ms',
            value: percentile(appLatency, 99),
            baseline: { label: 'frame → bare socket p99', value: percentile(bareLatency, 99) },
            goal: { on: 'value', max: 50 },
          },
          { label: 'frame → subscriber p50', unit: 'ms', value: percentile(appLatency, 50) },
          {
            label: 'RSS, peak while updating',
            unit: 'MB',
            value: rss / 2 ** 20,
            goal: { on: 'value', max: 500 },
          },
        ],
        notes: [
          `${rooms} rooms × ${rounds} rounds; each round toggles every room's entrant once, the next round starts when all of its events arrived`,
          'latency: from the moment the emulator is told to toggle (it sends the frame at once) to the subscriber starting; a round is a burst, so queueing inside it counts',
          'RSS is the whole process: app, emulator (2 × rooms races and users) and the baseline clients',
        ],
      };
    } finally {
      await bench.close();
    }
  },
});

type Emulator = Awaited<ReturnType<typeof startRacetimeBench>>['emulator'];

/** Joins one user per room, then toggles ready / not ready `rounds` times; returns send stamps per room. */
async function toggleRooms(
  slugs: string[],
  users: Array<{ id: string }>,
  rounds: number,
  emulator: Emulator,
  received: () => number,
): Promise<{ sent: Map<string, number[]>; seconds: number }> {
  for (const [i, slug] of slugs.entries()) emulator.players.join(slug, users[i]!.id);
  const base = received();
  const sent = new Map<string, number[]>(slugs.map((s) => [s, []]));
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    slugs.forEach((slug, i) => {
      sent.get(slug)!.push(performance.now());
      if (round % 2 === 0) emulator.players.ready(slug, users[i]!.id);
      else emulator.players.unready(slug, users[i]!.id);
    });
    const want = base + slugs.length * (round + 1);
    await waitUntil(`round ${round}`, 120_000, async () => received() >= want);
  }
  return { sent, seconds: (performance.now() - started) / 1000 };
}

/** Arrival minus send per toggle; `skip` arrivals per room came before the toggles. */
function latencies(sent: Map<string, number[]>, arrivals: Map<string, number[]>, skip: number): number[] {
  const out: number[] = [];
  for (const [slug, stamps] of sent) {
    const got = (arrivals.get(slug) ?? []).slice(skip);
    stamps.forEach((at, i) => {
      if (got[i] !== undefined) out.push(got[i]! - at);
    });
  }
  return out;
}

async function botToken(base: string, bot: { clientId: string; clientSecret: string }): Promise<string> {
  const res = await fetch(`${base}/o/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
