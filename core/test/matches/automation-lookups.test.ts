import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league } from './helpers.js';

t.test('reading the claims on one match does not scan every claim (imports stay linear)', async (t) => {
  const { app } = await createTestApp({ t });
  const { db, domain } = app.racedesk;
  const { tournamentId } = await league(app);
  const { org_id: orgId } = await db('tournaments').where({ id: tournamentId }).first('org_id');
  // An import's worth of claimed matches.
  await db.raw(
    `insert into matches (org_id, tournament_id, scheduled_at, created_at, updated_at)
     select ?, ?, now() + g * interval '1 minute', now(), now() from generate_series(1, 5000) g`,
    [orgId, tournamentId],
  );
  await db.raw(
    `insert into automation_claims (org_id, match_id, plugin_id, aspects, reason, created_at)
     select org_id, id, 'importer', '{time,players,crew}', 'imported', now() from matches`,
  );
  await db.raw('analyze automation_claims');
  const { id: matchId } = await db('matches').orderBy('id', 'desc').first('id');

  let lookup: { sql: string; bindings: unknown[] } | undefined;
  const capture = (q: { sql: string; bindings: unknown[] }) => {
    lookup ??= q;
  };
  db.on('query', capture);
  const claims = await domain.matches.automation.claimsOn(matchId);
  db.off('query', capture);
  t.match(claims, [{ pluginId: 'importer', aspects: ['time', 'players', 'crew'] }]);

  // The logged SQL has PostgreSQL's $n placeholders, numbered in binding order.
  const sql = lookup!.sql.replace(/\$\d+/g, '?');
  const plan = (await db.raw(`explain ${sql}`, lookup!.bindings as never)).rows
    .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
    .join('\n');
  t.notMatch(plan, /Seq Scan on automation_claims/, `an index lookup:\n${plan}`);
});
