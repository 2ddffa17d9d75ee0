import { systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { createOrg } from '../auth/helpers/people.js';
import { league } from './helpers.js';

t.test("idsInOrg names which ids are the org's matches, ascending, and nothing of another org", async (t) => {
  const { app } = await createTestApp({ t });
  const { root, tournamentId } = await league(app);
  await createOrg(app, root, 'rivals');
  const orgId = Number(
    (await app.racedesk.db('tournaments').where({ id: tournamentId }).first('org_id')).org_id,
  );
  const rivals = Number((await app.racedesk.db('organizations').where({ slug: 'rivals' }).first('id')).id);
  const { matches } = app.racedesk.domain;
  const made = await matches.createMany(
    orgId,
    [1, 2, 3].map((n) => ({ tournamentId, scheduledAt: `2030-01-0${n}T18:00:00Z`, players: [] })),
    systemActor('test'),
  );
  const ids = made.map((m) => m.id);
  t.same(
    await matches.idsInOrg(orgId, [ids[2]!, 999_999, ids[0]!]),
    [ids[0], ids[2]],
    'ascending, missing ids left out',
  );
  t.same(await matches.idsInOrg(rivals, ids), [], "another org's matches are not its own");
  t.same(await matches.idsInOrg(orgId, []), []);
});
