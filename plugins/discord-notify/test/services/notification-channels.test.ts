import { api } from '@racedesk/testkit';
import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field, unix } from '../helpers/embeds.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

t.test('players get a DM embed for each default match notification, end to end', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const at = '2030-01-10T18:00:00.000Z';
  const match = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: at,
    players: [alice.userId, bob.userId],
  });
  await env.settle();

  const scheduled = env.emu.dms(alice.discordId);
  t.equal(scheduled.length, 1, 'alice got one DM');
  const embed = embedOf(scheduled[0]);
  t.match(embed, { title: 'Match scheduled', description: 'alice vs bob' });
  t.equal(field(embed, 'Tournament'), 'Spring League');
  t.match(field(embed, 'When'), `<t:${unix(at)}:F>`, 'a Discord timestamp: each reader sees their own zone');
  t.equal(env.emu.dms(bob.discordId).length, 1, 'bob too');
  t.equal(env.emu.dms(org.admin.discordId).length, 0, 'not the organizer who scheduled it');

  const later = '2030-01-11T20:30:00.000Z';
  await api(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/matches/${match.id}/reschedule`,
    {
      scheduledAt: later,
    },
    200,
  );
  await env.settle();
  const moved = embedOf(env.emu.dms(alice.discordId)[1]);
  t.match(moved, { title: 'Match rescheduled' });
  t.match(field(moved, 'Was'), `<t:${unix(at)}:F>`, 'the old time');
  t.match(field(moved, 'Now'), `<t:${unix(later)}:F>`, 'the new time');
  t.not(moved?.color, embed?.color, 'each kind has its own color');

  await api(
    env.app,
    org.admin,
    'POST',
    `/api/v1/orgs/${org.slug}/matches/${match.id}/cancel`,
    {
      reason: 'bob is ill',
    },
    200,
  );
  await env.settle();
  const cancelled = embedOf(env.emu.dms(bob.discordId)[2]);
  t.match(cancelled, { title: 'Match cancelled' });
  t.equal(field(cancelled, 'Reason'), 'bob is ill');

  const next = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-07T13:00:00.000Z',
    players: [alice.userId, bob.userId],
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
  const dms = env.emu.dms(alice.discordId).map((m) => embedOf(m)?.title);
  t.same(dms, ['Match scheduled', 'Match rescheduled', 'Match cancelled', 'Match scheduled', 'Results']);
  const results = embedOf(env.emu.dms(alice.discordId)[4]);
  t.match(field(results, 'Placings'), /1\. bob — PT1H30M\n2\. alice — PT1H35M/);

  const log = await api<{ items: Array<{ status: string; channel: string }> }>(
    env.app,
    org.admin,
    'GET',
    `/api/v1/orgs/${org.slug}/notifications/deliveries?limit=100`,
  );
  t.ok(log.items.length >= 10);
  t.ok(log.items.filter((d) => d.channel === 'discord-dm').every((d) => d.status === 'sent'));
});

t.test(
  'a player who opts out of a type on Discord DMs stops getting it; other types still arrive',
  async (t) => {
    const env = await discordTestApp(t);
    const org = await linkedOrg(env);
    const alice = await discordPerson(env, 'alice');
    const prefs = await api<{ channels: Array<{ id: string }>; types: Array<{ eventType: string }> }>(
      env.app,
      alice,
      'GET',
      '/api/v1/me/notifications',
    );
    t.ok(
      prefs.channels.some((c) => c.id === 'discord-dm'),
      'Discord DMs is a channel people choose',
    );
    t.notOk(
      prefs.channels.some((c) => c.id === 'discord-channel'),
      'channel posts are not a personal choice',
    );
    await api(env.app, alice, 'PUT', '/api/v1/me/notifications', {
      preferences: [{ eventType: 'core.match.created', channel: 'discord-dm', enabled: false }],
    });
    const tournamentId = await createTournament(env, org.slug, org.admin);
    const match = await createMatch(env, org.slug, org.admin, {
      tournamentId,
      scheduledAt: '2030-01-10T18:00:00.000Z',
      players: [alice.userId],
    });
    await env.settle();
    t.equal(env.emu.dms(alice.discordId).length, 0, 'no "match scheduled" DM');
    await api(
      env.app,
      org.admin,
      'POST',
      `/api/v1/orgs/${org.slug}/matches/${match.id}/reschedule`,
      { scheduledAt: '2030-01-11T18:00:00.000Z' },
      200,
    );
    await env.settle();
    t.same(
      env.emu.dms(alice.discordId).map((m) => embedOf(m)?.title),
      ['Match rescheduled'],
      'still told about the reschedule',
    );
  },
);
