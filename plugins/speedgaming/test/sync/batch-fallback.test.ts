import t from 'tap';
import { eventsOf, matchesOf, type SgTestApp, sgTestApp } from '../helpers/sg-app.js';

const EPISODES = 30;

/** Adds new episode number `i`: two runners and a commentator of its own, `i` hours after the start. */
function addEpisode(x: SgTestApp, i: number): number {
  return x.sg.store.addEpisode({
    when: new Date(Date.parse('2026-07-21T00:00:00Z') + i * 3_600_000),
    match1: {
      title: `Race ${i}`,
      players: [
        { id: 8000 + 2 * i, displayName: `Runner${2 * i}`, discordId: '', discordTag: `runner${2 * i}` },
        {
          id: 8001 + 2 * i,
          displayName: `Runner${2 * i + 1}`,
          discordId: '',
          discordTag: `runner${2 * i + 1}`,
        },
      ],
    },
    commentators: [{ id: 9000 + i, displayName: `Caster${i}`, discordId: '', approved: true }],
  }).id;
}

t.test(
  'one episode the database refuses in a batch of new ones is rejected alone; the others land',
  async (t) => {
    const x = await sgTestApp(t);
    const ids = Array.from({ length: EPISODES }, (_, i) => addEpisode(x, i));
    // A fault injected in the database: the match of one episode (its title) cannot be written.
    const { db } = x.app.racedesk;
    await db.raw(`create function refuse_race() returns trigger language plpgsql as
    $$ begin raise exception 'match refused by the test'; end $$`);
    await db.raw(
      `create trigger refuse_race before insert on matches for each row
     when (new.title = 'Race 17') execute function refuse_race()`,
    );

    const run = await x.sync();
    t.match(run, { status: 'partial', imported: EPISODES - 1, errors: 1 });
    t.match(
      run.rejections,
      [{ episodeId: ids[17], reason: /match refused by the test/ }],
      'listed with the reason',
    );
    const matches = await matchesOf(x);
    t.equal(matches.length, EPISODES - 1, 'every other episode has its match');
    t.notOk(
      matches.some((m) => m.title === 'Race 17'),
      'nothing of the refused episode',
    );
    t.equal((await eventsOf(x, 'core.match.created')).length, EPISODES - 1, 'one creation event per match');
    t.equal((await eventsOf(x, 'speedgaming.episode.imported')).length, EPISODES - 1);
    const crew = await db('match_crew')
      .whereIn(
        'match_id',
        matches.map((m) => m.id),
      )
      .whereNull('removed_at');
    t.equal(crew.length, EPISODES - 1, 'each imported match has its commentator (once)');
    t.equal(
      Number((await db('audit_log').where({ action: 'match.created' }).count('* as n').first())!.n),
      EPISODES - 1,
      'one audit entry per match: the failed attempts left none',
    );

    await db.raw('drop trigger refuse_race on matches');
    const retry = await x.resync();
    t.match(
      retry,
      { status: 'succeeded', imported: 1, unchanged: EPISODES - 1, errors: 0 },
      'the next run imports it',
    );
    t.equal((await matchesOf(x)).length, EPISODES);
  },
);

t.test('new episodes are written with a fixed number of statements, however many there are', async (t) => {
  const x = await sgTestApp(t);
  // Pushes the automatic run a day out, so only the runs below import.
  t.match(await x.sync(), { imported: 0 });
  let next = 0;
  const add = (n: number) => {
    for (const end = next + n; next < end; next++) addEpisode(x, next);
  };
  const statementsOfRun = async (expected: number) => {
    let statements = 0;
    // Statements in transactions: the import's writes, not the after-commit dispatch of its events.
    const count = (q: { __knexTxId?: string }) => {
      if (q.__knexTxId) statements++;
    };
    x.app.racedesk.db.on('query', count);
    const run = await x.resync();
    x.app.racedesk.db.off('query', count);
    t.match(run, { imported: expected, errors: 0 });
    return statements;
  };
  add(3);
  const few = await statementsOfRun(3);
  add(60);
  const many = await statementsOfRun(60);
  t.equal(many, few, `${few} statements in transactions for 3 new episodes and for 60`);
});
