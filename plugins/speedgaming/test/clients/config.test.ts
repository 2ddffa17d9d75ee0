import { validateConfig } from '@racedesk/core';
import t from 'tap';
import { speedGamingClientFor } from '../../src/clients/speedgaming-client.js';
import { startHarness } from '../fixtures/sg-harness.js';

t.test('the client follows RACEDESK_SPEEDGAMING_URL from the instance config', async (t) => {
  const { sg } = await startHarness(t);
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });
  const config = validateConfig({ services: { speedgamingUrl: `${sg.url}/` } });
  const client = speedGamingClientFor(config, { timeoutMs: 1000 });
  const { episodes } = await client.schedule(
    'alttprleague',
    new Date('2026-07-21T00:00:00Z'),
    new Date('2026-07-22T00:00:00Z'),
  );
  t.equal(episodes.length, 1);
  t.equal(sg.requests.entries[0]!.path, '/api/schedule/', 'a trailing slash on the base URL is not doubled');
});
