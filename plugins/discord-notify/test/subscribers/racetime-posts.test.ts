import { plugin as racetime } from '@racedesk/plugin-racetime';
import { addMember, api, startRacetimeEmulator, TestClock } from '@racedesk/testkit';
import t, { type Test } from 'tap';
import { discordDeliveries } from '../helpers/deliveries.js';
import { type DiscordTestApp, discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field } from '../helpers/embeds.js';
import { discordPerson, type LinkedOrg, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

/** discord-notify with the real racetime plugin, each against its emulator, on one clock. */
async function withRacetime(t: Test, order: 'racetime-first' | 'discord-notify-first' = 'racetime-first') {
  const clock = new TestClock();
  const racetimeEmu = await startRacetimeEmulator({ clock });
  t.teardown(() => racetimeEmu.close());
  const env = await discordTestApp(t, {
    clock,
    ...(order === 'racetime-first' ? { before: [racetime] } : { after: [racetime] }),
    pluginConfig: { racetime: { racetimeUrl: racetimeEmu.url, publicUrl: 'http://racedesk.test' } },
  });
  return { env, racetimeEmu };
}

/** Turns racetime on for the org with a bot for `alttpr` and automatic rooms 60 minutes before. */
async function racetimeOn(
  env: DiscordTestApp,
  racetimeEmu: Awaited<ReturnType<typeof startRacetimeEmulator>>,
  org: LinkedOrg,
  tournamentId: number,
  settings: Record<string, unknown> = {},
) {
  await api(env.app, env.root, 'PUT', `/api/v1/orgs/${org.slug}/plugins/racetime`, {
    enabled: true,
    settings: {},
  });
  const credentials = racetimeEmu.registerBot({ category: 'alttpr', name: 'Racedesk' });
  const bot = await api<{ id: number }>(env.app, env.root, 'POST', '/api/v1/racetime/bots', {
    category: 'alttpr',
    name: 'Racedesk',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  });
  await api(env.app, env.root, 'PUT', `/api/v1/racetime/bots/${bot.id}/orgs/${org.slug}`);
  await api(
    env.app,
    org.admin,
    'PUT',
    `/api/v1/orgs/${org.slug}/racetime/tournaments/${tournamentId}/settings`,
    {
      botId: bot.id,
      autoCreateRooms: true,
      openMinutesBefore: 60,
      defaultGoal: 'Beat the game',
      ...settings,
    },
  );
}

const chooseChannel = (env: DiscordTestApp, org: LinkedOrg, kind: string, channelId: string) =>
  api(env.app, org.admin, 'PUT', `/api/v1/orgs/${org.slug}/discord-notify/channels`, { kind, channelId });

const RACETIME_TYPES: Record<string, RegExp> = {
  'racetime.room.created': /^A match's race room opened, with the room link/,
  'racetime.room.skipped': /^A match race room was not opened, and why$/,
  'racetime.room.at_risk': /^A match race room will not open unless something is fixed$/,
};

for (const order of ['racetime-first', 'discord-notify-first'] as const) {
  t.test(
    `racetime owns the types of its room events (${order}): each listed once, its description`,
    async (t) => {
      const { env } = await withRacetime(t, order);
      const someone = await discordPerson(env, 'someone');
      const prefs = await api<{ types: { eventType: string; description: string }[] }>(
        env.app,
        someone,
        'GET',
        '/api/v1/me/notifications',
      );
      const registered = env.app.racedesk.plugins[0]?.context.domain.notifications.types() ?? [];
      for (const [eventType, description] of Object.entries(RACETIME_TYPES)) {
        const listed = prefs.types.filter((p) => p.eventType === eventType);
        t.equal(listed.length, 1, `${eventType} listed once`);
        t.match(listed[0]?.description, description, `${eventType}: racetime's description`);
        t.equal(
          registered.filter((r) => r.event.name === eventType).length,
          1,
          `${eventType}: one notification type registered`,
        );
      }
    },
  );
}

t.test('the real racetime plugin opens a room: its link is posted in the room channel', async (t) => {
  const { env, racetimeEmu } = await withRacetime(t);
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  await racetimeOn(env, racetimeEmu, org, tournamentId);
  await chooseChannel(env, org, 'room_opened', org.channels.announcements.id);
  await chooseChannel(env, org, 'organizer_alerts', org.channels.alerts.id);
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  for (const p of [alice, bob]) await addMember(env.app, env.root, org.slug, p, 'member');
  const match = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    title: 'Final',
    scheduledAt: '2030-01-07T14:00:00Z',
    players: [alice.userId, bob.userId],
  });
  await env.settle();
  const before = env.emu.messages(org.channels.announcements.id).length;

  await env.clock.advanceTo('2030-01-07T13:00:00Z');
  await env.settle();
  t.equal(racetimeEmu.races.list('alttpr').length, 1, 'racetime.gg (the emulator) has the room');
  const room = await api<{ status: string; url: string }>(
    env.app,
    org.admin,
    'GET',
    `/api/v1/orgs/${org.slug}/racetime/matches/${match.id}/room`,
  );
  t.equal(room.status, 'open');
  const url = room.url;

  const posts = env.emu.messages(org.channels.announcements.id).slice(before);
  t.equal(posts.length, 1, 'one post in the room channel');
  const embed = embedOf(posts[0]);
  t.match(embed, { title: 'Race room open', url, description: new RegExp(url) });
  t.equal(field(embed, 'Tournament'), 'Spring League');
  t.equal(embed?.footer?.text, `Match #${match.id}`);
  t.equal(env.emu.messages(org.channels.alerts.id).length, 0, 'nothing to alert organizers about');
  for (const player of [alice, bob]) {
    t.ok(
      env.emu.dms(player.discordId).some((m) => embedOf(m)?.url === url),
      'players also get the link by DM',
    );
  }
  const log = await discordDeliveries(env, org.slug, org.admin, { channel: 'discord-channel' });
  t.match(
    log.filter((d) => d.eventType === 'racetime.room.created'),
    [{ status: 'sent' }],
  );
});

t.test(
  'the real racetime plugin skips a room: organizers get the reason in the alerts channel',
  async (t) => {
    const { env, racetimeEmu } = await withRacetime(t);
    const org = await linkedOrg(env);
    const tournamentId = await createTournament(env, org.slug, org.admin);
    // Nobody has linked a racetime.gg account, and the tournament requires it.
    await racetimeOn(env, racetimeEmu, org, tournamentId, { requireLinkedAccounts: true });
    await chooseChannel(env, org, 'organizer_alerts', org.channels.alerts.id);
    await chooseChannel(env, org, 'room_opened', org.channels.announcements.id);
    const alice = await discordPerson(env, 'alice');
    await addMember(env.app, env.root, org.slug, alice, 'member');
    await createMatch(env, org.slug, org.admin, {
      tournamentId,
      scheduledAt: '2030-01-09T14:00:00Z',
      players: [alice.userId],
    });
    await env.settle();
    const announcementsBefore = env.emu.messages(org.channels.announcements.id).length;

    await env.clock.advanceTo('2030-01-09T13:00:00Z');
    await env.settle();
    t.equal(racetimeEmu.races.list('alttpr').length, 0, 'no room was opened');
    const alerts = env.emu.messages(org.channels.alerts.id).map(embedOf);
    const skipped = alerts.find((e) => e?.title === 'Race room not opened');
    t.ok(skipped, 'the skip is posted in the alerts channel');
    t.equal(field(skipped, 'Reason'), 'players_unlinked');
    t.match(skipped?.description, /without a linked racetime account/);
    t.ok(
      alerts.some((e) => e?.title === 'Race room at risk'),
      'the at-risk warnings (24 h and 2 h before) were posted there first',
    );
    t.equal(
      env.emu.messages(org.channels.announcements.id).length,
      announcementsBefore,
      'nothing in the room channel',
    );
    t.equal(alerts.filter((e) => e?.title === 'Race room not opened').length, 1, 'posted once');
    const adminDms = env.emu.dms(org.admin.discordId).map((m) => embedOf(m)?.title);
    t.ok(adminDms.includes('Race room at risk'), 'the org admin got the at-risk warning by DM');
    t.equal(
      adminDms.filter((title) => title === 'Race room not opened').length,
      1,
      'and the skip by DM, once',
    );
    t.notOk(
      env.emu
        .dms(alice.discordId)
        .some((m) => /^Race room (at risk|not opened)$/.test(embedOf(m)?.title ?? '')),
      'players get no organizer alerts',
    );
  },
);
