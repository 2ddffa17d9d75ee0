import t from 'tap';
import {
  SpeedGamingEventNotFoundError,
  SpeedGamingMalformedError,
  SpeedGamingUnavailableError,
} from '../../src/clients/speedgaming-errors.js';
import { insertEpisodes, referenceDoubleheader, referenceEpisode } from '../fixtures/reference-episodes.js';
import { caught, startHarness } from '../fixtures/sg-harness.js';

const FROM = new Date('2026-07-20T10:00:00.123Z');
const TO = new Date('2026-07-27T10:00:00.456Z');

t.test('parses the reference episode although SG labels the JSON text/html', async (t) => {
  const { sg, client } = await startHarness(t);
  insertEpisodes(sg.store, [referenceEpisode()]);
  const raw = await fetch(`${sg.url}/api/schedule/?event=alttprleague&from=2026-07-20T00:00:00Z`);
  t.equal(raw.headers.get('content-type'), 'text/html', 'the quirk is really there');
  await raw.text();

  const { episodes, rejected } = await client.schedule('alttprleague', FROM, TO);
  t.same(rejected, []);
  t.equal(episodes.length, 1);
  const episode = episodes[0]!;
  t.equal(episode.id, 512345);
  t.equal(episode.when.toISOString(), '2026-07-20T18:00:00.000Z');
  t.equal(episode.title, null, 'the empty title is null, not ""');
  t.equal(episode.timezone, null);
  t.equal(episode.match2, null);
  t.equal(episode.match1.players[1]!.discordId, null, '"" discordId is null');
  t.equal(episode.match1.players[1]!.publicStream, null);
  t.equal(episode.commentators[1]!.approved, false);
  t.equal(episode.event.slug, 'alttprleague');
  t.same(
    episode.channels.map((c) => c.name),
    ['SpeedGaming'],
  );
});

t.test('sends the window on the trailing-slash path with encoded offsets, never shrinking it', async (t) => {
  const { sg, client } = await startHarness(t);
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-20T10:00:00Z' });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-27T10:00:00Z' });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-20T09:59:59Z' });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-27T10:00:02Z' });

  const { episodes } = await client.schedule(' alttprleague ', FROM, TO);
  const [request] = sg.requests.entries;
  t.equal(request!.path, '/api/schedule/');
  t.same(request!.query, {
    event: 'alttprleague',
    from: '2026-07-20T10:00:00+00:00',
    to: '2026-07-27T10:00:01+00:00',
  });
  t.same(
    episodes.map((e) => e.when.toISOString()),
    ['2026-07-20T10:00:00.000Z', '2026-07-27T10:00:00.000Z'],
    'bounds are inclusive after rounding from down and to up; the + reached SG intact',
  );
});

t.test('converts any offset to UTC and sorts by airtime', async (t) => {
  const { sg, client } = await startHarness(t);
  const late = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T02:00:00+00:00' });
  const eastern = sg.store.addEpisode({
    event: 'alttprleague',
    when: '2026-07-20T14:00:00-04:00',
    whenCountdown: '2026-07-20T13:30:00-04:00',
  });
  const { episodes } = await client.schedule('alttprleague', FROM, TO);
  t.same(
    episodes.map((e) => e.id),
    [eastern.id, late.id],
  );
  t.equal(episodes[0]!.when.toISOString(), '2026-07-20T18:00:00.000Z');
  t.equal(episodes[0]!.whenCountdown.toISOString(), '2026-07-20T17:30:00.000Z', 'race start kept apart');
});

t.test('an empty window is an empty list; an unknown event is EventNotFound', async (t) => {
  const { sg, client } = await startHarness(t);
  sg.store.addEvent({ slug: 'quiet' });
  t.same(await client.schedule('quiet', FROM, TO), { episodes: [], rejected: [] });

  const error = await caught(t, () => client.schedule('nosuchevent', FROM, TO));
  t.type(error, SpeedGamingEventNotFoundError);
  t.match(error, { kind: 'event_not_found', eventSlug: 'nosuchevent', sgMessage: 'Failed to find event.' });

  const before = sg.requests.count();
  const blank = await caught(t, () => client.schedule('  ', FROM, TO));
  t.type(blank, SpeedGamingEventNotFoundError, 'a blank slug would fetch every event');
  t.equal(sg.requests.count(), before, 'and is refused without asking SG');
});

t.test('one malformed episode is rejected with the bad field; the others are kept', async (t) => {
  const { sg, client } = await startHarness(t);
  const good = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });
  const doubleheader = referenceDoubleheader();
  insertEpisodes(sg.store, [doubleheader]);
  const badRunner = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-22T18:00:00Z' });
  const badTime = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-23T18:00:00Z' });
  const noCrew = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-24T18:00:00Z' });
  for (const live of sg.store.liveEpisodes()) {
    const wire = live as unknown as Record<string, unknown>;
    if (live.id === badRunner.id) (live.match1.players[1] as unknown as Record<string, unknown>).id = 'abc';
    if (live.id === badTime.id) wire.whenCountdown = 'Tuesday 6pm';
    if (live.id === noCrew.id) delete wire.commentators;
    if (live.id === doubleheader.id) (live.match2 as unknown as Record<string, unknown>).note = 42;
  }

  const { episodes, rejected } = await client.schedule('alttprleague', FROM, TO);
  t.same(
    episodes.map((e) => e.id),
    [good.id],
  );
  t.same(
    rejected.map((r) => r.episodeId),
    [doubleheader.id, badRunner.id, badTime.id, noCrew.id],
  );
  t.match(rejected[0]!.reason, /^schedule\[0\]\.match2\.note must be string or null \(got 42\)$/);
  t.match(rejected[1]!.reason, /^schedule\[2\]\.match1\.players\[1\]\.id must be integer \(got "abc"\)$/);
  t.match(
    rejected[2]!.reason,
    /whenCountdown is not an ISO-8601 time with a UTC offset \(got "Tuesday 6pm"\)/,
  );
  t.match(rejected[3]!.reason, /commentators is missing/);
});

t.test('SG error objects and unreadable bodies', async (t) => {
  const { sg, client } = await startHarness(t);
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });

  sg.faults.errorBody({ path: '/api/schedule', message: 'Internal error.' });
  const sgError = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.type(sgError, SpeedGamingUnavailableError, 'an unexplained {"error"} is an outage, not a missing event');
  t.match(sgError, { reason: 'sg_error', message: /Internal error\./ });

  sg.faults.malformedJson({ path: '/api/schedule' });
  const cut = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.type(cut, SpeedGamingMalformedError);
  t.match(cut, { field: 'schedule', problem: /^is not JSON \(starts with "\[/ });

  sg.faults.malformedJson({ path: '/api/schedule', body: '{"episodes": 3}' });
  const shape = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.match(shape, {
    kind: 'malformed',
    field: 'schedule',
    problem: 'must be an array of episodes (got an object)',
  });

  const tail = await client.schedule('alttprleague', FROM, TO);
  t.equal(tail.episodes.length, 1, 'faults do not stick');
});

t.test('works when SG redirects the slash-less paths', async (t) => {
  const { sg, client } = await startHarness(t, { emulator: { slashless: 'redirect' } });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });
  const { episodes } = await client.schedule('alttprleague', FROM, TO);
  t.equal(episodes.length, 1);
  t.same(
    sg.requests.entries.map((r) => r.status),
    [200],
    'one request, no redirect hop',
  );
});
