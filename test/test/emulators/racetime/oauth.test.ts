import t from 'tap';
import { form, setup } from './fixtures.js';

const redirectUri = 'http://localhost:3000/auth/racetime/callback';

t.test('client credentials: token shape, no refresh token, no-store headers', async (t) => {
  const { emu, bot } = await setup(t);
  const res = await fetch(`${emu.url}/o/token`, {
    method: 'POST',
    body: form({
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
      grant_type: 'client_credentials',
    }),
  });
  t.equal(res.status, 200);
  t.equal(res.headers.get('cache-control'), 'no-store');
  t.equal(res.headers.get('pragma'), 'no-cache');
  const body = (await res.json()) as Record<string, unknown>;
  t.same(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
  t.match(body.access_token, /^[A-Za-z0-9]{30}$/);
  t.equal(body.expires_in, 36000);
  t.equal(body.token_type, 'Bearer');
  t.equal(body.scope, 'read chat_message race_action create_race');
});

t.test('client credentials via HTTP Basic works too', async (t) => {
  const { emu, bot } = await setup(t);
  const basic = Buffer.from(`${bot.clientId}:${bot.clientSecret}`).toString('base64');
  const res = await fetch(`${emu.url}/o/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
    body: form({ grant_type: 'client_credentials' }),
  });
  t.equal(res.status, 200);
});

t.test('token errors', async (t) => {
  const { emu, bot } = await setup(t);
  const app = emu.registerUserApp({ redirectUris: [redirectUri] });
  const post = async (body: URLSearchParams | string, type?: string) => {
    const res = await fetch(`${emu.url}/o/token`, {
      method: 'POST',
      body,
      ...(type ? { headers: { 'Content-Type': type } } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const bad = await post(
    form({ client_id: bot.clientId, client_secret: 'nope', grant_type: 'client_credentials' }),
  );
  t.same(bad, { status: 401, body: { error: 'invalid_client' } });
  const wrongGrant = await post(
    form({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'client_credentials' }),
  );
  t.same(wrongGrant, { status: 400, body: { error: 'unauthorized_client' } });
  const unknownGrant = await post(
    form({ client_id: bot.clientId, client_secret: bot.clientSecret, grant_type: 'password2' }),
  );
  t.same(unknownGrant, { status: 400, body: { error: 'unsupported_grant_type' } });
  const scope = await post(
    form({
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
      grant_type: 'client_credentials',
      scope: 'admin',
    }),
  );
  t.same(scope, { status: 400, body: { error: 'invalid_scope' } });
  const asJson = await post(
    JSON.stringify({
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
      grant_type: 'client_credentials',
    }),
    'application/json',
  );
  t.ok(asJson.status === 400 || asJson.status === 401, 'JSON bodies are not understood');
});

t.test('authorization code flow, userinfo, refresh rotation and expiry', async (t) => {
  const { emu, clock } = await setup(t);
  const app = emu.registerUserApp({ redirectUris: [redirectUri] });
  const mario = emu.registerUser({
    name: 'Mario',
    discriminator: '5527',
    pronouns: 'he/him',
    twitchName: 'itsamemario',
    twitchDisplayName: 'ItsaMeMario',
  });
  const authorize = `${emu.url}/o/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=read&state=xyz`;

  const anonymous = await fetch(authorize, { redirect: 'manual' });
  t.equal(anonymous.status, 302);
  t.match(anonymous.headers.get('location'), /^\/account\/auth\?next=%2Fo%2Fauthorize%3F/);

  emu.oauth.loginAs(mario.id, { approve: false });
  const denied = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
  t.equal(denied.searchParams.get('error'), 'access_denied');
  t.equal(denied.searchParams.get('state'), 'xyz');

  emu.oauth.loginAs(mario.id);
  const allowed = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
  t.equal(`${allowed.origin}${allowed.pathname}`, redirectUri);
  const code = allowed.searchParams.get('code') ?? '';
  t.match(code, /^[A-Za-z0-9]{30}$/);

  const exchange = (fields: Record<string, string>) =>
    fetch(`${emu.url}/o/token`, {
      method: 'POST',
      body: form({ client_id: app.clientId, client_secret: app.clientSecret, ...fields }),
    });
  const tokenRes = await exchange({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    scope: 'read',
  });
  const token = (await tokenRes.json()) as Record<string, string | number>;
  t.equal(token.expires_in, 36000);
  t.equal(token.scope, 'read');
  t.type(token.refresh_token, 'string');

  const reused = await exchange({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  t.same([reused.status, await reused.json()], [400, { error: 'invalid_grant' }]);

  const info = await fetch(`${emu.url}/o/userinfo`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  t.ok(info.headers.get('x-date-exact'));
  t.same(await info.json(), {
    id: mario.id,
    full_name: 'Mario#5527',
    name: 'Mario',
    discriminator: '5527',
    url: `/user/${mario.id}/mario`,
    avatar: null,
    pronouns: 'he/him',
    flair: '',
    twitch_name: 'itsamemario',
    twitch_display_name: 'ItsaMeMario',
    twitch_channel: 'https://www.twitch.tv/itsamemario',
    can_moderate: false,
    active_race: null,
  });

  const refreshed = (await (
    await exchange({ grant_type: 'refresh_token', refresh_token: String(token.refresh_token) })
  ).json()) as Record<string, string>;
  t.not(refreshed.refresh_token, token.refresh_token, 'refresh tokens rotate');
  const again = await exchange({ grant_type: 'refresh_token', refresh_token: String(token.refresh_token) });
  t.equal(again.status, 400, 'the old refresh token is revoked');

  await clock.advance('36000s');
  const expired = await fetch(`${emu.url}/o/userinfo`, {
    headers: { Authorization: `Bearer ${refreshed.access_token}` },
  });
  t.equal(expired.status, 403);
  t.equal(await expired.text(), '', '403 has an empty body');
});

t.test('redirect URI mismatch and bot tokens on userinfo', async (t) => {
  const { emu, bot } = await setup(t);
  const app = emu.registerUserApp({ redirectUris: [redirectUri] });
  const mario = emu.registerUser({ name: 'Mario' });
  const unknown = await fetch(
    `${emu.url}/o/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=http://evil.example/cb`,
    { redirect: 'manual' },
  );
  t.equal(unknown.status, 400, 'unregistered redirect URI gets an error page, no redirect');
  emu.oauth.loginAs(mario.id);
  const url = `${emu.url}/o/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}`;
  const code = new URL(
    (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '',
  ).searchParams.get('code');
  const res = await fetch(`${emu.url}/o/token`, {
    method: 'POST',
    body: form({
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: 'http://localhost:3000/other',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  t.same(
    [res.status, await res.json()],
    [400, { error: 'invalid_request', error_description: 'Mismatching redirect URI.' }],
  );

  const botToken = emu.oauth.issueBotToken(bot.clientId);
  const info = await fetch(`${emu.url}/o/userinfo`, { headers: { Authorization: `Bearer ${botToken}` } });
  t.equal(info.status, 403, 'a bot token has no user');
});
