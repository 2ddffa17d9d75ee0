import type { OrgRole, RacedeskApp } from '@racedesk/core';
import { addMember, createOrg, type Person } from '@racedesk/testkit';

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
  await createOrg(app, admin, slug);
  const org = await api<{ id: number }>(app, admin, 'GET', `/api/v1/orgs/${slug}`);
  await api(app, admin, 'PUT', `/api/v1/orgs/${slug}/plugins/racetime`, { enabled: true, settings: {} });
  for (const [person, role] of members) await addMember(app, admin, slug, person, role);
  return { slug, id: org.id };
}
