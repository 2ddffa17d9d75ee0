import { fork } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The module alone (it imports nothing heavy): the runner does not load the app it measures.
import { serverNodeFlags } from '../core/src/cli/server-process.js';
import type { ChildMessage } from './lib/child.js';
import type { BenchmarkOutcome } from './lib/define-benchmark.js';
import { figureRows, renderTable } from './lib/format.js';
import { goalMet, ratioOf } from './lib/goal.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const CHILD = join(BENCH_DIR, 'lib', 'child.ts');
// A hung benchmark is killed after this long (BENCH_TIMEOUT_MS overrides).
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS) || 10 * 60_000;

/** Every `bench/*.ts` but this runner is a benchmark; arguments keep those whose file name contains one. */
async function discover(filters: readonly string[]): Promise<string[]> {
  const files = (await readdir(BENCH_DIR)).filter((f) => f.endsWith('.ts') && f !== 'run.ts').sort();
  const chosen = filters.length ? files.filter((f) => filters.some((q) => f.includes(q))) : files;
  if (filters.length && chosen.length === 0) throw new Error(`no benchmark matches ${filters.join(', ')}`);
  return chosen.map((f) => join(BENCH_DIR, f));
}

/**
 * Runs one benchmark file in a child process (tsx loader, IPC for the outcome, a hard time limit), with
 * the Node flags `racedesk serve` gives the server process: the app is measured as it runs.
 */
function runInChild(file: string): Promise<BenchmarkOutcome> {
  return new Promise((resolve, reject) => {
    const execArgv = ['--import', 'tsx', ...serverNodeFlags()];
    const child = fork(CHILD, [file], { execArgv, stdio: 'inherit' });
    let message: ChildMessage | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('message', (m) => {
      message = m as ChildMessage;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message.outcome);
      else reject(new Error(message?.error ?? `child exited with ${signal ?? code} and no result`));
    });
  });
}

async function main(): Promise<void> {
  const files = await discover(process.argv.slice(2));
  await mkdir(RESULTS_DIR, { recursive: true });
  let failures = 0;
  for (const file of files) {
    const name = basename(file, '.ts');
    process.stdout.write(`\n▶ ${name}\n`);
    const started = new Date();
    try {
      const outcome = await runInChild(file);
      process.stdout.write(
        `${renderTable(['figure', 'value', 'baseline', 'ratio', 'goal', ''], figureRows(outcome.figures))}\n`,
      );
      for (const note of outcome.notes ?? []) process.stdout.write(`  · ${note}\n`);
      const record = {
        name,
        startedAt: started.toISOString(),
        seconds: (Date.now() - started.getTime()) / 1000,
        machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model },
        figures: outcome.figures.map((f) => ({
          ...f,
          ratio: ratioOf(f) ?? null,
          goalMet: goalMet(f) ?? null,
        })),
        notes: outcome.notes ?? [],
      };
      await writeFile(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    } catch (err) {
      // A crashed benchmark is reported and the others still run; the exit code says something broke.
      failures++;
      process.stdout.write(`  ✗ ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  process.exitCode = failures ? 1 : 0;
}

await main();
