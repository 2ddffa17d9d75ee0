import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./racetime-emulator-child.ts', import.meta.url));

/** What the parent asks of the emulator process. */
export type EmulatorRequest =
  | { op: 'url' }
  | { op: 'registerBot'; input: { category: string; name: string } }
  | { op: 'registerUsers'; count: number; prefix: string }
  | { op: 'openRaces'; count: number; bot: string }
  | { op: 'followed'; slugs: string[] }
  | { op: 'raceCount'; category: string }
  | { op: 'join'; slugs: string[]; userIds: string[] }
  | { op: 'burst'; slugs: string[] }
  | { op: 'steady'; slugs: string[]; perSecond: number; count: number }
  | { op: 'now' }
  | { op: 'close' };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The same clock in every process: wall-clock origin plus monotonic time since (ms). */
export const stamp = (): number => performance.timeOrigin + performance.now();

/**
 * A racetime emulator running in a child process (as racetime.gg runs on another machine), driven over
 * IPC. Send moments it reports are on this process's {@link stamp} clock (the offset is measured).
 */
export class RacetimeEmulatorProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  /** Child clock minus this process's clock, ms. */
  private offset = 0;
  url = '';
  wsUrl = '';

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  static async start(): Promise<RacetimeEmulatorProcess> {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
    });
    const emulator = new RacetimeEmulatorProcess(child);
    const { url, wsUrl } = (await emulator.request({ op: 'url' })) as { url: string; wsUrl: string };
    emulator.url = url;
    emulator.wsUrl = wsUrl;
    await emulator.calibrate();
    return emulator;
  }

  request(request: EmulatorRequest): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.ok ? resolve(reply.value) : reject(new Error(reply.error))));
      this.child.send({ id, request });
    });
  }

  async registerBot(input: { category: string; name: string }) {
    return (await this.request({ op: 'registerBot', input })) as { clientId: string; clientSecret: string };
  }

  /** Rooms the emulator holds in a category. */
  async raceCount(category: string): Promise<number> {
    return (await this.request({ op: 'raceCount', category })) as number;
  }

  /** Send moments from the child, on this process's clock. */
  local(stamps: number[]): number[] {
    return stamps.map((at) => at - this.offset);
  }

  async close(): Promise<void> {
    await this.request({ op: 'close' }).catch(() => undefined);
    this.child.kill();
  }

  /** The clock offset from the round trip with the least delay out of 50 (its midpoint). */
  private async calibrate(): Promise<void> {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 50; i++) {
      const before = stamp();
      const theirs = (await this.request({ op: 'now' })) as number;
      const after = stamp();
      if (after - before < best) {
        best = after - before;
        this.offset = theirs - (before + after) / 2;
      }
    }
  }
}
