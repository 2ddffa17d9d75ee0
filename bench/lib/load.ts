import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');

/** What one load run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  meanLatencyMs: number;
  p99LatencyMs: number;
}

interface AutocannonJson {
  requests: { total: number };
  latency: { average: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * Loads a loopback URL with autocannon in a child process, so the load generator does not share the
 * server's event loop. Bounded by duration here and by a hard kill in case it hangs.
 */
export function loadUrl(
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to load a non-loopback URL: ${url}`);
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), ...headerArgs, url];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { timeout: (seconds + 30) * 1000, maxBuffer: 16 << 20 },
      (err, stdout) => {
        if (err) return reject(err);
        const report = JSON.parse(stdout) as AutocannonJson;
        const failed = report.errors + report.timeouts + report.non2xx;
        if (failed > 0) return reject(new Error(`${url}: ${failed} failed requests under load`));
        resolve({
          requestsPerSecond: report.requests.total / report.duration,
          requests: report.requests.total,
          meanLatencyMs: report.latency.average,
          p99LatencyMs: report.latency.p99,
        });
      },
    );
  });
}
