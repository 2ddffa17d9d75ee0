import type { OrgRole, RacedeskApp } from '@racedesk/core';

/** A signed-in browser: its cookie and CSRF token, and headers for reads and writes. */
export interface Person {
  userId: number;
  discordId: string;
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated request (with the CSRF token, so writes pass). */
  headers: Record<string, string>;
}

let nextDiscordId = 100_000_000_000_000_000n;

/**
 * Signs a person in the way the Discord callback does (user upsert + session) without a browser;
 * core's sign-in test covers the real Discord round trip against the emulator.
 */
export async function signIn(
  app: RacedeskApp,
  options: { username?: string; discordId?: string; superadmin?: boolean } = {},
): Promise<Person> {
  const discordId = options.discordId ?? String(nextDiscordId++);
  const user = await app.racedesk.users.upsertFromDiscord({
    id: discordId,
    username: options.username ?? `user${discordId.slice(-4)}`,
  });
  if (options.superadmin)
    await app.racedesk.db('users').where({ id: user.id }).update({ is_superadmin: true });
  const { cookie, session } = await app.racedesk.sessions.create(user.id);
  const cookieHeader = `racedesk_session=${cookie}`;
  return {
    userId: user.id,
    discordId,
    cookie: cookieHeader,
    csrf: session.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': session.csrfToken },
  };
}

/** Creates an org through the API as a superadmin; returns its slug. */
export async function createOrg(app: RacedeskApp, superadmin: Person, slug: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: superadmin.headers,
    payload: { slug, name: slug },
  });
  if (res.statusCode !== 201) throw new Error(`creating org ${slug}: ${res.statusCode} ${res.body}`);
  return slug;
}

/** Adds a person to an org with a role, through the API as `by`. */
export async function addMember(
  app: RacedeskApp,
  by: Person,
  slug: string,
  person: Person,
  role: OrgRole,
): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${slug}/members`,
    headers: by.headers,
    payload: { discordId: person.discordId, role },
  });
  if (res.statusCode !== 201) throw new Error(`adding member: ${res.statusCode} ${res.body}`);
}

/** Creates an org API token through the API; returns the `rd_...` token. */
export async function createToken(
  app: RacedeskApp,
  by: Person,
  slug: string,
  role: OrgRole,
  name = 'script',
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${slug}/tokens`,
    headers: by.headers,
    payload: { name, role },
  });
  if (res.statusCode !== 201) throw new Error(`creating token: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/** Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Calls the API as `who` and fails loudly on an unexpected status (default: 201 for POST, else 200). */
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
