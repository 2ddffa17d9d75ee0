import { createTestApp, type DiscordEmulator, startDiscordEmulator, type TestApp } from '@racedesk/testkit';
import t from 'tap';
import { captureLogs } from '../secrets/log-capture.js';

const CALLBACK = 'http://localhost:3000/api/v1/auth/discord/callback';
type App = TestApp['app'];

/** A browser going through Discord sign-in: our redirect, Discord's consent screen, our callback. */
async function browserSignIn(app: App, discord: DiscordEmulator, discordUserId: string, query = '') {
  discord.oauth.loginAs(discordUserId);
  const start = await app.inject({ method: 'GET', url: `/api/v1/auth/discord${query}` });
  if (start.statusCode !== 302) return { start };
  const state = start.cookies.find((c) => c.name === 'racedesk_oauth_state')!;
  const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const callbackUrl = back.pathname + back.search;
  const callback = await app.inject({
    method: 'GET',
    url: callbackUrl,
    cookies: { racedesk_oauth_state: state.value },
  });
  const session = callback.cookies.find((c) => c.name === 'racedesk_session');
  return {
    start,
    state,
    callbackUrl,
    callback,
    session,
    cookie: session ? `racedesk_session=${session.value}` : '',
  };
}

async function setup(t: { teardown(fn: () => unknown): void }, publicUrl?: string) {
  const discord = await startDiscordEmulator();
  t.teardown(() => discord.close());
  const oauthApp = discord.createApplication({
    withBot: false,
    redirectUris: [publicUrl ? `${publicUrl}/api/v1/auth/discord/callback` : CALLBACK],
  });
  const logs = captureLogs('warn');
  const testApp = await createTestApp({
    logger: logs.logger,
    config: {
      ...(publicUrl ? { publicUrl } : {}),
      services: { discordUrl: discord.url },
      oauth: { discord: { clientId: oauthApp.clientId, clientSecret: oauthApp.clientSecret } },
    },
    t,
  });
  return { discord, app: testApp.app, logs };
}

t.test(
  'Discord sign-in: the setup code from the first-run log makes the first presenter superadmin',
  async (t) => {
    const { discord, app, logs } = await setup(t);
    const code = /First-run setup code: ([A-Z0-9-]+)/.exec(logs.text())?.[1];
    t.ok(code, 'the setup code is in the log at first start');

    const alice = discord.createUser({ username: 'alice', globalName: 'Alice A.' });
    const first = await browserSignIn(app, discord, alice.id);
    t.equal(first.start.statusCode, 302);
    t.match(String(first.start.headers.location), `${discord.url}/oauth2/authorize?`);
    t.equal(first.callback?.statusCode, 302);
    t.equal(first.callback?.headers.location, '/admin');
    t.match(first.session, { httpOnly: true, sameSite: 'Lax', path: '/' });
    t.notOk(first.session?.secure, 'not Secure on a plain-http public URL');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } });
    t.match(me.json(), {
      user: { discordId: alice.id, discordUsername: 'alice', displayName: 'Alice A.' },
      superadmin: false,
    });

    const bob = discord.createUser({ username: 'bob' });
    const wrong = await browserSignIn(app, discord, bob.id, '?setupCode=AAAA-BBBB-CCCC-DDDD');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: wrong.cookie } })).json()
        .superadmin,
      false,
    );

    const carol = discord.createUser({ username: 'carol' });
    const right = await browserSignIn(app, discord, carol.id, `?setupCode=${code}&returnTo=/admin/orgs`);
    t.equal(right.callback?.headers.location, '/admin/orgs');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: right.cookie } })).json()
        .superadmin,
      true,
    );
    t.ok(await app.racedesk.db('audit_log').where({ action: 'user.superadmin_granted' }).first());

    const dave = discord.createUser({ username: 'dave' });
    const reused = await browserSignIn(app, discord, dave.id, `?setupCode=${code}`);
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: reused.cookie } })).json()
        .superadmin,
      false,
      'the code works once',
    );

    const again = await browserSignIn(app, discord, alice.id);
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: again.cookie } })).json().user
        .id,
      me.json().user.id,
      'signing in again finds the same user',
    );
  },
);

t.test('sign-in refuses forged, replayed, denied and open-redirect attempts with 4xx', async (t) => {
  const { discord, app } = await setup(t);
  const erin = discord.createUser({ username: 'erin' });
  const done = await browserSignIn(app, discord, erin.id);
  const replay = await app.inject({
    method: 'GET',
    url: done.callbackUrl!,
    cookies: { racedesk_oauth_state: done.state!.value },
  });
  t.equal(replay.statusCode, 400);
  t.equal(replay.json().error.code, 'RD_AUTH_STATE');

  discord.oauth.loginAs(erin.id);
  const start = await app.inject({ method: 'GET', url: '/api/v1/auth/discord' });
  const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const noCookie = await app.inject({ method: 'GET', url: back.pathname + back.search });
  t.equal(
    noCookie.json().error.code,
    'RD_AUTH_STATE',
    'a state from another browser is refused (login CSRF)',
  );

  const state = start.cookies.find((c) => c.name === 'racedesk_oauth_state')!.value;
  const forged = await app.inject({
    method: 'GET',
    url: `/api/v1/auth/discord/callback?code=forged&state=${back.searchParams.get('state')}`,
    cookies: { racedesk_oauth_state: state },
  });
  t.equal(forged.statusCode, 400);
  t.equal(forged.json().error.code, 'RD_AUTH_CODE_REJECTED');

  discord.oauth.loginAs(erin.id, { approve: false });
  const deniedStart = await app.inject({ method: 'GET', url: '/api/v1/auth/discord' });
  const denied = new URL(
    (await fetch(String(deniedStart.headers.location), { redirect: 'manual' })).headers.get('location')!,
  );
  const deniedCallback = await app.inject({ method: 'GET', url: denied.pathname + denied.search });
  t.equal(deniedCallback.json().error.code, 'RD_AUTH_DENIED');

  for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/auth/discord?returnTo=${encodeURIComponent(target)}`,
    });
    t.equal(res.statusCode, 400, `returnTo ${target} is refused`);
  }
});

t.test('the session cookie is Secure when the public URL is https', async (t) => {
  const { discord, app } = await setup(t, 'https://racedesk.example');
  const frank = discord.createUser({ username: 'frank' });
  const { session } = await browserSignIn(app, discord, frank.id);
  t.match(session, { secure: true, httpOnly: true, sameSite: 'Lax' });
});

t.test('Discord failing mid sign-in is a 502 that signs nobody in; the next attempt works', async (t) => {
  const { discord, app } = await setup(t);
  const gina = discord.createUser({ username: 'gina' });
  const users = async () => Number((await app.racedesk.db('users').count({ n: '*' }))[0]!.n);
  const before = await users();

  discord.faults.failNext('/oauth2/token', { status: 503 });
  const tokenDown = await browserSignIn(app, discord, gina.id);
  t.equal(tokenDown.callback?.statusCode, 502);
  t.equal(tokenDown.callback?.json().error.code, 'RD_AUTH_DISCORD');
  t.notOk(tokenDown.session, 'no session when the token endpoint fails');

  discord.faults.failNext('/users/@me', { status: 500 });
  const profileDown = await browserSignIn(app, discord, gina.id);
  t.equal(profileDown.callback?.statusCode, 502);
  t.notOk(profileDown.session, 'no session when the profile cannot be read');
  t.equal(await users(), before, 'no user was created by the failed attempts');

  const ok = await browserSignIn(app, discord, gina.id);
  t.ok(ok.session, 'signing in again once Discord is back works');
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: ok.cookie } });
  t.equal(me.json().user.discordUsername, 'gina');
});
