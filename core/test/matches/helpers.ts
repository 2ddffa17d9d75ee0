import type { DispatchedEvent, RacedeskApp } from '@racedesk/core';
import { DOMAIN_EVENTS, definePlugin, defineSubscriber } from '@racedesk/core';
import { addMember, createOrg, type Person, signIn } from '../auth/helpers/people.js';

/** A test plugin that records every `core.*` domain event it sees, in order. */
export function recorder() {
  const seen: DispatchedEvent[] = [];
  const plugin = definePlugin({
    id: 'recorder',
    version: '1.0.0',
    core: '^0.1.0',
    subscriptions: DOMAIN_EVENTS.map((event) =>
      defineSubscriber({ id: event.name, event, handler: (e) => void seen.push(e as DispatchedEvent) }),
    ),
  });
  return { plugin, seen, names: () => seen.map((e) => e.name) };
}

/** An org `league` with an owner, a moderator and two players, and a tournament; returns them. */
export async function league(app: RacedeskApp) {
  const root = await signIn(app, { superadmin: true });
  const org = await createOrg(app, root, 'league');
  const mod: Person = await signIn(app, { username: 'mod' });
  await addMember(app, root, org, mod, 'moderator');
  const alice = await signIn(app, { username: 'alice' });
  const bob = await signIn(app, { username: 'bob' });
  await addMember(app, root, org, alice, 'member');
  await addMember(app, root, org, bob, 'member');
  const t = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/tournaments`,
    headers: root.headers,
    payload: { slug: 'season-1', name: 'Season 1' },
  });
  if (t.statusCode !== 201) throw new Error(t.body);
  // The org must have the recorder on for its subscribers to see events.
  await app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${org}/plugins/recorder`,
    headers: root.headers,
    payload: { enabled: true },
  });
  return { root, org, mod, alice, bob, tournamentId: t.json().id as number };
}
