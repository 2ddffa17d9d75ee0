import t from 'tap';
import { league, until } from '../helpers/league.js';
import { neighbourPlugin } from '../helpers/neighbour-plugin.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test('join requests from the match players are accepted; strangers keep waiting', async (t) => {
  const rt = await racetimeTestApp(t);
  const { emulator } = rt;
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const stranger = emulator.registerUser({ name: 'Wario' });
  const matchId = await lg.match('2030-01-07T12:30:00Z', [mario, luigi]);
  await rt.clock.advance('1s');
  const slug = (await lg.room(matchId)).slug!.split('/')[1]!;
  const statusOf = (id: string) =>
    emulator.races.require(slug).entrants.find((e) => e.user?.id === id)?.status.value;
  await until('both invited', () => statusOf(mario.racetime.id) === 'invited' && statusOf(luigi.racetime.id));

  // Mario declines by mistake, then asks to join the invitational room; Wario asks too.
  emulator.players.declineInvite(slug, mario.racetime.id);
  emulator.players.requestInvite(slug, stranger.id);
  emulator.players.requestInvite(slug, mario.racetime.id);
  await until('Mario accepted into the room', () => statusOf(mario.racetime.id) === 'not_ready');
  await rt.clock.advance('5s');
  t.equal(statusOf(stranger.id), 'requested', 'a stranger is not let in');
  const accepts = emulator.log.actions.filter((a) => a.action === 'accept_request');
  t.same(
    accepts.map((a) => (a.data as { user: string }).user),
    [mario.racetime.id],
    'one accept, for the match player',
  );
});

t.test('chat commands: !help, !status, !entrants and commands of other plugins', async (t) => {
  const neighbour = neighbourPlugin();
  const rt = await racetimeTestApp(t, { plugins: [neighbour.plugin] });
  const { emulator } = rt;
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const matchId = await lg.match('2030-01-07T12:30:00Z', [mario, luigi]);
  await rt.clock.advance('1s');
  const slug = (await lg.room(matchId)).slug!.split('/')[1]!;
  await until('both invited', () => emulator.races.require(slug).entrants.length === 2);
  emulator.players.acceptInvite(slug, mario.racetime.id);
  emulator.players.ready(slug, mario.racetime.id);

  // The bot's next message in the room after `text` (earlier replies do not count).
  const ask = async (text: string) => {
    const before = emulator.log.chat.length;
    emulator.players.say(slug, luigi.racetime.id, text);
    const reply = await emulator.log.waitForChat(
      (c) => emulator.log.chat.indexOf(c) >= before && c.slug === slug && c.message.is_bot,
    );
    return reply.message.message;
  };
  const help = await ask('!help');
  t.match(help, /^Commands:/);
  for (const name of ['!help', '!status', '!entrants', '!seed (the seed of this race)'])
    t.match(help, name, `!help lists ${name}`);
  t.match(await ask('!status'), /^Race invitational: 2 entrants, 0 finished\. Goal: Beat the game\.$/);
  t.equal(await ask('!ENTRANTS'), 'ready: Mario | invited: Luigi', 'names are case-insensitive');
  t.equal(await ask('!seed abc-123'), 'Seed for Beat the game: abc-123', 'a command of another plugin');

  const botLines = () => emulator.races.chat(slug).filter((m) => m.is_bot).length;
  const count = botLines();
  emulator.players.say(slug, luigi.racetime.id, '!nonsense');
  emulator.players.say(slug, luigi.racetime.id, 'no command here');
  await emulator.log.waitForChat((c) => c.slug === slug && c.message.message === 'no command here');
  t.match(await ask('!status'), /^Race /, 'the next answer is to the next command');
  t.equal(botLines(), count + 1, 'unknown commands and plain chat get no answer');
});
