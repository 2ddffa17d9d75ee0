import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { form, REDIRECT, setup } from './fixtures.js';

type Json = Record<string, unknown>;

const authorizeUrl = (base: string, params: Record<string, string>): string =>
  `${base}/oauth2/authorize?${new URLSearchParams(params)}`;

async function location(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

t.test(
  'code flow: authorize, token, users/@me, guilds with owner and permissions; codes are single-use',
  async (t) => {
    const clock = new TestClock();
    t.teardown(() => clock.uninstall());
    const { emu, bot, alice, bob, guild } = await setup(t, { clock });
    const params = {
      client_id: bot.clientId,
      response_type: 'code',
      scope: 'identify guilds',
      state: 'xyz',
      redirect_uri: REDIRECT,
    };
    const toLogin = await location(authorizeUrl(emu.url, params));
    t.equal(toLogin.pathname, '/login', 'nobody signed in');

    emu.oauth.loginAs(alice.id);
    const back = await location(authorizeUrl(emu.url, params));
    t.equal(`${back.origin}${back.pathname}`, REDIRECT);
    t.equal(back.searchParams.get('state'), 'xyz');
    const code = back.searchParams.get('code') ?? '';
    t.match(code, /^\S{20,}$/);

    const exchange = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${emu.apiUrl}/oauth2/token`, { method: 'POST', headers, body: form(fields) });
    const basic = `Basic ${Buffer.from(`${bot.clientId}:${bot.clientSecret}`).toString('base64')}`;
    const res = await exchange(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      { Authorization: basic },
    );
    t.equal(res.status, 200);
    const token = (await res.json()) as Json;
    t.same(Object.keys(token).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    t.equal(token.token_type, 'Bearer');
    t.equal(token.expires_in, 604800);
    t.equal(token.scope, 'identify guilds');

    const replay = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
    });
    t.equal(replay.status, 400);
    t.same(await replay.json(), { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });

    const bearer = { Authorization: `Bearer ${String(token.access_token)}` };
    const me = (await (await fetch(`${emu.apiUrl}/v10/users/@me`, { headers: bearer })).json()) as Json;
    t.match(me, { id: alice.id, username: 'alice', global_name: 'Alice', discriminator: '0', avatar: null });
    t.notOk('email' in me, 'no email without the email scope');
    const guilds = (await (
      await fetch(`${emu.apiUrl}/v10/users/@me/guilds`, { headers: bearer })
    ).json()) as Json[];
    t.match(guilds, [{ id: guild.id, name: 'ALTTPR Tournament', owner: true, permissions: /^\d+$/ }]);
    t.ok(BigInt(String(guilds[0]?.permissions)) & 8n, 'the owner has Administrator');

    const bobToken = emu.oauth.issueToken(bot.clientId, bob.id, ['identify', 'guilds']);
    const bobGuilds = (await (
      await fetch(`${emu.apiUrl}/users/@me/guilds`, {
        headers: { Authorization: `Bearer ${bobToken.accessToken}` },
      })
    ).json()) as Json[];
    t.match(bobGuilds, [{ owner: false }]);
    t.equal(BigInt(String(bobGuilds[0]?.permissions)) & 0x28n, 0n, 'bob cannot manage the guild');

    const refreshed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: String(token.refresh_token),
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
    });
    const rotated = (await refreshed.json()) as Json;
    t.not(rotated.access_token, token.access_token);
    t.equal(
      (await fetch(`${emu.apiUrl}/v10/users/@me`, { headers: bearer })).status,
      401,
      'old token revoked',
    );

    const fresh = { Authorization: `Bearer ${String(rotated.access_token)}` };
    const info = (await (await fetch(`${emu.apiUrl}/oauth2/@me`, { headers: fresh })).json()) as Json;
    t.match(info, { application: { id: bot.id }, scopes: ['identify', 'guilds'], user: { id: alice.id } });
    await clock.advance('7d');
    const expired = await fetch(`${emu.apiUrl}/v10/users/@me`, { headers: fresh });
    t.same([expired.status, await expired.json()], [401, { message: '401: Unauthorized', code: 0 }]);
  },
);

t.test('deny, bad client, bad redirect_uri, unsupported grant', async (t) => {
  const { emu, bot, alice } = await setup(t);
  emu.oauth.loginAs(alice.id, { approve: false });
  const denied = await location(
    authorizeUrl(emu.url, {
      client_id: bot.clientId,
      response_type: 'code',
      scope: 'identify',
      state: 's1',
      redirect_uri: REDIRECT,
    }),
  );
  t.equal(denied.searchParams.get('error'), 'access_denied');
  t.equal(denied.searchParams.get('state'), 's1');
  t.notOk(denied.searchParams.has('code'));

  const badRedirect = await fetch(
    authorizeUrl(emu.url, {
      client_id: bot.clientId,
      response_type: 'code',
      scope: 'identify',
      redirect_uri: 'https://evil.test/cb',
    }),
    { redirect: 'manual' },
  );
  t.equal(badRedirect.status, 400);

  const badClient = await fetch(`${emu.apiUrl}/oauth2/token`, {
    method: 'POST',
    body: form({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: bot.clientId,
      client_secret: 'wrong',
    }),
  });
  t.same([badClient.status, await badClient.json()], [401, { error: 'invalid_client' }]);
  const badGrant = await fetch(`${emu.apiUrl}/oauth2/token`, {
    method: 'POST',
    body: form({ grant_type: 'password', client_id: bot.clientId, client_secret: bot.clientSecret }),
  });
  t.same([badGrant.status, await badGrant.json()], [400, { error: 'unsupported_grant_type' }]);
});

t.test(
  'bot install: redirect with code, guild_id and permissions; the bot joins with a managed role',
  async (t) => {
    const { emu, alice, bob } = await setup(t);
    const other = emu.createGuild({ name: 'Bob Cup', ownerId: bob.id, members: [{ userId: alice.id }] });
    const app = emu.createBot({ name: 'Second Bot', redirectUris: [REDIRECT] });
    const params = {
      client_id: app.clientId,
      scope: 'bot applications.commands',
      permissions: '2048',
      guild_id: other.id,
      response_type: 'code',
      redirect_uri: REDIRECT,
      state: 'install-1',
    };
    emu.oauth.loginAs(alice.id);
    const refused = await fetch(authorizeUrl(emu.url, params), { redirect: 'manual' });
    t.equal(refused.status, 400, 'alice cannot manage Bob Cup');

    emu.oauth.loginAs(bob.id);
    const back = await location(authorizeUrl(emu.url, params));
    t.equal(back.searchParams.get('guild_id'), other.id);
    t.equal(back.searchParams.get('permissions'), '2048');
    t.equal(back.searchParams.get('state'), 'install-1');
    const res = await fetch(`${emu.apiUrl}/oauth2/token`, {
      method: 'POST',
      body: form({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }),
    });
    t.match(await res.json(), {
      scope: 'bot applications.commands',
      guild: { id: other.id, name: 'Bob Cup' },
    });
    const member = other.members.get(app.user.id);
    t.ok(member, 'the bot joined');
    t.match(emu.store.role(other.id, member?.roleIds[0] ?? ''), {
      name: 'Second Bot',
      managed: true,
      permissions: 2048n,
    });
  },
);
