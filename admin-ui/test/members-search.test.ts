import t from 'tap';
import { apiFromPage, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { addMembers, people } from './helpers/members.js';
import { startPanelServer } from './helpers/panel-server.js';

const MEMBERS = 150;

t.test(
  'the Members page finds anyone among 150 members by search',
  { skip: skipWithoutChromium },
  async (t) => {
    const server = await startPanelServer([], { rateLimits: false });
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'members-search');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', { name: 'Big League', slug: 'big-league' });
    // Alice, then 148 runners and Wendy: 150 members, Wendy far past the first page of 100.
    await addMembers(page, server, 'big-league', people(MEMBERS - 1, { [MEMBERS - 2]: 'Wendy Lastpick' }));

    await page.goto('/admin/orgs/big-league/members');
    const box = page.getByRole('searchbox', { name: 'Search members' });
    const table = page.getByRole('table', { name: 'Members' });
    const names = async () =>
      (await table.locator('tbody tr td:first-child').allInnerTexts()).map((n) => n.trim());
    const showMore = page.getByRole('button', { name: 'Show more' });
    const status = page.getByRole('status').filter({ hasText: /./ });
    await table.getByRole('cell', { name: 'Runner 99', exact: true }).waitFor();
    t.equal((await names()).length, 100, 'everyone: the first 100 members');

    await t.test('part of a name finds the 150th member', async (t) => {
      await box.fill('LASTP');
      await status.getByText('1 member matches “LASTP”.').waitFor();
      t.same(await names(), ['Wendy Lastpick'], 'only Wendy, in any case');
      t.notOk(await showMore.isVisible(), 'nothing more to show');
      await shot('01-found');
    });

    await t.test('Show more pages through the matches only', async (t) => {
      await box.fill('runner');
      await status.getByText('The first 100 members matching “runner” are shown.').waitFor();
      t.same(
        await names(),
        Array.from({ length: 100 }, (_, i) => `Runner ${i + 1}`),
        'the first page of matches, in the order they joined',
      );
      await showMore.click();
      await status.getByText('148 members match “runner”.').waitFor();
      const all = await names();
      t.equal(all.length, 148, 'the second page brings the other 48 runners');
      t.ok(
        all.every((n) => /^Runner \d+$/.test(n)),
        'and nobody else (Alice and Wendy do not match)',
      );
      t.equal(new Set(all).size, 148, 'nobody twice');
      t.notOk(await showMore.isVisible(), 'Show more goes once every match is shown');
      await shot('02-show-more');
    });

    await t.test('a member added elsewhere arrives live and the pages Show more loaded stay', async (t) => {
      t.equal((await names()).length, 148, 'both pages of runners on screen');
      await addMembers(page, server, 'big-league', [{ id: '900000000000000001', name: 'Runner Latecomer' }]);
      await status.getByText('149 members match “runner”.').waitFor();
      const all = await names();
      t.equal(all.length, 149, 'the live refresh shows both pages again, with the newcomer');
      t.equal(all.at(-1), 'Runner Latecomer', 'the newcomer last, in the order they joined');
      t.equal(new Set(all).size, 149, 'nobody twice');
      await shot('02b-live-keeps-pages');
    });

    await t.test('no match says so and clearing shows everyone again', async (t) => {
      await box.fill('nobody at all');
      await page.getByText('No member matches “nobody at all”.').waitFor();
      t.notOk(await table.isVisible(), 'no table of nobody');
      await shot('03-no-match');
      await page.getByRole('button', { name: 'Clear the search' }).click();
      await table.getByRole('row', { name: /^Alice Organizer/ }).waitFor();
      t.equal(await box.inputValue(), '', 'the box is empty');
      t.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('type')),
        'search',
        'focus is back in the box',
      );
      t.equal((await names()).length, 100, 'the first 100 members again');
      t.ok(await showMore.isVisible(), 'with Show more for the rest');

      await box.fill('Runner 7');
      await status.getByText('11 members match “Runner 7”.').waitFor();
      await box.press('Escape');
      await table.getByRole('row', { name: /^Alice Organizer/ }).waitFor();
      t.equal(await box.inputValue(), '', 'Escape empties the box and shows everyone');
    });

    await t.test('a user id finds its member; a failed search says so in words', async (t) => {
      const { items } = await apiFromPage<{ items: { userId: number; displayName: string }[] }>(
        page,
        'GET',
        '/api/v1/orgs/big-league/members?q=wendy',
      );
      await box.fill(String(items[0]!.userId));
      await status.getByText(`1 member matches “${items[0]!.userId}”.`).waitFor();
      t.same(await names(), ['Wendy Lastpick']);

      await page.route(memberList, (route) => route.abort('failed'));
      await box.fill('runner 2');
      const alert = page.getByRole('alert').filter({ hasText: 'Could not search members for “runner 2”' });
      await alert.waitFor();
      t.notOk(await table.isVisible(), 'the rows of the previous search are not shown as if they matched');
      await shot('04-failed');
      await page.unroute(memberList);
      await alert.getByRole('button', { name: 'Retry' }).click();
      await status.getByText('11 members match “runner 2”.').waitFor();
      t.ok(
        await table.getByRole('cell', { name: 'Runner 2', exact: true }).isVisible(),
        'Retry searches again',
      );
    });

    await t.test('lowering a role asks first; raising it does not', async (t) => {
      const roleOf = async () =>
        (
          await apiFromPage<{ items: { displayName: string; role: string }[] }>(
            page,
            'GET',
            '/api/v1/orgs/big-league/members?q=wendy',
          )
        ).items[0]!.role;
      await box.fill('wendy');
      await status.getByText('1 member matches “wendy”.').waitFor();
      const select = page.getByRole('combobox', { name: 'Role of Wendy Lastpick' });
      await select.selectOption('admin');
      await page.waitForFunction(
        async () =>
          (await (await fetch('/api/v1/orgs/big-league/members?q=wendy')).json()).items[0].role === 'admin',
      );
      t.equal(await roleOf(), 'admin', 'raised at once');

      await select.selectOption('member');
      const ask = page.getByRole('group', { name: 'Lower the role of Wendy Lastpick' });
      await ask.getByText('Wendy Lastpick becomes member: they can only see the organization.').waitFor();
      await shot('05-lower-role');
      await ask.getByRole('button', { name: 'Keep admin' }).click();
      await ask.waitFor({ state: 'hidden' });
      t.equal(await select.inputValue(), 'admin', 'Keep puts the select back');
      t.equal(await roleOf(), 'admin', 'nothing changed');

      await select.selectOption('moderator');
      await ask.getByRole('button', { name: 'Lower to moderator' }).click();
      await ask.waitFor({ state: 'hidden' });
      t.equal(await roleOf(), 'moderator', 'confirmed: lowered');
      t.equal(await select.inputValue(), 'moderator');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);

/** Requests of the member list (and its searches). */
const memberList = (url: URL) => url.pathname === '/api/v1/orgs/big-league/members';
