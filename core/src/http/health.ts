import { Type } from 'typebox';
import type { RacedeskApp } from '../plugins/contract.js';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  checks: Type.Object({ database: Check, migrations: Check, scheduler: Check }),
});

/** `/healthz` (the process answers), `/readyz` (it can do its work), `/metrics` (Prometheus). */
export async function healthRoutes(app: RacedeskApp): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable, migrations current, scheduler started (workers)',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const { db, scheduler } = app.racedesk;
      const database = await db
        .raw('select 1')
        .then(() => ({ ok: true }))
        .catch((err: Error) => ({ ok: false, detail: err.message }));
      const migrations = database.ok
        ? await app.racedesk
            .migrationStatus()
            .then((units) => {
              const pending = units.flatMap((u) => u.pending.map((p) => `${u.unit}/${p}`));
              return pending.length ? { ok: false, detail: `pending: ${pending.join(', ')}` } : { ok: true };
            })
            .catch((err: Error) => ({ ok: false, detail: err.message }))
        : { ok: false, detail: 'database unreachable' };
      const schedulerCheck =
        !scheduler.processesJobs || scheduler.isStarted
          ? { ok: true, ...(scheduler.processesJobs ? {} : { detail: 'api role: jobs run on workers' }) }
          : { ok: false, detail: 'scheduler not started' };
      const ready = database.ok && migrations.ok && schedulerCheck.ok;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not ready',
        checks: { database, migrations, scheduler: schedulerCheck },
      });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        response: {
          200: {
            description:
              'Prometheus text exposition format: HTTP requests, job runs, events, subscriber runs',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const { registry } = app.racedesk.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
