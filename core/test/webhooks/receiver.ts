import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got: headers and the raw body, exactly as sent. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on loopback answering with the statuses in `replies` (then 200), recording every request. */
export async function startReceiver(t: { teardown(fn: () => unknown): void }) {
  const received: Received[] = [];
  const replies: number[] = [];
  let always: number | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = always ?? replies.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/racedesk`,
    received,
    replies,
    failAlways: (status: number | undefined) => {
      always = status;
    },
  };
}
