import { pathToFileURL } from 'node:url';
import type { BenchmarkDefinition, BenchmarkOutcome } from './define-benchmark.js';

/** What a child process reports to the runner over IPC. */
export type ChildMessage = { ok: true; outcome: BenchmarkOutcome } | { ok: false; error: string };

// Runs one benchmark file in its own process so its heap, pools and servers never skew the next one.
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || !process.send) throw new Error('child.ts is started by bench/run.ts with a benchmark file');
  const loaded = (await import(pathToFileURL(file).href)) as { default?: BenchmarkDefinition };
  if (!loaded.default?.run) throw new Error(`${file} has no default export from defineBenchmark()`);
  const outcome = await loaded.default.run({
    quick: process.env.BENCH_QUICK === '1',
    log: (message) => process.stderr.write(`  [${loaded.default!.name}] ${message}\n`),
  });
  await send({ ok: true, outcome });
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

main()
  .catch((err: unknown) =>
    send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  )
  // Exit explicitly: a benchmark may leave sockets or pools behind, and the runner waits for exit.
  .finally(() => process.exit(0));
