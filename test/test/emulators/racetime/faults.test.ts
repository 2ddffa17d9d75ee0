import t from 'tap';
import WebSocket from 'ws';
import { botToken, connectBot, openRaceAsBot, setup } from './fixtures.js';

t.test('failNext answers 5xx for N requests, then the endpoint recovers', async (t) => {
  const { emu } = await setup(t);
  emu.faults.failNext('/*/data', { status: 503, count: 2 });
  t.equal((await fetch(`${emu.url}/alttpr/data`)).status, 503);
  t.equal((await fetch(`${emu.url}/alttpr/data`)).status, 503);
  t.equal((await fetch(`${emu.url}/alttpr/data`)).status, 200);
  t.same(
    emu.log.requests.map((r) => r.status),
    [503, 503, 200],
  );
});

t.test('hangNext leaves the request unanswered until the client gives up', async (t) => {
  const { emu, bot } = await setup(t);
  emu.faults.hangNext('/o/token', { method: 'POST' });
  const abort = new AbortController();
  const pending = fetch(`${emu.url}/o/token`, {
    method: 'POST',
    body: 'grant_type=client_credentials',
    signal: abort.signal,
  });
  await emu.log.waitForRequest((r) => r.path === '/o/token' && r.status === 0);
  abort.abort();
  await t.rejects(pending);
  t.type(await botToken(emu, bot), 'string', 'the next request is answered');
});

t.test('expired tokens: 403 on HTTP, socket stays open', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  t.equal(emu.faults.expireTokens({ clientId: bot.clientId }), 1);
  const res = await fetch(`${emu.url}/o/alttpr/${slug}/edit`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: new URLSearchParams({ goal: 'Beat the game' }),
  });
  t.same([res.status, await res.text()], [403, '']);
});

t.test('dropSockets closes every socket of a race; upgrades can fail too', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const reader = await connectBot(emu, slug, token);
  const closed = new Promise<number>((resolve) => reader.ws.on('close', (code) => resolve(code)));
  t.equal(emu.faults.dropSockets(slug, { code: 1012, reason: 'CloudFlare WebSocket proxy restarting' }), 1);
  t.equal(await closed, 1012);
  emu.faults.failNext(`/ws/o/bot/${slug}`, { status: 502 });
  const ws = new WebSocket(`${emu.wsUrl}/ws/o/bot/${slug}`);
  const status = await new Promise<number>((resolve) =>
    ws.on('unexpected-response', (_q, r) => resolve(r.statusCode ?? 0)),
  );
  t.equal(status, 502);
});

t.test('delayFrames holds frames until the clock reaches their time', async (t) => {
  const { emu, bot, clock } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const reader = await connectBot(emu, slug, token);
  emu.faults.delayFrames(2000, slug);
  reader.send('setinfo', { info_bot: 'late' });
  await emu.log.waitForAction((a) => a.action === 'setinfo');
  t.equal(reader.pending.length, 0, 'nothing delivered yet');
  await clock.advance('2s');
  const frame = await reader.next();
  t.equal(frame.type, 'chat.message');
  t.equal((await reader.next()).type, 'race.data');
});
