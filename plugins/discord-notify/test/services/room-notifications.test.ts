import t from 'tap';
import { racetimeStandIn, roomOpened, roomSkipped } from '../fixtures/racetime-stand-in.js';
import { importFinished, speedgamingStandIn } from '../fixtures/speedgaming-stand-in.js';
import { discordDeliveries } from '../helpers/deliveries.js';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field } from '../helpers/embeds.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

t.test(
  'players get the room link when their race room opens; organizers get skipped-room alerts',
  async (t) => {
    const env = await discordTestApp(t, { before: [racetimeStandIn] });
    const org = await linkedOrg(env);
    const tournamentId = await createTournament(env, org.slug, org.admin);
    const alice = await discordPerson(env, 'alice');
    const bob = await discordPerson(env, 'bob');
    const match = await createMatch(env, org.slug, org.admin, {
      tournamentId,
      scheduledAt: '2030-01-10T18:00:00Z',
      players: [alice.userId, bob.userId],
    });
    await env.settle();

    const url = 'https://racetime.gg/alttpr/cool-doge-1234';
    await roomOpened(org.orgId, match.id, tournamentId, url);
    await env.settle();
    for (const player of [alice, bob]) {
      const embed = embedOf(env.emu.dms(player.discordId)[1]);
      t.match(embed, { title: 'Race room open', url, description: new RegExp(url) });
      t.equal(field(embed, 'Tournament'), 'Spring League');
    }
    t.equal(env.emu.dms(org.admin.discordId).length, 0, 'organizers are not players');

    await roomSkipped(
      org.orgId,
      match.id,
      tournamentId,
      'player_not_linked',
      'bob has no racetime.gg account',
    );
    await env.settle();
    const alert = embedOf(env.emu.dms(org.admin.discordId)[0]);
    t.match(alert, { title: 'Race room not opened', description: 'bob has no racetime.gg account' });
    t.equal(field(alert, 'Reason'), 'player_not_linked');
    t.equal(env.emu.dms(alice.discordId).length, 2, 'players do not get organizer alerts');
    const log = await discordDeliveries(env, org.slug, org.admin, { userId: org.admin.userId });
    t.match(log, [{ eventType: 'racetime.room.skipped', status: 'sent' }]);
  },
);

t.test('when players could not be invited, organizers get the room DM with who was left out', async (t) => {
  const env = await discordTestApp(t, { before: [racetimeStandIn] });
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const alice = await discordPerson(env, 'alice');
  const bob = await discordPerson(env, 'bob');
  const match = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-10T18:00:00Z',
    players: [alice.userId, bob.userId],
  });
  await env.settle();
  const adminBefore = env.emu.dms(org.admin.discordId).length;

  const url = 'https://racetime.gg/alttpr/lazy-goose-5678';
  await roomOpened(org.orgId, match.id, tournamentId, url, [
    { userId: bob.userId, reason: 'no linked racetime account' },
  ]);
  await env.settle();
  const dms = env.emu.dms(org.admin.discordId).slice(adminBefore);
  t.equal(dms.length, 1, 'one DM to the organizer');
  const embed = embedOf(dms[0]);
  t.match(embed, { title: 'Race room open', url });
  t.equal(field(embed, 'Not invited'), '1 player(s): no linked racetime account');
  t.ok(
    env.emu.dms(alice.discordId).some((m) => embedOf(m)?.url === url),
    'players still get the room link',
  );
});

t.test('organizers are alerted about import problems, not about clean imports', async (t) => {
  const env = await discordTestApp(t, { before: [speedgamingStandIn] });
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  await importFinished(org.orgId, tournamentId, 'succeeded', 0);
  await env.settle();
  t.equal(env.emu.dms(org.admin.discordId).length, 0, 'a clean import tells nobody');
  await importFinished(org.orgId, tournamentId, 'partial', 2);
  await env.settle();
  const alert = embedOf(env.emu.dms(org.admin.discordId)[0]);
  t.match(alert, { title: 'SpeedGaming import had problems', description: /2 episode/ });
  t.equal(field(alert, 'Tournament'), 'Spring League');
});
