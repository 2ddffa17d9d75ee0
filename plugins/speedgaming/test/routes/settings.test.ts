import { api } from '@racedesk/testkit';
import t from 'tap';
import { eventsOf, sgTestApp } from '../helpers/sg-app.js';

t.test('a tournament starts with the import off and the documented defaults', async (t) => {
  const x = await sgTestApp(t);
  const other = await api<{ id: number }>(
    x.app,
    x.root,
    'POST',
    `/api/v1/orgs/${x.org}/tournaments`,
    { slug: 'season-6', name: 'Season 6' },
    201,
  );
  const url = `/api/v1/orgs/${x.org}/speedgaming/tournaments/${other.id}/settings`;
  t.same(await api(x.app, x.root, 'GET', url), {
    tournamentId: other.id,
    importEnabled: false,
    eventSlugs: [],
    windowBefore: 'PT2H',
    windowAfter: 'P7D',
    interval: 'PT5M',
    crewRoles: ['commentator', 'tracker'],
    racetimeAutoRooms: null,
    nextRunAt: null,
  });

  const changed = await api(x.app, x.root, 'PUT', url, {
    eventSlugs: ['alttprleague', 'smz3'],
    windowBefore: 'PT1H',
    crewRoles: ['commentator', 'tracker', 'restreamer'],
    racetimeAutoRooms: true,
  });
  t.match(changed, {
    importEnabled: false,
    windowBefore: 'PT1H',
    windowAfter: 'P7D',
    racetimeAutoRooms: true,
  });
  t.same(await api(x.app, x.root, 'GET', url), changed, 'stored');
  const audit = await x.app.racedesk.db('audit_log').where({ action: 'speedgaming.settings_updated' });
  t.ok(audit.length >= 1, 'settings changes are audited');
});

t.test('imported matches carry the racetime auto-room choice to subscribers', async (t) => {
  const x = await sgTestApp(t);
  await api(x.app, x.root, 'PUT', `${x.base}/settings`, { racetimeAutoRooms: true });
  x.sg.store.addEpisode({ id: 530001, when: '2026-07-21T18:00:00Z' });
  await x.sync();
  const [event] = await eventsOf(x, 'speedgaming.episode.imported');
  t.match(event!.payload, { episodeId: 530001, tournamentId: x.tournamentId, racetimeAutoRooms: true });
});
