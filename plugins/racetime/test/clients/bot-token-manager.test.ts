import { once } from 'node:events';
import t from 'tap';
import { BotTokenManager } from '../../src/clients/bot-token-manager.js';
import { RacetimeError } from '../../src/clients/racetime-errors.js';
import { setup, tournamentRoom } from './fixtures.js';

const tokenRequests = (fx: Awaited<ReturnType<typeof setup>>) =>
  fx.emu.log.requests.filter((r) => r.path === '/o/token');

t.test('one token is fetched for concurrent callers and cached', async (t) => {
  const fx = await setup(t);
  const [a, b] = await Promise.all([fx.tokens.token(), fx.tokens.token()]);
  t.equal(a, b);
  t.equal(await fx.tokens.token(), a);
  t.equal(tokenRequests(fx).length, 1);
  t.match(tokenRequests(fx)[0]?.body, /grant_type=client_credentials/);
  t.equal(fx.tokens.expiresAt?.toISOString(), new Date(fx.clock.now().getTime() + 36_000_000).toISOString());
});

t.test('the token is renewed 10 minutes before it expires and listeners hear of it', async (t) => {
  const fx = await setup(t);
  const first = await fx.tokens.token();
  const renewed: string[] = [];
  fx.tokens.onRenewed((token) => renewed.push(token));

  await fx.clock.advance('35399s');
  t.equal(tokenRequests(fx).length, 1, 'not yet');
  const renewal = once(fx.tokens, 'renewed');
  await fx.clock.advance('1s');
  const [second] = await renewal;
  t.equal(await fx.tokens.token(), second);
  t.not(second, first);
  t.same(renewed, [second]);
  // The new token works; the old one dies at its own expiry.
  await fx.http.categoryData('alttpr', second);
  await fx.clock.advance('600s');
  t.match(await fx.http.categoryData('alttpr', first).catch((e: unknown) => e), { kind: 'forbidden' });
  await fx.http.categoryData('alttpr', second);
});

t.test('a 403 reauthorizes once and the call succeeds with the new token', async (t) => {
  const fx = await setup(t);
  const stale = await fx.tokens.token();
  fx.emu.faults.expireTokens({ clientId: fx.bot.clientId });
  const room = await fx.tokens.withToken((token) => fx.http.startRace('alttpr', token, tournamentRoom()));
  t.ok(fx.emu.races.get(room.slug));
  t.not(await fx.tokens.token(), stale);
  t.same(
    fx.emu.log.requests.map((r) => `${r.path} ${r.status}`),
    ['/o/token 200', '/o/alttpr/startrace 403', '/o/token 200', '/o/alttpr/startrace 201'],
  );
  // Concurrent 403s for the same stale token renew only once.
  const current = await fx.tokens.token();
  fx.emu.faults.expireTokens();
  await Promise.all([fx.tokens.renew(current), fx.tokens.renew(current)]);
  await fx.tokens.renew(current);
  t.equal(tokenRequests(fx).length, 3);
});

t.test('a failed background renewal is retried; refused credentials stop it', async (t) => {
  const fx = await setup(t);
  await fx.tokens.token();
  fx.emu.faults.failNext('/o/token', { status: 502 });
  const failed = once(fx.tokens, 'renewal-failed');
  await fx.clock.advance('35400s');
  t.match((await failed)[0], { kind: 'server', status: 502 });
  t.equal(fx.tokens.lastError, (await failed)[0]);
  const renewed = once(fx.tokens, 'renewed');
  await fx.clock.advance('5s');
  await renewed;
  t.equal(fx.tokens.lastError, null);
  t.equal(tokenRequests(fx).length, 3);

  const broken = new BotTokenManager({
    endpoint: fx.http,
    credentials: { clientId: fx.bot.clientId, clientSecret: 'not-the-secret' },
    clock: fx.clock,
  });
  t.teardown(() => broken.close());
  const error = await broken.token().catch((e: unknown) => e);
  t.ok(error instanceof RacetimeError && error.kind === 'auth_failed');
  t.equal(broken.lastError, error);
});
