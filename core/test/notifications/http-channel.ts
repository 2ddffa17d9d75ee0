import { definePlugin, delivered, retryDelivery } from '@racedesk/core';

/**
 * A `test-dm` channel that POSTs each delivery to a real HTTP recipient with its idempotency key.
 * `killOnCall`: after that call's request got its answer, the process kills itself (SIGKILL) before
 * the worker can record the outcome — a worker dying mid-batch.
 */
export function httpChannelPlugin(url: string, options: { killOnCall?: number } = {}) {
  let calls = 0;
  return definePlugin({
    id: 'testdm',
    version: '1.0.0',
    core: '^0.1.0',
    init: (ctx) =>
      ctx.domain.notifications.registerChannel({
        id: 'test-dm',
        description: 'direct messages over HTTP in tests',
        deliver: async (d) => {
          calls++;
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': d.idempotencyKey },
            body: JSON.stringify({ userId: d.userId, type: d.eventType }),
          });
          await res.arrayBuffer();
          if (calls === options.killOnCall) process.kill(process.pid, 'SIGKILL');
          return res.ok ? delivered() : retryDelivery(`HTTP ${res.status}`);
        },
      }),
  });
}
