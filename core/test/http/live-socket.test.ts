import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import WebSocket from 'ws';
import { addMember, createOrg, signIn } from '../auth/helpers/people.js';

interface Frame {
  type: string;
  org?: string;
  event?: { name: string; orgId: number; payload: Record<string, unknown> };
}

/** Opens the live socket and collects its frames; resolves once the server said hello. */
function connect(base: string, org: string, headers: Record<string, string>) {
  const frames: Frame[] = [];
  const socket = new WebSocket(`${base}/api/v1/orgs/${org}/live`, { headers });
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  const next = (match: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such frame in 5 s')), 5_000);
      const check = () => {
        const found = frames.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return { socket, frames, next };
}

function refusal(base: string, org: string, headers: Record<string, string>) {
  return new Promise<number>((resolve) => {
    const socket = new WebSocket(`${base}/api/v1/orgs/${org}/live`, { headers });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => resolve(101));
    socket.on('error', () => {});
  });
}

t.test('the live socket sends the org its own events, and refuses strangers', async (t) => {
  const { app, settle } = await createTestApp({ t });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `ws://127.0.0.1:${port}`;
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'alpha');
  await createOrg(app, root, 'beta');
  const member = await signIn(app);
  await addMember(app, root, 'alpha', member, 'member');

  const live = connect(base, 'alpha', { cookie: member.cookie });
  t.teardown(() => live.socket.close());
  t.same(await live.next((f) => f.type === 'hello'), { type: 'hello', org: 'alpha' });

  const newcomer = await signIn(app);
  await addMember(app, root, 'beta', newcomer, 'member');
  await addMember(app, root, 'alpha', newcomer, 'moderator');
  await settle();
  const added = await live.next((f) => f.event?.name === 'core.member.added');
  t.match(added.event, { payload: { userId: newcomer.userId, role: 'moderator' } });
  t.notOk(
    live.frames.some((f) => f.event && f.event.orgId !== added.event!.orgId),
    "another org's events never reach this socket",
  );

  t.equal(await refusal(base, 'alpha', {}), 401, 'anonymous is refused before the upgrade');
  t.equal(await refusal(base, 'beta', { cookie: member.cookie }), 404, 'a non-member sees no such org');
  const plain = await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha/live', headers: member.headers });
  t.equal(plain.statusCode, 426);
  t.equal(plain.json().error.code, 'RD_LIVE_UPGRADE_REQUIRED');
});
