import { type DispatchedEvent, defineEvent, definePlugin, defineSubscriber } from '@racedesk/core';
import { Type } from 'typebox';
import WebSocket from 'ws';
import { profiled } from './lib/cpu-profile.js';
import { defineBenchmark } from './lib/define-benchmark.js';
import {
  benchOrg,
  benchPlayer,
  benchTournament,
  startRacetimeBench,
  waitUntil,
} from './lib/racetime-bench.js';
import { RacetimeEmulatorProcess, stamp } from './lib/racetime-emulator-process.js';
import { percentile } from './lib/stats.js';

// The racetime events as subscribers see them (only the fields the probe reads).
const EntrantStatusChanged = defineEvent(
  'racetime.entrant.status_changed',
  Type.Object({ roomName: Type.String() }, { additionalProperties: true }),
);
const EntrantJoined = defineEvent(
  'racetime.entrant.joined',
  Type.Object({ roomName: Type.String() }, { additionalProperties: true }),
);

/** How long the steady load lasts, and the windows whose p99 the log shows besides the whole run's. */
const STEADY_SECONDS = 30;
const WINDOW_SECONDS = 10;

/** When each update reached its reader, per room in arrival order (on the {@link stamp} clock). */
class Arrivals {
  byRoom = new Map<string, number[]>();
  count = 0;
  private waiter: { want: number; resolve: () => void } | null = null;

  seen(room: string): void {
    const at = stamp();
    const list = this.byRoom.get(room);
    if (list) list.push(at);
    else this.byRoom.set(room, [at]);
    this.count++;
    if (this.waiter && this.count >= this.waiter.want) {
      this.waiter.resolve();
      this.waiter = null;
    }
  }

  /** Forgets what arrived so far (the next phase starts counting from zero). */
  reset(): void {
    this.byRoom = new Map();
    this.count = 0;
  }

  /** Resolves as soon as `want` updates arrived; rejects after `timeoutMs`. */
  until(want: number, timeoutMs = 120_000): Promise<void> {
    if (this.count >= want) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.count} of ${want} updates arrived`)),
        timeoutMs,
      );
      this.waiter = {
        want,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

const probePlugin = (statuses: Arrivals, joins: Arrivals) =>
  definePlugin({
    id: 'probe',
    version: '1.0.0',
    core: '^0.1.0',
    dependsOn: ['racetime'],
    subscriptions: [
      defineSubscriber({
        id: 'stamp',
        event: EntrantStatusChanged,
        handler: (e: DispatchedEvent<typeof EntrantStatusChanged>) => statuses.seen(e.payload.roomName),
      }),
      defineSubscriber({
        id: 'joins',
        event: EntrantJoined,
        handler: (e: DispatchedEvent<typeof EntrantJoined>) => joins.seen(e.payload.roomName),
      }),
    ],
  });

/** What one reader (the app, or bare sockets) did under both loads. */
interface Run {
  burstPerSecond: number;
  burst: number[];
  steady: Latency[];
  /** Updates/s the reader delivered during the steady phase (first send to last arrival). */
  steadyPerSecond: number;
}

/**
 * 1,000 rooms followed at once (opened by the app, one bot socket each), one entrant per room toggling
 * ready / not ready: every toggle is a `race.data` frame the tracker diffs, stores and turns into a
 * `racetime.entrant.status_changed` event. The emulator runs in a child process (racetime.gg is a
 * remote server), so the process measured is the app alone. Two loads: bursts (every room at once, the
 * next round when all arrived) for the most the app sustains, and a steady 5,000 updates/s spread
 * evenly over the rooms for the latency of a live system. Baseline: the same toggles on as many rooms
 * the app does not know, read by bare `ws` clients that only parse the frames.
 */
export default defineBenchmark({
  name: 'racetime-room-fanout',
  description: '1,000 followed rooms emitting race.data: events/s through the bus, frame→subscriber p99, RSS',
  async run({ quick, log }) {
    const rooms = quick ? 100 : 1000;
    const rounds = quick ? 4 : 10;
    const perSecond = quick ? 1000 : 5000;
    const steadyCount = perSecond * (quick ? 3 : STEADY_SECONDS);
    const statuses = new Arrivals();
    const joins = new Arrivals();
    const bench = await startRacetimeBench([probePlugin(statuses, joins)], RacetimeEmulatorProcess.start);
    const { emulator } = bench;
    try {
      const org = await benchOrg(bench, 'fanout');
      // Subscribers only see events of orgs that have their plugin on.
      await bench.call('PUT', `/api/v1/orgs/${org}/plugins/probe`, { enabled: true, settings: {} });
      const players = [await benchPlayer(bench, org, 'Mario'), await benchPlayer(bench, org, 'Luigi')];
      const tournamentId = await benchTournament(bench, org, 'cup', { autoCreateRooms: false });
      const users = (await emulator.request({
        op: 'registerUsers',
        count: rooms * 2,
        prefix: 'Runner',
      })) as string[];

      // The app first: open every room through the API (the tracker follows each one).
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
      await waitUntil('every room followed', 60_000, async () => {
        return ((await emulator.request({ op: 'followed', slugs })) as number) === rooms;
      });
      await emulator.request({ op: 'join', slugs, userIds: users.slice(0, rooms) });
      await joins.until(rooms);
      let rss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        rss = Math.max(rss, process.memoryUsage().rss);
      }, 100);
      log(`app process before the updates: ${memory()}`);
      const app = await profiled(() =>
        measure(emulator, slugs, statuses, { rounds, perSecond, steadyCount }),
      );
      log(`app process after the updates: ${memory()}`);
      clearInterval(sampler);
      const steady = app.steady.map((l) => l.ms);
      const windows = windowP99(app.steady).map((ms) => ms.toFixed(1));
      log(
        `app: ${app.burstPerSecond.toFixed(0)} events/s burst, steady p99 ${percentile(steady, 99).toFixed(1)} ms (each ${WINDOW_SECONDS} s: ${windows.join(', ')} ms)`,
      );

      // Baseline: the same toggles on rooms the app never hears of, read by bare sockets.
      const bare = (await emulator.request({ op: 'openRaces', count: rooms, bot: 'Racedesk' })) as string[];
      const frames = new Arrivals();
      const token = await botToken(emulator.url, bench.bot);
      const sockets = await Promise.all(bare.map((slug) => bareSocket(emulator.wsUrl, slug, token, frames)));
      await frames.until(rooms); // each socket's first race.data
      await emulator.request({ op: 'join', slugs: bare, userIds: users.slice(rooms) });
      await frames.until(rooms * 2);
      frames.reset();
      const base = await measure(emulator, bare, frames, { rounds, perSecond, steadyCount });
      for (const ws of sockets) ws.close();
      const baseSteady = base.steady.map((l) => l.ms);

      const steadyLabel = `steady ${perSecond.toLocaleString('en')}/s`;
      return {
        figures: [
          {
            label: `burst: updates through the bus, ${rooms} rooms`,
            unit: 'events/s',
            value: app.burstPerSecond,
            baseline: { label: 'bare sockets, frames/s', value: base.burstPerSecond },
            goal: { on: 'value', min: 5000 },
          },
          {
            label: `${steadyLabel}: frame → subscriber p99`,
            unit: 'ms',
            value: percentile(steady, 99),
            baseline: { label: 'frame → bare socket p99', value: percentile(baseSteady, 99) },
            goal: { on: 'value', max: 50 },
          },
          {
            label: `${steadyLabel}: frame → subscriber p50`,
            unit: 'ms',
            value: percentile(steady, 50),
            baseline: { label: 'frame → bare socket p50', value: percentile(baseSteady, 50) },
          },
          {
            label: `${steadyLabel}: events/s delivered`,
            unit: 'events/s',
            value: app.steadyPerSecond,
            baseline: { label: 'bare sockets, frames/s', value: base.steadyPerSecond },
          },
          {
            label: 'burst: frame → subscriber p99',
            unit: 'ms',
            value: percentile(app.burst, 99),
            baseline: { label: 'frame → bare socket p99', value: percentile(base.burst, 99) },
          },
          {
            label: 'burst: frame → subscriber p50',
            unit: 'ms',
            value: percentile(app.burst, 50),
            baseline: { label: 'frame → bare socket p50', value: percentile(base.burst, 50) },
          },
          {
            label: 'RSS of the app process, peak while updating',
            unit: 'MB',
            value: rss / 2 ** 20,
            goal: { on: 'value', max: 500 },
          },
        ],
        notes: [
          'the racetime emulator runs in a child process (racetime.gg is a remote server): the measured process is the app alone, for the subject and the baseline alike; both share the 2 cores with it',
          `burst: ${rooms} rooms × ${rounds} rounds; each round toggles every room's entrant once, the next round starts when all of its events arrived; events/s over all rounds, and its latencies include the queue of the whole burst`,
          `steady: ${steadyCount.toLocaleString('en')} toggles offered at ${perSecond.toLocaleString('en')}/s, round robin (each room every ${((rooms / perSecond) * 1000).toFixed(0)} ms), for ${steadyCount / perSecond} s: long enough to include what a live system does every 10–30 s (lease rounds, entrant links read again); the latency goal is judged here`,
          'latency: from the moment the emulator process toggles (it sends the frame at once) to the subscriber starting, on one clock (the processes’ offset measured over IPC)',
          'RSS: the app process (app, subscribers, bench probe) while the app is measured; the baseline runs after it',
        ],
      };
    } finally {
      await bench.close();
    }
  },
});

/** Bursts, then the steady load, of toggles in `slugs` (one joined entrant each); `reader` sees them. */
async function measure(
  emulator: RacetimeEmulatorProcess,
  slugs: string[],
  reader: Arrivals,
  load: { rounds: number; perSecond: number; steadyCount: number },
): Promise<Run> {
  reader.reset();
  const burstSent = new Map<string, number[]>(slugs.map((s) => [s, []]));
  const started = stamp();
  for (let round = 0; round < load.rounds; round++) {
    const sent = emulator.local((await emulator.request({ op: 'burst', slugs })) as number[]);
    for (const [i, slug] of slugs.entries()) burstSent.get(slug)!.push(sent[i]!);
    await reader.until(slugs.length * (round + 1));
  }
  const burstPerSecond = (slugs.length * load.rounds) / ((stamp() - started) / 1000);
  const burst = latencies(burstSent, reader.byRoom).map((l) => l.ms);

  reader.reset();
  const sent = emulator.local(
    (await emulator.request({
      op: 'steady',
      slugs,
      perSecond: load.perSecond,
      count: load.steadyCount,
    })) as number[],
  );
  await reader.until(load.steadyCount);
  const steadySent = new Map<string, number[]>(slugs.map((s) => [s, []]));
  for (const [k, at] of sent.entries()) steadySent.get(slugs[k % slugs.length]!)!.push(at);
  const last = Math.max(...[...reader.byRoom.values()].map((l) => l[l.length - 1]!));
  return {
    burstPerSecond,
    burst,
    steady: latencies(steadySent, reader.byRoom),
    steadyPerSecond: load.steadyCount / ((last - sent[0]!) / 1000),
  };
}

const memory = () => {
  const m = process.memoryUsage();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  return `rss ${mb(m.rss)}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}`;
};

/** One update: when it was sent, and how long it took to arrive. */
interface Latency {
  at: number;
  ms: number;
}

/** Arrival minus send, per update (the n-th arrival of a room answers its n-th send). */
function latencies(sent: Map<string, number[]>, arrivals: Map<string, number[]>): Latency[] {
  const out: Latency[] = [];
  for (const [slug, stamps] of sent) {
    const got = arrivals.get(slug) ?? [];
    stamps.forEach((at, i) => {
      if (got[i] !== undefined) out.push({ at, ms: got[i]! - at });
    });
  }
  return out;
}

/** The p99 of the updates sent in each {@link WINDOW_SECONDS} window, in order. */
function windowP99(samples: readonly Latency[]): number[] {
  const first = samples.reduce((min, l) => Math.min(min, l.at), Infinity);
  const windows: number[][] = [];
  for (const { at, ms } of samples) {
    const i = Math.floor((at - first) / (WINDOW_SECONDS * 1000));
    windows[i] ??= [];
    windows[i].push(ms);
  }
  return windows.filter(Boolean).map((w) => percentile(w, 99));
}

/** A bare client of a room's bot socket that only parses the frames and notes each `race.data`. */
function bareSocket(wsUrl: string, slug: string, token: string, frames: Arrivals): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/ws/o/bot/${slug}`, { headers: { Authorization: `Bearer ${token}` } });
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string };
      if (frame.type === 'race.data') frames.seen(slug);
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
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
