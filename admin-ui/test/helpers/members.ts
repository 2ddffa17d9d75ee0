import type { Page } from 'playwright-core';
import type { PanelServer } from './panel-server.js';

/** Someone to add to an org: their Discord id and the name the panel shows. */
export interface Person {
  id: string;
  name: string;
}

/**
 * `count` people with Discord ids from 800000000000000000 up, named `Runner 1`, `Runner 2`, … except
 * where `names` (by index) says otherwise.
 */
export function people(count: number, names: Record<number, string> = {}): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(800000000000000000n + BigInt(i)),
    name: names[i] ?? `Runner ${i + 1}`,
  }));
}

/**
 * Adds `who` to `org` as members, in order, through the API from the signed-in `page` (an admin), as
 * if each had signed in once so that the panel knows their names.
 */
export async function addMembers(page: Page, server: PanelServer, org: string, who: Person[]): Promise<void> {
  for (const p of who) {
    await server.app.racedesk.users.upsertFromDiscord({
      id: p.id,
      username: `u${p.id}`,
      global_name: p.name,
    });
  }
  await page.evaluate(
    async ({ org, ids }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      for (const discordId of ids) {
        const res = await fetch(`/api/v1/orgs/${org}/members`, {
          method: 'POST',
          headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ discordId, role: 'member' }),
        });
        if (res.status !== 201) throw new Error(`adding ${discordId}: ${res.status}`);
      }
    },
    { org, ids: who.map((p) => p.id) },
  );
}
