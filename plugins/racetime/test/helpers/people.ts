import type { OrgRole, RacedeskApp } from '@racedesk/core';

/** A signed-in browser: headers for reads and writes (cookie + CSRF token). */
export interface Person {
  userId: number;
  discordId: string;
  headers: Record<string, string>;
}

let nextDiscordId = 200_000_000_000_000_000n;

/** Signs a person in as the Discord callback would (user upsert + session). */
export async function signIn(
  app: RacedeskApp,
  options: { username?: string; superadmin?: boolean } = {},
): Promise<Person> {
  const discordId = String(nextDiscordId++);
  const user = await app.racedesk.users.upsertFromDiscord({
    id: discordId,
    username: options.username ?? `user${discordId.slice(-4)}`,
  });
  if (options.superadmin)
    await app.racedesk.db('users').where({ id: user.id }).update({ is_superadmin: true });
  const { cookie, session } = await app.racedesk.sessions.create(user.id);
  return {
    userId: user.id,
    discordId,
    headers: { cookie: `racedesk_session=${cookie}`, 'x-csrf-token': session.csrfToken },
  };
}

/** Calls the API and fails loudly on an unexpected status. */
export async function api<T = unknown>(
  app: RacedeskApp,
  who: Person,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  expected = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (res.statusCode !== expected) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

/** Creates an org with the racetime plugin on, and adds members with roles. */
export async function orgWithRacetime(
  app: RacedeskApp,
  admin: Person,
  slug: string,
  members: Array<[Person, OrgRole]> = [],
): Promise<{ slug: string; id: number }> {
  const org = await api<{ id: number }>(app, admin, 'POST', '/api/v1/orgs', { slug, name: slug });
  await api(app, admin, 'PUT', `/api/v1/orgs/${slug}/plugins/racetime`, { enabled: true, settings: {} });
  for (const [person, role] of members)
    await api(app, admin, 'POST', `/api/v1/orgs/${slug}/members`, { discordId: person.discordId, role });
  return { slug, id: org.id };
}
