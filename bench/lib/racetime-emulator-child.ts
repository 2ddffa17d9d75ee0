import { performance } from 'node:perf_hooks';
import { startRacetimeEmulator } from '@racedesk/testkit';
import type { EmulatorRequest } from './racetime-emulator-process.js';

// The racetime emulator in a process of its own, driven over IPC by racetime-emulator-process.ts: the
// app under test then has the CPU and the memory of its process to itself, as against the real racetime.gg.

const emulator = await startRacetimeEmulator();
/** Whether each joined entrant is ready now, by room slug (toggles flip it). */
const readiness = new Map<string, { userId: string; ready: boolean }>();

/** One clock for both processes: wall-clock origin plus the monotonic time since (ms). */
const stamp = () => performance.timeOrigin + performance.now();

function toggle(slug: string): number {
  const entrant = readiness.get(slug);
  if (!entrant) throw new Error(`no entrant joined in ${slug}`);
  const at = stamp();
  if (entrant.ready) emulator.players.unready(slug, entrant.userId);
  else emulator.players.ready(slug, entrant.userId);
  entrant.ready = !entrant.ready;
  return at;
}

/**
 * Toggles `count` times at `perSecond`, round robin over `slugs` (so each room every
 * slugs.length / perSecond seconds), sending what is due every millisecond; the send moments in order.
 */
function steady(slugs: string[], perSecond: number, count: number): Promise<number[]> {
  const sent: number[] = [];
  const started = performance.now();
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
      while (sent.length < due) sent.push(toggle(slugs[sent.length % slugs.length]!));
      if (sent.length < count) setTimeout(tick, 1);
      else resolve(sent);
    };
    tick();
  });
}

async function handle(request: EmulatorRequest): Promise<unknown> {
  switch (request.op) {
    case 'url':
      return { url: emulator.url, wsUrl: emulator.wsUrl };
    case 'registerBot':
      return emulator.registerBot(request.input);
    case 'registerUsers':
      return Array.from(
        { length: request.count },
        (_, i) => emulator.registerUser({ name: `${request.prefix}${i}` }).id,
      );
    case 'openRaces':
      return Array.from({ length: request.count }, () =>
        emulator.races.open('alttpr', { bot: request.bot, settings: { invitational: false } }),
      );
    case 'followed':
      return request.slugs.filter((s) => emulator.races.socketCount(s) === 1).length;
    case 'raceCount':
      return emulator.races.list(request.category).length;
    case 'join':
      request.slugs.forEach((slug, i) => {
        emulator.players.join(slug, request.userIds[i]!);
        readiness.set(slug, { userId: request.userIds[i]!, ready: false });
      });
      return null;
    case 'burst':
      return request.slugs.map(toggle);
    case 'steady':
      return steady(request.slugs, request.perSecond, request.count);
    case 'now':
      return stamp();
    case 'close':
      await emulator.close();
      return null;
  }
}

process.on('message', (message: { id: number; request: EmulatorRequest }) => {
  handle(message.request).then(
    (value) => process.send!({ id: message.id, ok: true, value }),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: String(error) }),
  );
});
process.send!({ id: 0, ok: true, value: 'ready' });
