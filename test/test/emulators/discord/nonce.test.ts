import { REST, Routes } from 'discord.js';
import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { setup } from './fixtures.js';

t.test('enforce_nonce: a nonce repeated within a few minutes returns the first message', async (t) => {
  const clock = new TestClock('2030-01-07T12:00:00.000Z');
  t.teardown(() => clock.uninstall());
  const { emu, bot, general, announcements } = await setup(t, { clock });
  emu.setOverwrite(announcements.id, { target: bot.user.id, type: 'member', allow: ['SendMessages'] });
  const rest = new REST({ api: emu.apiUrl, version: '10', retries: 0 }).setToken(bot.token);
  const post = (channelId: string, body: Record<string, unknown>) =>
    rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string; nonce?: string }>;

  const first = await post(general.id, { content: 'one', nonce: 'n-1', enforce_nonce: true });
  const again = await post(general.id, { content: 'one again', nonce: 'n-1', enforce_nonce: true });
  t.equal(again.id, first.id, 'the same message comes back');
  t.equal(again.nonce, 'n-1');
  t.same(
    emu.messages(general.id).map((m) => m.content),
    ['one'],
    'nothing new was created',
  );

  await post(general.id, { content: 'not enforced', nonce: 'n-1' });
  t.equal(emu.messages(general.id).length, 2, 'without enforce_nonce a nonce is only echoed');
  await post(announcements.id, { content: 'elsewhere', nonce: 'n-1', enforce_nonce: true });
  t.equal(emu.messages(announcements.id).length, 1, 'another channel is another message');

  await clock.advance(5 * 60_000 + 1);
  const later = await post(general.id, { content: 'later', nonce: 'n-1', enforce_nonce: true });
  t.not(later.id, first.id, 'after a few minutes the nonce is forgotten');
  t.equal(emu.messages(general.id).length, 3);
});

t.test('a lost answer: the message exists, and a resend with its nonce returns it', async (t) => {
  const { emu, bot, general } = await setup(t);
  const rest = new REST({ api: emu.apiUrl, version: '10', retries: 0 }).setToken(bot.token);
  const body = { content: 'hello', nonce: 'lost-1', enforce_nonce: true };
  emu.faults.loseAnswerNext('/channels/*/messages', { method: 'POST' });
  await t.rejects(rest.post(Routes.channelMessages(general.id), { body }), 'the client saw no answer');
  t.equal(emu.messages(general.id).length, 1, 'but Discord created the message');
  const resent = (await rest.post(Routes.channelMessages(general.id), { body })) as { id: string };
  t.equal(resent.id, emu.messages(general.id)[0]?.id);
  t.equal(emu.messages(general.id).length, 1, 'once');
});
