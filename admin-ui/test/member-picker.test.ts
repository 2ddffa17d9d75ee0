import t from 'tap';
import { apiFromPage, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { addMembers, people } from './helpers/members.js';
import { startPanelServer } from './helpers/panel-server.js';

const MEMBERS = 150;

t.test(
  'the member picker finds any of 150 members by typing, for players and crew',
  { skip: skipWithoutChromium },
  async (t) => {
    const server = await startPanelServer([], { rateLimits: false });
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'member-picker');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', { name: 'Big League', slug: 'big-league' });
    const tournament = await apiFromPage<{ id: number }>(
      page,
      'POST',
      '/api/v1/orgs/big-league/tournaments',
      {
        slug: 'open',
        name: 'Open Qualifier',
      },
    );
    // 149 runners, then the 150th member, far past the first page of 100 the pickers used to load.
    await addMembers(page, server, 'big-league', people(MEMBERS, { [MEMBERS - 1]: 'Wendy Lastpick' }));
    const members = await apiFromPage<{ items: { userId: number; displayName: string }[] }>(
      page,
      'GET',
      '/api/v1/orgs/big-league/members?q=wendy',
    );
    const wendy = members.items[0]!;
    t.equal(wendy.displayName, 'Wendy Lastpick');

    await page.goto(`/admin/orgs/big-league/matches/new?tournament=${tournament.id}`);
    const search = page.getByRole('combobox', { name: 'Add player' });
    const list = page.getByRole('listbox');
    let matchId = 0;

    await t.test('no match, progress while searching, and a network failure, in words', async (t) => {
      await search.fill('nobody at all');
      await page.getByRole('status').getByText('No member matches “nobody at all”.').waitFor();
      t.equal(await search.getAttribute('aria-expanded'), 'true');
      await search.press('Escape');
      t.equal(await search.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
      t.equal(await search.inputValue(), 'nobody at all', 'and keeps what was typed');
      await search.press('Escape');
      t.equal(await search.inputValue(), '', 'a second Escape empties the field');

      // Hold the search on its way to the server: the picker says it is searching meanwhile.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(memberList, async (route) => {
        await held;
        await route.continue();
      });
      await search.fill('runner 14');
      await page.getByRole('status').getByText('Searching members for “runner 14”…').waitFor();
      await shot('01-searching');
      release();
      await list.getByRole('option').first().waitFor();
      t.same(
        (await list.getByRole('option').allInnerTexts()).map(nameOf),
        ['Runner 14', ...Array.from({ length: 10 }, (_, i) => `Runner ${140 + i}`)],
        'the matches among all 150 members, in the order they joined',
      );
      await page.unroute(memberList);

      await page.route(memberList, (route) => route.abort('failed'));
      await search.fill('runner 2');
      await page
        .getByRole('alert')
        .getByText(/^Could not search members: /)
        .waitFor();
      t.pass('a failed search says so');
      await page.unroute(memberList);
      await search.fill('');
    });

    await t.test('pick the 150th member by typing part of the name; the match has them', async (t) => {
      await page.getByLabel('Starts at').fill('2031-03-04T20:00');
      await search.fill('lastp');
      await list.getByRole('option', { name: /^Wendy Lastpick/ }).waitFor();
      t.equal(await list.getByRole('option').count(), 1, 'one member matches');
      await search.press('ArrowDown');
      t.equal(
        await search.getAttribute('aria-activedescendant'),
        await list.getByRole('option').first().getAttribute('id'),
        'the arrow key marks the match',
      );
      await shot('02-match-found');
      await search.press('Enter');
      await page.getByText('Seat 1: Wendy Lastpick').waitFor();
      t.equal(await search.inputValue(), '', 'the field is empty for the next player');
      t.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('role')),
        'combobox',
        'focus stays in the field',
      );

      // A second player by clicking, then Move up keeps working on the seat list.
      await search.fill('runner 3');
      await list.getByRole('option', { name: /^Runner 3 ·/ }).click();
      await page.getByText('Seat 2: Runner 3').waitFor();
      await page.getByRole('button', { name: 'Move Runner 3 up to seat 1' }).click();
      await page.getByText('Seat 1: Runner 3').waitFor();
      await search.fill('wendy');
      await page.getByRole('status').getByText('Every member matching “wendy” is chosen already.').waitFor();
      t.pass('a chosen member is not offered again');
      await search.fill('');
      await shot('03-seats');

      await page.getByRole('button', { name: 'Schedule match' }).click();
      await page.getByRole('heading', { name: 'Runner 3 vs Wendy Lastpick', level: 1 }).waitFor();
      matchId = Number(/matches\/(\d+)$/.exec(page.url())?.[1]);
      const match = await apiFromPage<{ players: { userId: number; displayName: string }[] }>(
        page,
        'GET',
        `/api/v1/orgs/big-league/matches/${matchId}`,
      );
      t.same(
        match.players.map((p) => p.displayName),
        ['Runner 3', 'Wendy Lastpick'],
        'the server has the players in seat order',
      );
      t.equal(match.players[1]!.userId, wendy.userId, 'seat 2 is the 150th member');
    });

    await t.test('the crew picker adds a member from far down the list', async (t) => {
      const crew = page.getByRole('region', { name: 'Crew' });
      const someone = crew.getByRole('combobox', { name: 'Add someone else' });
      await someone.fill('Runner 148');
      await crew.getByRole('option', { name: /^Runner 148 ·/ }).waitFor();
      await someone.press('ArrowDown');
      await someone.press('Enter');
      t.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Add Runner 148 to crew',
        'focus moves to the button that adds the chosen member',
      );
      await page.keyboard.press('Enter');
      await crew
        .getByRole('list', { name: 'Crew sign-ups' })
        .getByRole('listitem')
        .filter({ hasText: 'Runner 148' })
        .getByText('approved', { exact: true })
        .waitFor();
      t.ok(
        await crew.getByRole('button', { name: 'Sign up' }).isVisible(),
        'the control is back to signing up',
      );
      await shot('04-crew');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);

/** The name in an option's text (which ends with the user id that tells namesakes apart). */
function nameOf(option: string): string {
  const found = /^(.*) · user \d+$/.exec(option.trim());
  if (!found) throw new Error(`not an option's text: ${option}`);
  return found[1]!;
}

/** Requests of the member list (and its searches). */
const memberList = (url: URL) => url.pathname === '/api/v1/orgs/big-league/members';
