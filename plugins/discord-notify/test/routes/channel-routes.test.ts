import { api } from '@racedesk/testkit';
import t from 'tap';
import { discordDeliveries } from '../helpers/deliveries.js';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field, unix } from '../helpers/embeds.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

interface ChoiceJson {
  id: number;
  kind: string;
  tournamentId: number | null;
  channelId: string;
  channelName: string | null;
  canPost: boolean;
  missingPermissions: string[];
}

t.test('choices per kind say whether the bot can post, listing missing permissions', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const url = `/api/v1/orgs/${org.slug}/discord-notify/channels`;
  const chosen = await api<ChoiceJson>(env.app, org.admin, 'PUT', url, {
    kind: 'match_scheduled',
    channelId: org.channels.announcements.id,
  });
  t.match(chosen, {
    kind: 'match_scheduled',
    tournamentId: null,
    channelName: 'announcements',
    canPost: true,
  });
  t.same(chosen.missingPermissions, []);

  env.emu.setOverwrite(org.channels.alerts.id, {
    target: env.bot.user.id,
    type: 'member',
    deny: ['SendMessages', 'EmbedLinks'],
  });
  await api(env.app, org.admin, 'PUT', url, { kind: 'organizer_alerts', channelId: org.channels.alerts.id });
  const listed = await api<ChoiceJson[]>(env.app, org.admin, 'GET', url);
  const alerts = listed.find((c) => c.kind === 'organizer_alerts');
  t.match(alerts, { canPost: false, channelName: 'alerts' });
  t.same(alerts?.missingPermissions.sort(), ['EmbedLinks', 'SendMessages']);

  const elsewhere = env.emu.createGuild({
    name: 'other',
    ownerId: org.admin.discordId,
    channels: [{ name: 'x' }],
  });
  env.emu.addMember(elsewhere.id, { userId: env.bot.user.id });
  const notLinked = await env.app.inject({
    method: 'PUT',
    url,
    headers: org.admin.headers,
    payload: { kind: 'results', channelId: elsewhere.channelIds[0] },
  });
  t.equal(notLinked.statusCode, 400);
  t.equal(notLinked.json().error.code, 'RD_DISCORD_CHANNEL_NOT_LINKED');
  const unknown = await env.app.inject({
    method: 'PUT',
    url,
    headers: org.admin.headers,
    payload: { kind: 'results', channelId: '12345678901234567' },
  });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.json().error, { code: 'RD_DISCORD_REFUSED', message: /unknown channel/ });
  const badKind = await env.app.inject({
    method: 'PUT',
    url,
    headers: org.admin.headers,
    payload: { kind: 'gossip', channelId: org.channels.alerts.id },
  });
  t.equal(badKind.statusCode, 400);

  await api(env.app, org.admin, 'DELETE', `${url}/${chosen.id}`, undefined, 204);
  const left = await api<ChoiceJson[]>(env.app, org.admin, 'GET', url);
  t.same(
    left.map((c) => c.kind),
    ['organizer_alerts'],
  );
});

t.test('match posts go to the chosen channel, a tournament choice overriding the org default', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const url = `/api/v1/orgs/${org.slug}/discord-notify/channels`;
  const league = await createTournament(env, org.slug, org.admin, 'Spring League');
  const cup = await createTournament(env, org.slug, org.admin, 'Winter Cup');
  const cupChannel = env.emu.addChannel(org.guild.id, { name: 'cup' });
  await api(env.app, org.admin, 'PUT', url, {
    kind: 'match_scheduled',
    channelId: org.channels.announcements.id,
  });
  await api(env.app, org.admin, 'PUT', url, {
    kind: 'match_scheduled',
    tournamentId: cup,
    channelId: cupChannel.id,
  });
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  const players = [alice.userId, bob.userId];
  await createMatch(env, org.slug, org.admin, {
    tournamentId: league,
    scheduledAt: '2030-01-10T18:00:00Z',
    players,
  });
  await createMatch(env, org.slug, org.admin, {
    tournamentId: cup,
    scheduledAt: '2030-01-11T18:00:00Z',
    players,
  });
  await env.settle();

  const announced = env.emu.messages(org.channels.announcements.id);
  t.equal(announced.length, 1, 'the league match in the org channel');
  t.equal(field(embedOf(announced[0]), 'Tournament'), 'Spring League');
  const cupPosts = env.emu.messages(cupChannel.id);
  t.equal(cupPosts.length, 1, 'the cup match in the cup channel');
  t.equal(field(embedOf(cupPosts[0]), 'Tournament'), 'Winter Cup');
  t.same(announced[0]?.body.allowed_mentions, { parse: [] }, 'posts never ping anyone');
  const posts = await discordDeliveries(env, org.slug, org.admin, { channel: 'discord-channel' });
  t.same(
    posts.map((p) => p.status),
    ['sent', 'sent'],
  );
});

t.test('a post where the bot lost access fails with Discord’s reason, without retrying', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  await api(env.app, org.admin, 'PUT', `/api/v1/orgs/${org.slug}/discord-notify/channels`, {
    kind: 'match_scheduled',
    channelId: org.channels.alerts.id,
  });
  env.emu.setOverwrite(org.channels.alerts.id, {
    target: env.bot.user.id,
    type: 'member',
    deny: ['SendMessages'],
  });
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const alice = await discordPerson(env, 'alice');
  await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-10T18:00:00Z',
    players: [alice.userId],
  });
  await env.advance('2h');
  const [post] = await discordDeliveries(env, org.slug, org.admin, { channel: 'discord-channel' });
  t.match(post, { status: 'failed', attempts: 1, lastError: /missing permissions \(50013\)/ });
  t.equal(env.emu.messages(org.channels.alerts.id).length, 0);
});

for (const [code, reason] of [
  [10003, /unknown channel \(10003\)/],
  [50001, /missing access \(50001\)/],
] as const) {
  t.test(`a post answered ${code} fails at once with Discord’s reason, never retried`, async (t) => {
    const env = await discordTestApp(t);
    const org = await linkedOrg(env);
    await api(env.app, org.admin, 'PUT', `/api/v1/orgs/${org.slug}/discord-notify/channels`, {
      kind: 'match_scheduled',
      channelId: org.channels.alerts.id,
    });
    // The channel went away (or the bot lost access) after it was chosen.
    env.emu.faults.errorNext(`/channels/${org.channels.alerts.id}/messages`, code, {
      method: 'POST',
      count: Number.POSITIVE_INFINITY,
    });
    const tournamentId = await createTournament(env, org.slug, org.admin);
    const alice = await discordPerson(env, 'alice');
    await createMatch(env, org.slug, org.admin, {
      tournamentId,
      scheduledAt: '2030-01-10T18:00:00Z',
      players: [alice.userId],
    });
    await env.advance('2h');
    await env.advance('2h');
    const [post] = await discordDeliveries(env, org.slug, org.admin, { channel: 'discord-channel' });
    t.match(post, { status: 'failed', attempts: 1, lastError: reason });
    t.equal(env.emu.messages(org.channels.alerts.id).length, 0);
  });
}

t.test('rescheduled, cancelled and results posts each go to the channel chosen for their kind', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const url = `/api/v1/orgs/${org.slug}/discord-notify/channels`;
  const channels = {
    match_rescheduled: env.emu.addChannel(org.guild.id, { name: 'moves' }),
    match_cancelled: env.emu.addChannel(org.guild.id, { name: 'cancellations' }),
    results: env.emu.addChannel(org.guild.id, { name: 'results' }),
  };
  for (const [kind, channel] of Object.entries(channels)) {
    await api(env.app, org.admin, 'PUT', url, { kind, channelId: channel.id });
  }
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  const players = [alice.userId, bob.userId];
  const at = '2030-01-10T18:00:00.000Z';
  const later = '2030-01-11T20:30:00.000Z';
  const match = await createMatch(env, org.slug, org.admin, { tournamentId, scheduledAt: at, players });
  const matchUrl = `/api/v1/orgs/${org.slug}/matches/${match.id}`;
  await api(env.app, org.admin, 'POST', `${matchUrl}/reschedule`, { scheduledAt: later }, 200);
  await api(env.app, org.admin, 'POST', `${matchUrl}/cancel`, { reason: 'bob is ill' }, 200);
  const next = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-07T13:00:00.000Z',
    players,
  });
  await api(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/matches/${next.id}/results`,
    {
      results: [
        { userId: bob.userId, finishRank: 1, finishTime: 'PT1H30M', status: 'done' },
        { userId: alice.userId, finishRank: 2, finishTime: 'PT1H35M', status: 'done' },
      ],
    },
    200,
  );
  await env.settle();

  const moved = env.emu.messages(channels.match_rescheduled.id).map(embedOf);
  t.equal(moved.length, 1, 'one rescheduled post');
  t.match(moved[0], { title: 'Match rescheduled' });
  t.match(field(moved[0], 'Was'), `<t:${unix(at)}:F>`, 'the old time');
  t.match(field(moved[0], 'Now'), `<t:${unix(later)}:F>`, 'the new time');
  const cancelled = env.emu.messages(channels.match_cancelled.id).map(embedOf);
  t.equal(cancelled.length, 1, 'one cancelled post');
  t.match(cancelled[0], { title: 'Match cancelled' });
  t.equal(field(cancelled[0], 'Reason'), 'bob is ill');
  const results = env.emu.messages(channels.results.id).map(embedOf);
  t.equal(results.length, 1, 'one results post');
  t.match(results[0], { title: 'Results' });
  t.match(field(results[0], 'Placings'), /1\. bob — PT1H30M\n2\. alice — PT1H35M/);
  const posts = await discordDeliveries(env, org.slug, org.admin, { channel: 'discord-channel' });
  t.ok(posts.length >= 3 && posts.every((p) => p.status === 'sent'), 'every post delivered');
});
