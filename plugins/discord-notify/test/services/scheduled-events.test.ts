import { api } from '@racedesk/testkit';
import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

const times = (e: { scheduled_start_time: string; scheduled_end_time: string | null } | undefined) =>
  [e?.scheduled_start_time, e?.scheduled_end_time].map((v) => (v ? new Date(v).toISOString() : v));
const settingsUrl = (slug: string, id: number) =>
  `/api/v1/orgs/${slug}/discord-notify/tournaments/${id}/settings`;

t.test('a guild scheduled event follows its match: created, moved, then removed on cancel', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const settings = await api(env.app, org.admin, 'PUT', settingsUrl(org.slug, tournamentId), {
    scheduledEvents: 'all',
    eventDurationMinutes: 90,
  });
  t.match(settings, { scheduledEvents: 'all', guildId: null, eventDurationMinutes: 90 });
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  const match = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-10T18:00:00.000Z',
    players: [alice.userId, bob.userId],
  });
  await env.settle();
  let [event] = env.emu.scheduledEvents(org.guild.id);
  t.match(event, {
    name: 'Spring League - alice vs bob',
    entity_type: 3,
    entity_metadata: { location: 'TBD' },
    creator_id: env.bot.user.id,
  });
  t.same(
    times(event),
    ['2030-01-10T18:00:00.000Z', '2030-01-10T19:30:00.000Z'],
    'match time, 90 minutes long',
  );

  await api(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/matches/${match.id}/reschedule`,
    {
      scheduledAt: '2030-01-12T20:00:00.000Z',
    },
    200,
  );
  await env.settle();
  const events = env.emu.scheduledEvents(org.guild.id);
  t.equal(events.length, 1, 'moved, not duplicated');
  [event] = events;
  t.same(times(event), ['2030-01-12T20:00:00.000Z', '2030-01-12T21:30:00.000Z'], 'at the new time');

  await api(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/matches/${match.id}/cancel`,
    { reason: 'no show' },
    200,
  );
  await env.settle();
  t.same(env.emu.scheduledEvents(org.guild.id), [], 'removed with the match');
});

t.test('"streamed" creates events only for matches on a stream channel; "none" creates none', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const streamed = await createTournament(env, org.slug, org.admin, 'Streamed Cup');
  const quiet = await createTournament(env, org.slug, org.admin, 'Quiet Cup');
  await api(env.app, org.admin, 'PUT', settingsUrl(org.slug, streamed), { scheduledEvents: 'streamed' });
  await api(env.app, org.admin, 'PUT', settingsUrl(org.slug, quiet), { scheduledEvents: 'none' });
  const channel = await api<{ id: number }>(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/stream-channels`,
    {
      name: 'Main',
      url: 'https://twitch.tv/league',
    },
  );
  const alice = await discordPerson(env, 'alice');
  const at = '2030-01-10T18:00:00.000Z';
  const offStream = await createMatch(env, org.slug, org.admin, {
    tournamentId: streamed,
    scheduledAt: at,
    players: [alice.userId],
  });
  await createMatch(env, org.slug, org.admin, {
    tournamentId: quiet,
    scheduledAt: at,
    players: [alice.userId],
    streamChannelId: channel.id,
  });
  await env.settle();
  t.same(env.emu.scheduledEvents(org.guild.id), [], 'neither gets an event');

  await api(env.app, org.admin, 'PATCH', `/api/v1/orgs/${org.slug}/matches/${offStream.id}`, {
    streamChannelId: channel.id,
  });
  await env.settle();
  const [event] = env.emu.scheduledEvents(org.guild.id);
  t.match(
    event,
    { entity_metadata: { location: 'https://twitch.tv/league' } },
    'put on stream: event created',
  );
});

t.test('the hourly cleanup removes events of finished matches and strays the bot made', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  await api(env.app, org.admin, 'PUT', settingsUrl(org.slug, tournamentId), { scheduledEvents: 'all' });
  const alice = await discordPerson(env, 'alice');
  await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-07T13:30:00.000Z',
    players: [alice.userId],
  });
  const later = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-09T13:30:00.000Z',
    players: [alice.userId],
  });
  await env.settle();
  t.equal(env.emu.scheduledEvents(org.guild.id).length, 2);
  // An event the bot created that no match owns any more (e.g. its row was lost).
  await env.app.racedesk.db('discord_notify_scheduled_events').where({ match_id: later.id }).del();
  await env.advance('2h');
  const left = env.emu.scheduledEvents(org.guild.id);
  t.same(left, [], 'the started match and the stray are gone');
});

t.test('tournament settings reject guilds not linked to the org', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const res = await env.app.inject({
    method: 'PUT',
    url: settingsUrl(org.slug, tournamentId),
    headers: org.admin.headers,
    payload: { scheduledEvents: 'all', guildId: '99999999999999999' },
  });
  t.equal(res.statusCode, 400);
  t.equal(res.json().error.code, 'RD_DISCORD_GUILD_NOT_LINKED');
  const missing = await env.app.inject({
    method: 'GET',
    url: settingsUrl(org.slug, 999),
    headers: org.admin.headers,
  });
  t.equal(missing.statusCode, 404);
});
