import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';

t.test('every discord-notify route is in the OpenAPI document', async (t) => {
  const env = await discordTestApp(t, { configure: false });
  const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
  const paths = Object.keys(res.json().paths as Record<string, unknown>).filter((p) =>
    p.includes('discord-notify'),
  );
  t.same(paths.sort(), [
    '/api/v1/discord-notify/bot',
    '/api/v1/discord-notify/bot/restart',
    '/api/v1/discord-notify/guilds/callback',
    '/api/v1/orgs/{org}/discord-notify/channels',
    '/api/v1/orgs/{org}/discord-notify/channels/{id}',
    '/api/v1/orgs/{org}/discord-notify/guilds',
    '/api/v1/orgs/{org}/discord-notify/guilds/install-url',
    '/api/v1/orgs/{org}/discord-notify/guilds/{guildId}',
    '/api/v1/orgs/{org}/discord-notify/tournaments/{id}/settings',
  ]);
});
