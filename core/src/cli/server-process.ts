import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

/** Set in the server process `racedesk serve` starts, so that it does not start another. */
const SUPERVISED = 'RACEDESK_SERVER_PROCESS';
const POOL_FLAG = '--v8-pool-size';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The Node flags the server process runs with (see docs/adr/0009-server-v8-pool-size.md). V8 does its
 * garbage collection's concurrent marking and parallel work on Node's platform threads, four by default
 * whatever the machine. On a small machine they take every core during a mark-compact, and the event
 * loop (and a PostgreSQL on the same box) waits: the room fan-out benchmark's latency tail on two
 * cores. The server keeps one core free of them: one thread fewer than the cores, between 1 and 4.
 */
export function serverNodeFlags(cores = availableParallelism()): string[] {
  return [`${POOL_FLAG}=${Math.min(4, Math.max(1, cores - 1))}`];
}

/** True when this process already runs with a platform pool size chosen by Racedesk or by the operator. */
function hasPoolSize(): boolean {
  return (
    process.env[SUPERVISED] === '1' ||
    process.execArgv.some((a) => a.startsWith(POOL_FLAG)) ||
    (process.env.NODE_OPTIONS ?? '').includes(POOL_FLAG)
  );
}

/**
 * For `racedesk serve` (called by `bin/racedesk.js` before anything else is loaded): starts the same
 * command in a child Node process with {@link serverNodeFlags} (a platform pool size can only be set when
 * Node starts) unless this process already has a pool size; resolves with the child's exit code, or is
 * null when the server should run in this process. The child shares the terminal, gets the signals this
 * process gets, and shuts down gracefully if this process dies. This module imports nothing heavy.
 */
export function runServerProcess(): Promise<number> | null {
  if (hasPoolSize() || !process.argv[1]) return null;
  const child = spawn(
    process.execPath,
    [...serverNodeFlags(), ...process.execArgv, process.argv[1], ...process.argv.slice(2)],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, [SUPERVISED]: '1' } },
  );
  // A signal sent to the whole process group reaches the child twice; its shutdown runs once.
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** In the server process: shut down gracefully (SIGTERM) when the process that started it is gone. */
export function followParentProcess(): void {
  if (process.env[SUPERVISED] !== '1' || !process.send) return;
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
