import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A recipient on loopback that acts on each idempotency key once, as the delivery docs ask of
 * recipients: a repeated key it accepted before is answered 200 without acting again. `statuses`
 * scripts the answers to new requests in arrival order (then 200), to fail intermittently.
 */
export async function startDedupReceiver(t: { teardown(fn: () => unknown): void }, statuses: number[]) {
  const requests: Array<{ key: string; status: number }> = [];
  const accepted = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      const status = accepted.has(key) ? 200 : (statuses.shift() ?? 200);
      if (status < 300 && !accepted.has(key)) accepted.set(key, accepted.size + 1);
      requests.push({ key, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dm`, requests, accepted };
}
