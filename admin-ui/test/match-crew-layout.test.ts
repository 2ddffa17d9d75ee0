import type { Locator, Page } from 'playwright-core';
import t from 'tap';
import { apiFromPage, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { addMembers } from './helpers/members.js';
import { startPanelServer } from './helpers/panel-server.js';

const LONG_NAME = 'Maximiliana Featherstonehaugh-Worthington';

t.test(
  'the crew section of the match page reads whole at desktop and phone width',
  { skip: skipWithoutChromium },
  async (t) => {
    const server = await startPanelServer([]);
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'match-crew');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', { name: 'Night Cup', slug: 'night-cup' });
    const tournament = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/tournaments', {
      slug: 'season',
      name: 'Season One',
    });
    await addMembers(page, server, 'night-cup', [
      { id: '810000000000000001', name: 'Bob Runner' },
      { id: '810000000000000002', name: LONG_NAME },
    ]);
    const { items: members } = await apiFromPage<{ items: { userId: number; displayName: string }[] }>(
      page,
      'GET',
      '/api/v1/orgs/night-cup/members',
    );
    const idOf = (name: string) => members.find((m) => m.displayName === name)!.userId;
    const match = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/matches', {
      tournamentId: tournament.id,
      scheduledAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      players: [idOf('Bob Runner')],
    });
    const crewPath = `/api/v1/orgs/night-cup/matches/${match.id}/crew`;
    // Alice approved (Withdraw approval, Remove), the long name waiting (Approve, Remove).
    const signedUp = await apiFromPage<{ id: number }>(page, 'POST', crewPath, { role: 'commentator' });
    await apiFromPage(page, 'POST', `${crewPath}/${signedUp.id}/approve`);
    // A moderator's addition is approved at once: withdrawn here so that it waits.
    const added = await apiFromPage<{ id: number }>(page, 'POST', crewPath, {
      role: 'restreamer',
      userId: idOf(LONG_NAME),
    });
    await apiFromPage(page, 'POST', `${crewPath}/${added.id}/unapprove`);

    await page.goto(`/admin/orgs/night-cup/matches/${match.id}`);
    const crew = page.getByRole('region', { name: 'Crew' });
    await crew.getByRole('button', { name: 'Withdraw approval of Alice Organizer' }).waitFor();

    for (const [width, height, name] of [
      [1280, 860, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await t.test(`at ${name} width (${width} px)`, async (t) => {
        await page.setViewportSize({ width, height });
        const buttons = crew.getByRole('list', { name: 'Crew sign-ups' }).getByRole('button');
        t.same(
          await buttons.evaluateAll((all) => all.map((b) => b.textContent)),
          ['Withdraw approval', 'Remove', 'Approve', 'Remove'],
          'each sign-up has its buttons',
        );
        t.same(
          await clipped(crew, crew.getByRole('button')),
          [],
          'every crew button lies inside the section',
        );
        t.same(
          await clipped(crew, crew.getByRole('listitem').filter({ hasText: LONG_NAME })),
          [],
          'the long-named sign-up too',
        );
        t.same(
          await crew
            .getByRole('button')
            .evaluateAll((all) => all.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent)),
          [],
          'no button text is cut off',
        );
        t.ok(await pageFitsWidth(page), 'the page does not scroll sideways');
        await crew.scrollIntoViewIfNeeded();
        await shot(`${width === 390 ? '02' : '01'}-${name}`);
      });
    }

    await t.test('the buttons still work at phone width', async (t) => {
      await crew.getByRole('button', { name: `Approve ${LONG_NAME}` }).click();
      await crew.getByText('Restreamers: 1 of 1 approved').waitFor();
      await crew.getByRole('button', { name: `Withdraw approval of ${LONG_NAME}` }).waitFor();
      t.same(
        await crew
          .getByRole('button')
          .evaluateAll((all) => all.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent)),
        [],
        'both Withdraw approval buttons read whole',
      );
      t.same(await clipped(crew, crew.getByRole('button')), [], 'inside the section');
      await shot('03-phone-both-approved');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);

/** The accessible texts of the `items` whose box sticks out of `section`'s box. */
async function clipped(section: Locator, items: Locator): Promise<string[]> {
  const outer = (await section.boundingBox())!;
  const out: string[] = [];
  for (const item of await items.all()) {
    const box = (await item.boundingBox())!;
    const inside =
      box.x >= outer.x &&
      box.y >= outer.y &&
      box.x + box.width <= outer.x + outer.width + 0.5 &&
      box.y + box.height <= outer.y + outer.height + 0.5;
    if (!inside) out.push((await item.getAttribute('aria-label')) ?? (await item.innerText()));
  }
  return out;
}

/** Whether the page is no wider than the window (nothing scrolls sideways). */
const pageFitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
