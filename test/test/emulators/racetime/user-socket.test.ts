import t from 'tap';
import WebSocket from 'ws';
import { botToken, FrameReader, openRaceAsBot, setup, twoPlayers } from './fixtures.js';

t.test('/ws/o/race: authenticate, then race commands need a user token with race_action', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const [mario] = twoPlayers(emu);
  const app = emu.registerUserApp({ redirectUris: ['http://localhost/cb'] });
  const ws = new WebSocket(`${emu.wsUrl}/ws/o/race/${slug}`);
  const reader = new FrameReader(ws);
  await reader.nextOf('race.renders');
  reader.send('join', {});
  t.same((await reader.nextOf('error')).errors, [
    'Permission denied, you may need to re-authorize this application.',
  ]);
  reader.send('authenticate', { oauth_token: 'nope' });
  t.same((await reader.nextOf('error')).errors, ['Authentication failed, check your token is still valid.']);
  const { accessToken } = emu.oauth.issueUserToken(app.clientId, mario.id);
  reader.send('authenticate', { oauth_token: accessToken });
  t.match((await reader.nextOf('authenticated')).user, { id: mario.id, full_name: 'Mario#5527' });
  reader.send('join', {});
  t.match((await reader.nextOf('chat.message')).message, {
    message: 'Mario#5527 joins the race.',
    is_system: true,
  });
  t.match(emu.races.require(slug).entrants, [{ user: { id: mario.id }, status: { value: 'not_ready' } }]);
  const info = await fetch(`${emu.url}/o/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });
  t.equal(((await info.json()) as { active_race: string }).active_race, `alttpr/${slug}`);
});
