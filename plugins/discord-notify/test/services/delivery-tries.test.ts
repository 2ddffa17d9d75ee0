import { systemActor } from '@racedesk/core';
import t, { type Test } from 'tap';
import { discordDeliveries } from '../helpers/deliveries.js';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf } from '../helpers/embeds.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

const MESSAGES = '/channels/*/messages';

async function world(t: Test) {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const schedule = (players: number[]) =>
    createMatch(env, org.slug, org.admin, { tournamentId, scheduledAt: '2030-01-10T18:00:00Z', players });
  return { env, org, schedule };
}

t.test('closed DMs fail at once with the reason, and are never retried', async (t) => {
  const { env, org, schedule } = await world(t);
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob', { acceptsDms: false });
  await schedule([alice.userId, bob.userId]);
  await env.settle();
  await env.advance('3h');
  t.equal(env.emu.dms(alice.discordId).length, 1);
  t.equal(env.emu.dms(bob.discordId).length, 0);
  const [failed] = await discordDeliveries(env, org.slug, org.admin, { userId: bob.userId });
  t.match(failed, { status: 'failed', attempts: 1, lastError: /DMs closed.*50007/ });
  const tries = env.emu.log.requests.filter((r) => r.method === 'POST' && /messages$/.test(r.route));
  t.equal(tries.length, 2, 'one try each: alice delivered, bob refused once');
});

t.test('a placeholder player is recorded as failed with the reason, without calling Discord', async (t) => {
  const { env, org, schedule } = await world(t);
  const alice = await discordPerson(env, 'alice');
  const ghost = await env.app.racedesk.users.createPlaceholder(
    { displayName: 'Imported Ghost' },
    systemActor('test import'),
  );
  await schedule([alice.userId, ghost.id]);
  await env.settle();
  const [failed] = await discordDeliveries(env, org.slug, org.admin, { userId: ghost.id });
  t.match(failed, { status: 'failed', attempts: 1, lastError: /placeholder/ });
  t.equal(env.emu.dms(alice.discordId).length, 1);
});

t.test('5xx answers are retried with backoff and the message arrives once', async (t) => {
  const { env, org, schedule } = await world(t);
  const alice = await discordPerson(env, 'alice');
  env.emu.faults.failNext(MESSAGES, { status: 502, count: 2, method: 'POST' });
  await schedule([alice.userId]);
  await env.settle();
  let [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
  t.match(delivery, { status: 'pending', lastError: /502/ }, 'the reason shows while it waits');
  await env.advance('29s');
  t.equal(env.emu.log.requests.filter((r) => r.method === 'POST' && /messages$/.test(r.route)).length, 1);
  await env.advance('1s');
  await env.advance('60s');
  [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
  t.match(delivery, { status: 'sent', attempts: 3 });
  t.equal(env.emu.dms(alice.discordId).length, 1, 'exactly one DM');
});

t.test(
  'a connection dropped mid-request is retried, checking first that the message did not arrive',
  async (t) => {
    const { env, org, schedule } = await world(t);
    const alice = await discordPerson(env, 'alice');
    env.emu.faults.hangNext(MESSAGES, { method: 'POST' });
    await schedule([alice.userId]);
    await env.emu.log.waitForRequest((r) => r.status === 0);
    env.emu.faults.releaseHung();
    await env.settle();
    let [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
    t.match(delivery, { status: 'pending', lastError: /network error/ });
    await env.advance('30s');
    [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
    t.equal(delivery?.status, 'sent');
    t.ok(
      env.emu.log.requests.some((r) => r.method === 'GET' && /messages$/.test(r.route)),
      'looked for the nonce before sending again',
    );
    t.equal(env.emu.dms(alice.discordId).length, 1);
  },
);

t.test('a 429 storm is waited out per retry_after: every DM arrives exactly once', async (t) => {
  const { env, org, schedule } = await world(t);
  const players = [];
  for (const name of ['ann', 'ben', 'cat', 'dan', 'eve']) players.push(await discordPerson(env, name));
  env.emu.faults.rateLimitNext(MESSAGES, { count: 12, retryAfterMs: 3000, method: 'POST' });
  await schedule(players.map((p) => p.userId));
  await env.settle();
  const limited = () => env.emu.log.requests.filter((r) => r.status === 429).length;
  t.ok(limited() >= 1, 'Discord answered 429');
  await env.advance('2s');
  t.equal(env.emu.log.messages.length, 0, 'nothing is retried before retry_after');
  for (let i = 0; i < 20 && env.emu.log.messages.length < 5; i++) await env.advance('3s');
  for (const p of players) t.equal(env.emu.dms(p.discordId).length, 1, `${p.discordId}: one DM`);
  t.equal(embedOf(env.emu.dms(players[0]!.discordId)[0])?.title, 'Match scheduled');
  const deliveries = await discordDeliveries(env, org.slug, org.admin);
  t.ok(
    deliveries.every((d) => d.status === 'sent'),
    'all sent',
  );
  await env.advance('1h');
  t.equal(env.emu.log.messages.length, 5, 'and nothing more later');
});

t.test('a delivery that keeps failing gives up after six tries and says why', async (t) => {
  const { env, org, schedule } = await world(t);
  const alice = await discordPerson(env, 'alice');
  env.emu.faults.failNext(MESSAGES, { status: 500, count: Number.POSITIVE_INFINITY, method: 'POST' });
  await schedule([alice.userId]);
  await env.advance('1h');
  const [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
  t.match(delivery, { status: 'failed', lastError: /gave up after 6 failed tries: Discord answered 500/ });
});

t.test(
  'an answer lost after Discord created the DM: the resend carries the same nonce and Discord returns the first',
  async (t) => {
    const { env, org, schedule } = await world(t);
    const alice = await discordPerson(env, 'alice');
    env.emu.faults.loseAnswerNext(MESSAGES, { method: 'POST' });
    await schedule([alice.userId]);
    await env.settle();
    t.equal(env.emu.dms(alice.discordId).length, 1, 'Discord created the DM, but the answer was lost');
    let [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
    t.match(delivery, { status: 'pending', lastError: /network error/ });
    // Alice chats with the bot: the DM is no longer among the 50 recent messages the resend looks through.
    for (let i = 0; i < 60; i++)
      env.emu.gateway.receiveDm({ from: alice.discordId, toBot: env.bot.user.id, content: `hi ${i}` });
    await env.advance('30s');
    [delivery] = await discordDeliveries(env, org.slug, org.admin, { userId: alice.userId });
    t.equal(delivery?.status, 'sent');
    const posts = env.emu.log.requests.filter((r) => r.method === 'POST' && /messages$/.test(r.route));
    t.equal(posts.length, 2, 'sent again after the search missed it');
    t.equal(
      (posts[1]?.body as { nonce?: string } | undefined)?.nonce,
      (posts[0]?.body as { nonce?: string } | undefined)?.nonce,
      'with the same nonce',
    );
    t.equal(
      env.emu.dms(alice.discordId).filter((m) => m.authorId === env.bot.user.id).length,
      1,
      'Alice still has exactly one DM from the bot',
    );
  },
);
