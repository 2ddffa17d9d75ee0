import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { definePlugin } from '@racedesk/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { startBenchApp } from './lib/bench-app.js';
import { defineBenchmark } from './lib/define-benchmark.js';
import { type LoadResult, loadUrl } from './lib/load.js';

// The same route and response schema on both sides, so the ratio is the cost of the core stack alone.
const Pong = Type.Object({ ok: Type.Boolean(), n: Type.Integer() });
const routeOptions = { schema: { response: { 200: Pong } } };
const pong = async () => ({ ok: true, n: 42 });

const pingPlugin = definePlugin({
  id: 'bench',
  version: '1.0.0',
  core: '^0.1.0',
  // Public, so the figure is the stack's cost without a credential lookup (match-list measures that).
  routes: {
    instance: (app) => void app.get('/ping', { ...routeOptions, config: { auth: 'public' } }, pong),
  },
});

async function listen(app: FastifyInstance, path: string): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;
}

export default defineBenchmark({
  name: 'http-overhead',
  description:
    'trivial JSON route through buildApp (full core stack) vs a bare Fastify route, real HTTP on loopback',
  async run({ quick, log }) {
    const seconds = quick ? 2 : 3;
    const roundCount = quick ? 1 : 5;
    const connections = 32;
    const core = await startBenchApp([pingPlugin]);
    const bare = Fastify({ logger: false });
    bare.get('/ping', routeOptions, pong);
    try {
      const coreUrl = await listen(core.app, '/api/v1/bench/ping');
      const bareUrl = await listen(bare, '/ping');
      // Warm both (JIT, schema compilation, connection setup) before anything is recorded.
      await loadUrl(bareUrl, 2, connections);
      await loadUrl(coreUrl, 2, connections);
      const rounds: Array<{ bare: LoadResult; core: LoadResult }> = [];
      // Interleaved rounds so drift (other processes, thermal) hits both sides alike.
      for (let round = 0; round < roundCount; round++) {
        const bareRun = await loadUrl(bareUrl, seconds, connections);
        const coreRun = await loadUrl(coreUrl, seconds, connections);
        rounds.push({ bare: bareRun, core: coreRun });
        log(
          `round ${round + 1}: bare ${Math.round(bareRun.requestsPerSecond)} req/s, core ${Math.round(coreRun.requestsPerSecond)} req/s`,
        );
      }
      // The round with the median ratio: a paired comparison is steadier than medians of each side.
      const ratio = (r: (typeof rounds)[number]) => r.core.requestsPerSecond / r.bare.requestsPerSecond;
      const { bare: b, core: c } = [...rounds].sort((x, y) => ratio(x) - ratio(y))[
        Math.floor(rounds.length / 2)
      ]!;
      return {
        figures: [
          {
            label: 'core stack throughput',
            unit: 'req/s',
            value: c.requestsPerSecond,
            baseline: { label: 'bare Fastify', value: b.requestsPerSecond },
            goal: { on: 'ratio', min: 0.85 },
          },
          {
            label: 'core stack mean latency',
            unit: 'ms',
            value: c.meanLatencyMs,
            baseline: { label: 'bare Fastify', value: b.meanLatencyMs },
          },
        ],
        notes: [
          `autocannon child process, ${connections} connections, ${roundCount} interleaved round(s) of ${seconds} s per side after a 2 s warm-up; the round with the median ratio is shown`,
          `load average at start ${loadavg()[0]!.toFixed(1)} (a busy machine makes every figure noisier)`,
          'same GET route and TypeBox response schema on both; core = buildApp (role api, logger off) with a one-route plugin at /api/v1/bench/ping',
        ],
      };
    } finally {
      await bare.close();
      await core.close();
    }
  },
});
