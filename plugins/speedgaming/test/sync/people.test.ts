import { signIn } from '@racedesk/testkit';
import t, { type Test } from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { eventsAfter, lastEventId, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const EPISODE = 512345;
const LUIGI_DISCORD = '444444444444444444';
const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

async function imported(t: Test) {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  t.match(await x.sync(), { imported: 1 });
  return x;
}

const userRow = (x: Awaited<ReturnType<typeof imported>>, id: number) =>
  x.app.racedesk.db('users').where({ id }).first();

t.test('unknown people become placeholders, one per SpeedGaming person, in the org', async (t) => {
  const x = await sgTestApp(t);
  // The same runners in two episodes.
  insertEpisodes(x.sg.store, [
    { ...referenceEpisode(), ...ahead },
    {
      ...referenceEpisode(),
      id: 512399,
      when: '2026-07-22T18:00:00+00:00',
      whenCountdown: '2026-07-22T18:00:00+00:00',
    },
  ]);
  t.match(await x.sync(), { imported: 2 });
  const [a, b] = await matchesOf(x);
  t.same(
    a!.players.map((p) => p.userId),
    b!.players.map((p) => p.userId),
    'the same users in both matches',
  );
  const luigi = await userRow(x, a!.players[1]!.userId);
  t.match(luigi, { is_placeholder: true, discord_id: null, display_name: 'luigi_tv' });
  const member = await x.app.racedesk.db('org_members').where({ org_id: x.orgId, user_id: luigi.id }).first();
  t.equal(member?.role, 'member', 'the placeholder is a member of the organization');
});

t.test('a Discord id SpeedGaming adds later merges the placeholder into the real user', async (t) => {
  const x = await imported(t);
  const [before] = await matchesOf(x);
  const placeholderId = before!.players[1]!.userId;
  const real = await signIn(x.app, { discordId: LUIGI_DISCORD, username: 'luigi-real' });

  const episode = x.sg.store.getEpisode(EPISODE)!;
  x.sg.store.setPlayers(EPISODE, [
    episode.match1.players[0]!,
    { ...episode.match1.players[1]!, discordId: LUIGI_DISCORD },
  ]);
  const mark = await lastEventId(x);
  await x.resync();
  t.ok((await eventsAfter(x, mark)).includes('core.user.merged'), 'the core merge service ran');
  const [after] = await matchesOf(x);
  t.equal(after!.players[1]!.userId, real.userId, 'the match now seats the real user');
  t.match(await userRow(x, placeholderId), { merged_into_id: String(real.userId) });

  const mark2 = await lastEventId(x);
  t.match(await x.resync(), { unchanged: 1, updated: 0 });
  t.same(await eventsAfter(x, mark2), [], 'nothing to do afterwards');
});

t.test('a placeholder holding a Discord id becomes the real user when that person signs in', async (t) => {
  const x = await imported(t);
  const [match] = await matchesOf(x);
  const marioId = match!.players[0]!.userId;
  t.match(await userRow(x, marioId), { is_placeholder: true, discord_id: '111111111111111111' });
  const mario = await signIn(x.app, { discordId: '111111111111111111', username: 'mario' });
  t.equal(mario.userId, marioId, 'signing in claims the placeholder');
  t.match(await userRow(x, marioId), { is_placeholder: false });
  t.match(await x.resync(), { unchanged: 1, errors: 0 });
  t.equal((await matchesOf(x))[0]!.players[0]!.userId, marioId);
});

t.test('a placeholder merges into the user who signs in with its Discord username', async (t) => {
  const x = await imported(t);
  const [match] = await matchesOf(x);
  const placeholderId = match!.players[1]!.userId;
  // SpeedGaming has `luigi#0` and no Discord id for Luigi.
  const luigi = await signIn(x.app, { username: 'luigi' });
  const mark = await lastEventId(x);
  await x.resync();
  t.ok((await eventsAfter(x, mark)).includes('core.user.merged'));
  t.equal((await matchesOf(x))[0]!.players[1]!.userId, luigi.userId);
  t.match(await userRow(x, placeholderId), { merged_into_id: String(luigi.userId) });
});

t.test('a person two users could be is not guessed: the episode is listed with the reason', async (t) => {
  const x = await sgTestApp(t);
  await signIn(x.app, { username: 'peach' });
  await signIn(x.app, { username: 'Peach' });
  x.sg.store.addEpisode({
    id: 600001,
    when: '2026-07-21T18:00:00+00:00',
    match1: {
      title: 'Round 2',
      players: [
        { displayName: 'Peach', discordId: '', discordTag: 'peach' },
        { displayName: 'Daisy', discordId: '', discordTag: 'daisy' },
      ],
    },
  });
  const run = await x.sync();
  t.match(run, { status: 'partial', imported: 0, errors: 1 });
  t.match(run.rejections, [{ episodeId: 600001, reason: /matches 2 users by Discord username "peach"/ }]);
  t.equal((await matchesOf(x)).length, 0);
});
