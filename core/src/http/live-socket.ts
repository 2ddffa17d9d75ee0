import websocket from '@fastify/websocket';
import { RacedeskError } from '../errors.js';
import type { DispatchedEvent } from '../events/define-event.js';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';

/** How often the server pings idle live sockets, so proxies keep them open and dead peers are noticed. */
const PING_MS = 25_000;

/** One frame of the live feed, as JSON. */
export type LiveFrame =
  | { type: 'hello'; org: string }
  | {
      type: 'event';
      event: { id: number; name: string; orgId: number | null; payload: unknown; occurredAt: string };
    };

const frameOf = (event: DispatchedEvent): LiveFrame => ({
  type: 'event',
  event: {
    id: event.id,
    name: event.name,
    orgId: event.orgId,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  },
});

/**
 * `GET /api/v1/orgs/:org/live` (WebSocket): every event committed in the org, by any instance, as
 * `{ type: 'event', event }` frames. The one guard authenticates the upgrade like any org read.
 */
export async function liveSocket(app: RacedeskApp): Promise<void> {
  if (!app.hasDecorator('websocketServer')) await app.register(websocket);
  const { cluster } = app.racedesk;

  app.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/live',
    schema: {
      tags: ['live'],
      summary: 'Live updates of the organization: a WebSocket of JSON frames { type: "event", event }',
      params: OrgParams,
    },
    // Plain HTTP gets a clear error in the one shape; upgrades go to wsHandler.
    handler: async () => {
      throw new RacedeskError('RD_LIVE_UPGRADE_REQUIRED', 'Connect to this URL with a WebSocket', 426);
    },
    wsHandler: (socket, request) => {
      const org = request.racedesk.org!;
      const send = (frame: LiveFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const stop = cluster.on((event) => {
        if (event.orgId === org.id) send(frameOf(event));
      });
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const ping = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, PING_MS);
      ping.unref();
      socket.on('close', () => {
        clearInterval(ping);
        stop();
      });
      // Clients only listen; anything they send is ignored.
      socket.on('message', () => {});
      send({ type: 'hello', org: org.slug });
    },
  });
}
