import t from 'tap';
import { type SgEpisode, startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg } from './fixtures/fetch-sg.js';

t.test('/api/episode?id= and /api/episode/?id= return the episode', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ when: '2026-07-20T18:00:00Z', title: 'Finals' });
  for (const path of [`/api/episode?id=${ep.id}`, `/api/episode/?id=${ep.id}`]) {
    const res = await fetchSg(sg.url, path);
    t.equal(res.status, 200);
    t.equal(res.contentType, 'text/html');
    t.equal((res.json as SgEpisode).id, ep.id, path);
    t.equal((res.json as SgEpisode).title, 'Finals');
  }
});

t.test('unknown or deleted id is HTTP 200 {"error"}', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode();
  t.same((await fetchSg(sg.url, '/api/episode?id=0')).json, { error: 'Failed to find episode with id 0.' });
  t.ok(sg.store.deleteEpisode(ep.id));
  const gone = await fetchSg(sg.url, `/api/episode/?id=${ep.id}`);
  t.equal(gone.status, 200);
  t.same(gone.json, { error: `Failed to find episode with id ${ep.id}.` });
  t.same((await fetchSg(sg.url, '/api/episode/')).json, { error: 'Failed to find episode with id 0.' });
});

t.test('episodeNotFound: 404 mode answers HTTP 404 for unknown ids only', async (t) => {
  const sg = await startSpeedGamingEmulator({ episodeNotFound: '404' });
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode();
  t.equal((await fetchSg(sg.url, '/api/episode/?id=42')).status, 404);
  t.equal((await fetchSg(sg.url, `/api/episode/?id=${ep.id}`)).status, 200);
});
