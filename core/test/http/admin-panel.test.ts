import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import t from 'tap';
import { adminPanel } from '../../src/http/admin-panel.js';

function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'racedesk-admin-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Racedesk</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return root;
}

t.test(
  'the built panel is served at /admin with client-side routes falling back to index.html',
  async (t) => {
    const root = fakeBuild();
    t.teardown(() => rmSync(root, { recursive: true, force: true }));
    const app = Fastify();
    await app.register(adminPanel, { root });
    t.teardown(() => app.close());

    t.equal((await app.inject('/')).headers.location, '/admin/');
    t.equal((await app.inject('/admin')).headers.location, '/admin/');
    for (const url of ['/admin/', '/admin/orgs/alpha/settings', '/admin/instance/plugins?x=1']) {
      const res = await app.inject(url);
      t.equal(res.statusCode, 200, url);
      t.match(res.body, '<title>Racedesk</title>');
      t.equal(res.headers['cache-control'], 'no-cache');
    }
    const asset = await app.inject('/admin/assets/index-abc123.js');
    t.equal(asset.statusCode, 200);
    t.match(String(asset.headers['cache-control']), 'immutable');
    const missing = await app.inject('/admin/assets/gone.js');
    t.equal(missing.statusCode, 404);
    t.equal(missing.json().error.code, 'RD_NOT_FOUND');
  },
);

t.test('without a build, /admin answers a 503 page that says how to build it', async (t) => {
  const app = Fastify({ logger: false });
  await app.register(adminPanel, { root: join(tmpdir(), 'racedesk-no-such-build') });
  t.teardown(() => app.close());
  for (const url of ['/admin/', '/admin/orgs/alpha']) {
    const res = await app.inject(url);
    t.equal(res.statusCode, 503);
    t.match(res.headers['content-type'], 'text/html');
    t.match(res.body, 'npm run build');
  }
});
