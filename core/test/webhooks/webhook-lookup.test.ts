import { systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { createOrg } from '../auth/helpers/people.js';
import { league } from '../matches/helpers.js';
import { startReceiver } from './receiver.js';

const config = { webhooks: { allowHttpLoopback: true } };
const MATCHES = 50;

t.test(
  "a transaction's events find their webhook endpoints with one lookup, each event only its own",
  async (t) => {
    const receiver = await startReceiver(t);
    const { app, settle } = await createTestApp({ config, rateLimits: false, t });
    const { org, root, alice, tournamentId } = await league(app);
    const other = await createOrg(app, root, 'other');
    const register = async (slug: string, eventTypes: string[]) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${slug}/webhooks`,
        headers: root.headers,
        payload: { url: receiver.url, eventTypes },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json().id as number;
    };
    const created = await register(org, ['core.match.created']);
    const moved = await register(org, ['core.match.rescheduled']);
    const elsewhere = await register(other, ['core.match.created']);
    const { db, domain } = app.racedesk;
    const orgId = (await db('organizations').where({ slug: org }).first('id')).id as number;

    let lookups = 0;
    const count = (q: { sql: string }) => {
      // By org: what fan-out asks (delivering then reads each endpoint by id).
      if (/from "webhook_endpoints" where .*"org_id"/.test(q.sql)) lookups++;
    };
    db.on('query', count);
    await domain.matches.createMany(
      orgId,
      Array.from({ length: MATCHES }, (_, i) => ({
        tournamentId,
        scheduledAt: new Date(Date.UTC(2030, 0, 1, i)),
        players: [alice.userId],
      })),
      systemActor('importer'),
    );
    await app.racedesk.bus.idle();
    db.off('query', count);
    t.equal(lookups, 1, `one endpoint lookup for ${MATCHES} events`);

    await settle();
    const deliveries = async (webhookId: number) =>
      Number(
        (await db('notification_deliveries').where({ webhook_id: webhookId }).count('* as n').first())!.n,
      );
    t.equal(await deliveries(created), MATCHES, 'the subscribed endpoint gets every match');
    t.equal(await deliveries(moved), 0, 'an endpoint of another event type none');
    t.equal(await deliveries(elsewhere), 0, "another org's endpoint none");
    t.equal(receiver.received.length, MATCHES, 'and each was POSTed');
  },
);
