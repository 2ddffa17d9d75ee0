import { api } from '@racedesk/testkit';
import t from 'tap';
import { league, until } from '../helpers/league.js';
import { neighbourPlugin, type SentNotice } from '../helpers/neighbour-plugin.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

const recipients = (sent: SentNotice[], type: string) =>
  sent
    .filter((n) => n.eventType === type)
    .map((n) => n.userId)
    .sort();

t.test('organizers hear of a room at risk 24 h and 2 h ahead, then of the skipped room', async (t) => {
  const neighbour = neighbourPlugin();
  const rt = await racetimeTestApp(t, { plugins: [neighbour.plugin] });
  const lg = await league(rt, { settings: { requireLinkedAccounts: true } });
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi', { linked: false });
  const matchId = await lg.match('2030-01-09T13:00:00Z', [mario, luigi]);
  const organizers = [rt.root.userId, lg.mod.userId].sort();

  await rt.clock.advanceTo('2030-01-08T12:00:00Z');
  t.same(recipients(neighbour.sent, 'racetime.room.at_risk'), organizers, 'warned 24 h ahead');
  t.match(neighbour.sent.find((n) => n.eventType === 'racetime.room.at_risk')?.payload, {
    matchId,
    reason: 'players_unlinked',
    hoursBefore: 24,
  });
  await rt.clock.advanceTo('2030-01-09T10:00:00Z');
  t.same(
    recipients(neighbour.sent, 'racetime.room.at_risk'),
    [...organizers, ...organizers].sort(),
    'and again 2 h ahead',
  );
  await rt.clock.advanceTo('2030-01-09T12:00:01Z');
  t.same(recipients(neighbour.sent, 'racetime.room.skipped'), organizers, 'told the room was skipped');
  t.match(neighbour.sent.find((n) => n.eventType === 'racetime.room.skipped')?.payload, {
    matchId,
    reason: 'players_unlinked',
  });
  t.notOk(
    neighbour.sent.some(
      (n) =>
        n.eventType.startsWith('racetime.') &&
        (n.userId === mario.person.userId || n.userId === luigi.person.userId),
    ),
    'players are not sent organizer notices',
  );

  const log = await api<{ items: Array<{ eventType: string; status: string; userId: number }> }>(
    rt.app,
    lg.mod,
    'GET',
    `/api/v1/orgs/${lg.org.slug}/notifications/deliveries?channel=test-dm`,
  );
  t.equal(
    log.items.filter((d) => d.eventType === 'racetime.room.skipped' && d.status === 'sent').length,
    2,
    'the delivery log shows them sent',
  );
});

t.test('organizers are told which players of an opened room could not be invited', async (t) => {
  const neighbour = neighbourPlugin();
  const rt = await racetimeTestApp(t, { plugins: [neighbour.plugin] });
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const peach = await lg.player('Peach', { linked: false });
  const everyone = await lg.match('2030-01-07T12:30:00Z', [mario, luigi], 'Everyone linked');
  const partly = await lg.match('2030-01-07T12:40:00Z', [mario, peach], 'Peach unlinked');
  await rt.clock.advance('1s');
  const slug = (await lg.room(partly)).slug!.split('/')[1]!;
  t.equal((await lg.room(everyone)).status, 'open');

  await rt.clock.advance('1s');
  const created = neighbour.sent.filter((n) => n.eventType === 'racetime.room.created');
  const organizerIds: (number | null)[] = [rt.root.userId, lg.mod.userId];
  const toOrganizers = created.filter((n) => organizerIds.includes(n.userId));
  t.same(
    toOrganizers.map((n) => n.userId).sort(),
    [...organizerIds].sort(),
    'one notice per organizer, for the room with someone missing only',
  );
  t.same(
    created
      .filter((n) => !organizerIds.includes(n.userId))
      .map((n) => `${(n.payload as { matchId: number }).matchId}:${n.userId}`)
      .sort(),
    [
      `${everyone}:${mario.person.userId}`,
      `${everyone}:${luigi.person.userId}`,
      `${partly}:${mario.person.userId}`,
      `${partly}:${peach.person.userId}`,
    ].sort(),
    'each player gets the room link of their own room',
  );
  t.match(toOrganizers[0]?.payload, {
    matchId: partly,
    notInvited: [{ userId: peach.person.userId, reason: 'no linked racetime account' }],
  });
  const notice = await rt.emulator.log.waitForChat(
    (c) => c.slug === slug && c.message.is_bot && c.message.message.startsWith('Could not invite'),
  );
  t.equal(notice.message.message, 'Could not invite Peach: no linked racetime account.');
  await until('Mario invited', () => rt.emulator.races.require(slug).entrants.length === 1);
});
