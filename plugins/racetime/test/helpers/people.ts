import type { OrgRole, RacedeskApp } from '@racedesk/core';
import { addMember, api, createOrg, type Person } from '@racedesk/testkit';

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
