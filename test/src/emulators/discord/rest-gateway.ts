import type { DiscordState } from './emulator-state.js';
import { json, type Route } from './http-exchange.js';

/** Gateway discovery: `GET /gateway` and `GET /gateway/bot` point clients at the emulator's websocket. */
export const GATEWAY_ROUTES: Route<DiscordState>[] = [
  { method: 'GET', path: '/gateway', auth: 'none', handle: (state) => json(200, { url: state.gatewayUrl }) },
  {
    method: 'GET',
    path: '/gateway/bot',
    auth: 'bot',
    handle: (state) =>
      json(200, {
        url: state.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
  },
];
