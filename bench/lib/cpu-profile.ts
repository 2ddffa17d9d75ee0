import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * With `BENCH_PROFILE=<file>` set, records a CPU profile of this process while `work` runs and writes it
 * there (open it in Chrome DevTools or speedscope); otherwise just runs `work`.
 */
export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}
