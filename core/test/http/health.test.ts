import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';

t.test('health, readiness, metrics and the OpenAPI document', async (t) => {
  const { app } = await createTestApp({ plugins: [examplePlugin], t });

  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok' });

  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200, ready.body);
  t.equal(ready.json().status, 'ready');
  t.same(ready.json().checks.migrations, { ok: true });

  await app.inject({ method: 'POST', url: '/api/v1/example/notes', payload: { text: 'hi' } });
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.match(metrics.headers['content-type'], /text\/plain/);
  t.match(
    metrics.body,
    /racedesk_http_requests_total\{method="POST",route="\/api\/v1\/example\/notes",status="201"\} 1/,
  );
  t.match(metrics.body, /racedesk_events_emitted_total\{event="example.note.added"\} 1/);
  t.match(metrics.body, /racedesk_db_pool_used/);
  t.match(metrics.body, /racedesk_job_runs_total|# HELP racedesk_job_runs_total/);

  const doc = await app.inject({ method: 'GET', url: '/api/docs/json' });
  t.equal(doc.statusCode, 200);
  const paths = Object.keys(doc.json().paths);
  t.ok(paths.includes('/api/v1/example/notes'), 'plugin routes are documented');
  t.ok(paths.includes('/readyz'));
  const ui = await app.inject({ method: 'GET', url: '/api/docs' });
  t.ok([200, 302].includes(ui.statusCode), 'the docs UI is served');
});

t.test('readiness fails when migrations are pending', async (t) => {
  const { app } = await createTestApp({ t });
  await app.racedesk.db('knex_migrations_core').where({ name: '20261121000002_agenda_jobs' }).del();
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.match(ready.json().checks.migrations.detail, /core\/20261121000002_agenda_jobs/);
});

t.test('errors have one shape and never leak stacks', async (t) => {
  const { app } = await createTestApp({ plugins: [examplePlugin], t });
  const missing = await app.inject({ method: 'GET', url: '/api/v1/nope' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().error.code, 'RD_NOT_FOUND');

  const invalid = await app.inject({ method: 'POST', url: '/api/v1/example/notes', payload: { text: '' } });
  t.equal(invalid.statusCode, 400);
  t.equal(invalid.json().error.code, 'RD_VALIDATION');
  t.same(invalid.json().error.details[0].field, 'body/text');

  const badJson = await app.inject({
    method: 'POST',
    url: '/api/v1/example/notes',
    headers: { 'content-type': 'application/json' },
    payload: '{"text":',
  });
  t.equal(badJson.statusCode, 400);
  t.ok(badJson.json().error.code);
  t.notMatch(badJson.body, /at .*\.ts:\d+/);
});
