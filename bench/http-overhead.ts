import type { AddressInfo } from 'node:net';
import { definePlugin } from '@racedesk/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { startBenchApp } from './lib/bench-app.js';
import { defineBenchmark } from './lib/define-benchmark.js';
import { loadUrl } from './lib/load.js';

// The same route and response schema on both sides, so the ratio is the cost of the core stack alone.
const Pong = Type.Object({ ok: Type.Boolean(), n: Type.Integer() });
const routeOptions = { schema: { response: { 200: Pong } } };
const pong = async () => ({ ok: true, n: 42 });

const pingPlugin = definePlugin({
  id: 'bench',
  version: '1.0.0',
  core: '^0.1.0',
  routes: { instance: (app) => void app.get('/ping', routeOptions, pong) },
});

async function listen(app: FastifyInstance, path: string): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default defineBenchmark({
  name: 'http-overhead',
  description:
    'trivial JSON route through buildApp (full core stack) vs a bare Fastify route, real HTTP on loopback',
  async run({ quick, log }) {
    const seconds = quick ? 2 : 5;
    const rounds = quick ? 1 : 3;
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
      const bareRps: number[] = [];
      const coreRps: number[] = [];
      const coreLatency: number[] = [];
      const bareLatency: number[] = [];
      // Interleaved rounds so drift (thermal, other processes) hits both sides alike; medians are kept.
      for (let round = 0; round < rounds; round++) {
        const b = await loadUrl(bareUrl, seconds, connections);
        const c = await loadUrl(coreUrl, seconds, connections);
        bareRps.push(b.requestsPerSecond);
        coreRps.push(c.requestsPerSecond);
        bareLatency.push(b.meanLatencyMs);
        coreLatency.push(c.meanLatencyMs);
        log(
          `round ${round + 1}: bare ${Math.round(b.requestsPerSecond)} req/s, core ${Math.round(c.requestsPerSecond)} req/s`,
        );
      }
      return {
        figures: [
          {
            label: 'core stack throughput',
            unit: 'req/s',
            value: median(coreRps),
            baseline: { label: 'bare Fastify', value: median(bareRps) },
            goal: { on: 'ratio', min: 0.85 },
          },
          {
            label: 'core stack mean latency',
            unit: 'ms',
            value: median(coreLatency),
            baseline: { label: 'bare Fastify', value: median(bareLatency) },
          },
        ],
        notes: [
          `autocannon child process, ${connections} connections, ${rounds} interleaved round(s) of ${seconds} s per side after a 2 s warm-up; medians`,
          'same GET route and TypeBox response schema on both; core = buildApp (role api, logger off) with a one-route plugin at /api/v1/bench/ping',
        ],
      };
    } finally {
      await bare.close();
      await core.close();
    }
  },
});
