import { plugin as speedgaming } from '@racedesk/plugin-speedgaming';
import { api, startSpeedGamingEmulator, TestClock } from '@racedesk/testkit';
import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field } from '../helpers/embeds.js';
import { linkedOrg } from '../helpers/linked-org.js';
import { createTournament } from '../helpers/matches.js';

t.test('a failed import by the real speedgaming plugin is posted in the alerts channel', async (t) => {
  const clock = new TestClock();
  const sg = await startSpeedGamingEmulator({ clock });
  t.teardown(() => sg.close());
  sg.store.addEvent({ slug: 'alttprleague' });
  const env = await discordTestApp(t, {
    clock,
    before: [speedgaming],
    pluginConfig: { speedgaming: { speedgamingUrl: sg.url, requestAttempts: 1, requestTimeoutMs: 2000 } },
  });
  const org = await linkedOrg(env);
  await api(env.app, env.root, 'PUT', `/api/v1/orgs/${org.slug}/plugins/speedgaming`, {
    enabled: true,
    settings: {},
  });
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const base = `/api/v1/orgs/${org.slug}/speedgaming/tournaments/${tournamentId}`;
  await api(env.app, org.admin, 'PUT', `${base}/settings`, {
    importEnabled: true,
    eventSlugs: ['alttprleague'],
    interval: 'P1D',
  });
  await api(env.app, org.admin, 'PUT', `/api/v1/orgs/${org.slug}/discord-notify/channels`, {
    kind: 'organizer_alerts',
    channelId: org.channels.alerts.id,
  });
  const sync = async () => {
    const res = await env.app.inject({ method: 'POST', url: `${base}/sync`, headers: org.admin.headers });
    await env.settle();
    return res.json() as { status: string };
  };

  t.equal((await sync()).status, 'succeeded');
  t.equal(env.emu.messages(org.channels.alerts.id).length, 0, 'a clean import is not posted');

  await env.advance('1m'); // SpeedGaming's poll limit
  sg.faults.serverError({ path: '/api/schedule' });
  t.equal((await sync()).status, 'failed');
  const posts = env.emu.messages(org.channels.alerts.id);
  t.equal(posts.length, 1, 'one post');
  const embed = embedOf(posts[0]);
  t.match(embed, { title: 'SpeedGaming import failed' });
  t.equal(field(embed, 'Tournament'), 'Spring League');
});
