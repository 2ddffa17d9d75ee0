import t from 'tap';
import {
  SpeedGamingEpisodeGoneError,
  SpeedGamingMalformedError,
  SpeedGamingUnavailableError,
} from '../../src/clients/speedgaming-errors.js';
import { insertEpisodes, referenceDoubleheader } from '../fixtures/reference-episodes.js';
import { caught, startHarness } from '../fixtures/sg-harness.js';

t.test('fetches one episode by id on /api/episode/', async (t) => {
  const { sg, client } = await startHarness(t);
  insertEpisodes(sg.store, [referenceDoubleheader()]);
  const episode = await client.episode(512346);
  t.equal(episode.id, 512346);
  t.equal(episode.match2?.note, 'Showcase Race 5 & 6');
  t.equal(episode.match2?.title, null);
  t.same(
    sg.requests.entries.map((r) => [r.path, r.query]),
    [['/api/episode/', { id: '512346' }]],
  );
});

t.test('a deleted episode is EpisodeGone; an outage never is', async (t) => {
  const { sg, client } = await startHarness(t, { client: { timeoutMs: 1000, retry: { attempts: 2 } } });
  const episode = sg.store.addEpisode({ event: 'alttprleague' });

  sg.faults.errorBody({ path: '/api/episode', message: 'Internal error.' });
  const sgError = await caught(t, () => client.episode(episode.id));
  t.type(sgError, SpeedGamingUnavailableError, 'an unexplained {"error"} does not mean deleted');
  t.match(sgError, { reason: 'sg_error' });

  sg.faults.serverError({ path: '/api/episode', times: 2 });
  t.match(await caught(t, () => client.episode(episode.id)), { kind: 'unavailable', reason: 'server' });

  sg.faults.hang({ path: '/api/episode', times: 2 });
  t.match(await caught(t, () => client.episode(episode.id)), { kind: 'unavailable', reason: 'timeout' });

  sg.faults.malformedJson({ path: '/api/episode' });
  t.type(await caught(t, () => client.episode(episode.id)), SpeedGamingMalformedError);

  t.equal((await client.episode(episode.id)).id, episode.id, 'still there after all that');

  sg.store.deleteEpisode(episode.id);
  const gone = await caught(t, () => client.episode(episode.id));
  t.type(gone, SpeedGamingEpisodeGoneError);
  t.match(gone, {
    kind: 'episode_gone',
    episodeId: episode.id,
    sgMessage: `Failed to find episode with id ${episode.id}.`,
  });
});

t.test('an SG that answers 404 for unknown episodes', async (t) => {
  const { sg, client } = await startHarness(t, { emulator: { episodeNotFound: '404' } });
  t.match(await caught(t, () => client.episode(424242)), { kind: 'episode_gone', sgMessage: 'HTTP 404' });
  t.equal(sg.requests.count(), 1, 'not retried');
});

t.test('a malformed episode names its field; a different id is malformed too', async (t) => {
  const { sg, client } = await startHarness(t);
  const episode = sg.store.addEpisode({ event: 'alttprleague', trackers: [{ displayName: 'T' }] });
  const live = [...sg.store.liveEpisodes()][0]!;
  (live.trackers[0] as unknown as Record<string, unknown>).approved = 'yes';
  t.match(await caught(t, () => client.episode(episode.id)), {
    kind: 'malformed',
    field: 'episode.trackers[0].approved',
    problem: 'must be boolean (got "yes")',
  });

  // SG answering with another episode than the one asked for must not be taken for it.
  const other = sg.store.addEpisode({ event: 'alttprleague' });
  sg.faults.malformedJson({ path: '/api/episode', body: JSON.stringify(sg.store.getEpisode(other.id)) });
  t.match(await caught(t, () => client.episode(episode.id)), {
    kind: 'malformed',
    field: 'episode.id',
    problem: `is ${other.id}, not the requested ${episode.id}`,
  });
});
