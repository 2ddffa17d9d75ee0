import t from 'tap';
import { apiFromPage, navLink, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { startPanelServer } from './helpers/panel-server.js';

interface Match {
  id: number;
  scheduledAt: string;
  state: string;
}

/** Tomorrow at 20:00 in the browser's zone (Europe/Berlin), as a datetime-local value. */
function tomorrowAt20(): { local: string; utcHour: string } {
  const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', dateStyle: 'short' });
  const day = berlin.format(new Date(Date.now() + 24 * 3600_000));
  const local = `${day}T20:00`;
  // Berlin is UTC+1 in winter and UTC+2 in summer.
  const offset = new Date(`${day}T12:00:00Z`).toLocaleString('en', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hour12: false,
  });
  return { local, utcHour: String(20 - (Number(offset) - 12)).padStart(2, '0') };
}

t.test(
  'tournaments and matches: the organizer’s daily work in a real browser',
  { skip: skipWithoutChromium },
  async (t) => {
    const server = await startPanelServer([]);
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'schedule');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    const bob = server.discord.createUser({ username: 'bob', globalName: 'Bob Runner' });
    const carol = server.discord.createUser({ username: 'carol', globalName: 'Carol Runner' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', {
      name: 'Night Cup',
      slug: 'night-cup',
      timezone: 'Europe/Berlin',
    });
    for (const who of [bob, carol]) {
      // As if they had signed in once, so the panel knows their names.
      await server.app.racedesk.users.upsertFromDiscord({
        id: who.id,
        username: who.username,
        global_name: who.globalName ?? null,
      });
      await apiFromPage(page, 'POST', '/api/v1/orgs/night-cup/members', {
        discordId: who.id,
        role: 'member',
      });
    }
    await page.goto('/admin/orgs/night-cup');
    let tournamentId = 0;

    await t.test('create a tournament and change its settings', async (t) => {
      await navLink(page, 'Tournaments').click();
      await page.getByText('No tournaments yet').waitFor();
      await page.getByLabel('Tournament name').fill('Season One');
      t.equal(await page.getByLabel('URL name').inputValue(), 'season-one', 'the URL name follows the name');
      await page.getByRole('button', { name: 'Create tournament' }).click();
      await page.getByRole('heading', { name: 'Season One', level: 1 }).waitFor();
      tournamentId = Number(/tournaments\/(\d+)$/.exec(page.url())?.[1]);
      t.ok(tournamentId > 0, 'creating opens the new tournament');
      await page.getByLabel('Commentators per match').fill('3');
      await page.getByRole('button', { name: 'Save tournament' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      await shot('01-tournament');
    });

    await t.test('schedule a match: missing fields are named, then it is created', async (t) => {
      await navLink(page, 'Schedule').click();
      await page.getByText('No matches here').waitFor();
      await page.getByRole('link', { name: 'New match' }).click();
      await page.getByLabel('Tournament').selectOption('');
      await page.getByRole('button', { name: 'Schedule match' }).click();
      await page.getByText('Choose the tournament this match belongs to.').waitFor();
      await page.getByText('Enter the date and time the match starts.').waitFor();
      t.equal(await page.getByLabel('Starts at').getAttribute('aria-invalid'), 'true');

      const when = tomorrowAt20();
      await page.getByLabel('Tournament').selectOption({ label: 'Season One' });
      await page.getByLabel('Starts at').fill(when.local);
      await page.getByLabel('Round').fill('Quarterfinal');
      for (const name of ['Bob Runner', 'Carol Runner']) {
        await page.getByLabel('Add player').fill(name.split(' ')[0]!);
        await page.getByRole('option', { name: new RegExp(`^${name} · user \\d+$`) }).click();
      }
      await page.getByText('Seat 2: Carol Runner').waitFor();
      await shot('02-new-match');
      await page.getByRole('button', { name: 'Schedule match' }).click();
      await page.getByRole('heading', { name: 'Bob Runner vs Carol Runner', level: 1 }).waitFor();
      t.ok(await page.locator('.page-header').getByText('Scheduled').isVisible(), 'state shown');
      const time = page.locator('dt:has-text("Starts") + dd time');
      t.match(await time.innerText(), /20:00/, 'the time is shown in the viewer’s zone');
      t.match(await time.getAttribute('title'), new RegExp(` ${when.utcHour}:00 UTC$`), 'UTC on hover');
      await page
        .getByRole('table', { name: 'Players' })
        .getByRole('cell', { name: 'Carol Runner' })
        .waitFor();
      await shot('03-match');
    });

    await t.test('the schedule filters by window and tournament, and updates live', async (t) => {
      await navLink(page, 'Schedule').click();
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).waitFor();
      t.ok(await page.getByRole('cell', { name: 'Season One' }).isVisible(), 'the tournament is named');
      await page.getByText('Today', { exact: true }).click();
      await page.getByText('No matches here').waitFor();
      t.match(page.url(), /range=today/, 'the filter is in the URL');
      await page.getByText('This week', { exact: true }).click();
      await page.getByText('All', { exact: true }).click();
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).waitFor();
      await page.getByLabel('State').selectOption('cancelled');
      await page.getByText('No matches here').waitFor();
      await page.getByLabel('State').selectOption('');
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).waitFor();

      const [bobUser] = await apiFromPage<{ items: { userId: number; displayName: string }[] }>(
        page,
        'GET',
        '/api/v1/orgs/night-cup/members',
      ).then((r) => r.items.filter((m) => m.displayName === 'Bob Runner'));
      const at = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
      await apiFromPage(page, 'POST', '/api/v1/orgs/night-cup/matches', {
        tournamentId,
        scheduledAt: at,
        title: 'Exhibition',
        players: [bobUser!.userId],
      });
      await page.getByRole('link', { name: 'Exhibition' }).waitFor();
      t.pass('a match created elsewhere appears without a reload');
      await shot('04-schedule');
    });

    await t.test('reschedule, crew sign-up and approval, results and a correction', async (t) => {
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).click();
      await page.getByRole('heading', { name: 'Bob Runner vs Carol Runner', level: 1 }).waitFor();
      const when = tomorrowAt20();
      const matchId = Number(/matches\/(\d+)$/.exec(page.url())?.[1]);
      await page.getByLabel('New start time').fill(when.local.replace('T20:00', 'T21:30'));
      await page.getByLabel('Time of Bob Runner').fill('1:11:11');
      await apiFromPage(page, 'PATCH', `/api/v1/orgs/night-cup/matches/${matchId}`, { round: 'Semifinal' });
      await page.locator('dt:has-text("Round") + dd', { hasText: 'Semifinal' }).waitFor();
      t.equal(
        await page.getByLabel('New start time').inputValue(),
        when.local.replace('T20:00', 'T21:30'),
        'a live update of the match keeps the time being typed',
      );
      t.equal(await page.getByLabel('Time of Bob Runner').inputValue(), '1:11:11', 'and the result typed');
      await page.getByLabel('Time of Bob Runner').fill('');
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await page.locator('dt:has-text("Starts") + dd time', { hasText: '21:30' }).waitFor();
      const entry = page.locator('.history li', { hasText: 'match.rescheduled' });
      await entry.waitFor();
      t.match(await entry.innerText(), /by Alice Organizer$/, 'the history names who did it');
      t.pass('the new time and the history entry show');

      await page
        .getByText('Nobody has signed up yet: choose a crew role below and sign up, or add someone.')
        .waitFor();
      t.pass('an empty crew says what to do next');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByText('waiting for approval').waitFor();
      await page.getByRole('button', { name: 'Approve Alice Organizer' }).click();
      await page.getByText('Commentators: 1 of 3 approved').waitFor();
      t.pass('crew needs count the approval');
      await page.getByRole('button', { name: 'Withdraw approval of Alice Organizer' }).click();
      const withdraw = page.getByRole('dialog', { name: "Withdraw Alice Organizer's approval?" });
      await withdraw.getByText('waiting for approval again').waitFor();
      await page.keyboard.press('Escape');
      await withdraw.waitFor({ state: 'hidden' });
      t.ok(await page.getByText('Commentators: 1 of 3 approved').isVisible(), 'withdrawing asks first');

      await page.getByLabel('Place of Bob Runner').fill('1');
      await page.getByLabel('Time of Bob Runner').fill('1:23:45');
      await page.getByLabel('Result of Carol Runner').selectOption('dnf');
      await page.getByRole('button', { name: 'Record results' }).click();
      await page.locator('.page-header').getByText('Results recorded').waitFor();
      const players = page.getByRole('table', { name: 'Players' });
      await players.getByRole('cell', { name: '1:23:45' }).waitFor();
      await players.getByRole('cell', { name: 'Did not finish' }).waitFor();

      await page.getByLabel('Time of Bob Runner').fill('1:22:00');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByText('Say why the results change').waitFor();
      await page.getByLabel('Reason for the correction').fill('Timer started late');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await players.getByRole('cell', { name: '1:22:00' }).waitFor();
      await page.getByText('match.results_corrected').waitFor();
      t.pass('a correction with its reason is saved and in the history');
      await shot('05-match-recorded');
    });

    await t.test('results recorded elsewhere arrive live; cancelling asks first', async (t) => {
      const { items } = await apiFromPage<{
        items: (Match & { title: string | null; players: { userId: number }[] })[];
      }>(page, 'GET', '/api/v1/orgs/night-cup/matches?limit=10');
      const exhibition = items.find((m) => m.title === 'Exhibition')!;
      await page.goto(`/admin/orgs/night-cup/matches/${exhibition.id}`);
      await page.getByRole('heading', { name: 'Exhibition', level: 1 }).waitFor();

      // Edit players with the keyboard: add Carol, move her to seat 1, save.
      await page.getByRole('button', { name: 'Edit players' }).focus();
      await page.keyboard.press('Enter');
      const edit = page.getByRole('form', { name: 'Edit players' });
      await edit.getByText('Seat 1: Bob Runner').waitFor();
      await edit.getByLabel('Add player').fill('carol');
      await edit.getByRole('option', { name: /^Carol Runner/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await edit.getByText('Seat 2: Carol Runner').waitFor();
      await edit.getByRole('button', { name: 'Move Carol Runner up to seat 1' }).press('Enter');
      await edit.getByText('Seat 1: Carol Runner').waitFor();
      t.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
        'Move Carol Runner up (in seat 1 already)',
        'focus stays on the player moved',
      );
      await edit.getByRole('button', { name: 'Save players' }).press('Enter');
      await edit.waitFor({ state: 'hidden' });
      const seats = page.getByRole('table', { name: 'Players' }).getByRole('row');
      await seats.filter({ hasText: 'Carol Runner' }).getByRole('cell', { name: '1', exact: true }).waitFor();
      t.match(await seats.nth(2).innerText(), /2\s+Bob Runner/, 'Bob moved to seat 2');
      const patched = await apiFromPage<{ players: { displayName: string }[] }>(
        page,
        'GET',
        `/api/v1/orgs/night-cup/matches/${exhibition.id}`,
      );
      t.same(
        patched.players.map((p) => p.displayName),
        ['Carol Runner', 'Bob Runner'],
        'the server has the new seats',
      );
      t.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Edit players',
        'focus is back on the button',
      );
      await shot('05b-match-players-edited');

      await apiFromPage(page, 'POST', `/api/v1/orgs/night-cup/matches/${exhibition.id}/state`, {
        state: 'started',
      });
      await page.locator('.page-header').getByText('Started').waitFor();
      t.pass('a state change made elsewhere shows without a reload');

      // Going back clears the recorded times: it asks first, and Cancel changes nothing.
      await page.getByRole('button', { name: 'Back to scheduled' }).click();
      const back = page.getByRole('dialog', { name: 'Back to scheduled?' });
      await back.getByText('This clears the start and check-in times').waitFor();
      await shot('05c-back-to-scheduled-asks');
      await back.getByRole('button', { name: 'Cancel' }).click();
      await back.waitFor({ state: 'hidden' });
      const kept = await apiFromPage<Match>(page, 'GET', `/api/v1/orgs/night-cup/matches/${exhibition.id}`);
      t.equal(kept.state, 'started', 'Cancel leaves the match started');
      await page.getByRole('button', { name: 'Back to scheduled' }).click();
      await back.getByRole('button', { name: 'Back to scheduled' }).click();
      await page.locator('.page-header').getByText('Scheduled', { exact: true }).waitFor();
      const moved = await apiFromPage<Match>(page, 'GET', `/api/v1/orgs/night-cup/matches/${exhibition.id}`);
      t.equal(moved.state, 'scheduled', 'confirming moves it back');

      await page.getByRole('button', { name: 'Cancel match' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this match?' });
      await dialog.getByLabel('Reason').fill('Runner unavailable');
      await shot('06-cancel-dialog');
      await dialog.getByRole('button', { name: 'Cancel match' }).click();
      await page.locator('.page-header').getByText('Cancelled').waitFor();
      await page.getByText('Runner unavailable').waitFor();
      const after = await apiFromPage<Match>(page, 'GET', `/api/v1/orgs/night-cup/matches/${exhibition.id}`);
      t.equal(after.state, 'cancelled');
    });

    await t.test('phone width: schedule rows become cards that fit the screen', async (t) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto('/admin/orgs/night-cup/schedule?range=all');
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).waitFor();
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      t.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
      await shot('07-phone-schedule');
      await page.getByRole('link', { name: 'Bob Runner vs Carol Runner' }).click();
      await page.getByRole('heading', { name: 'Bob Runner vs Carol Runner', level: 1 }).waitFor();
      const matchOverflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      t.ok(matchOverflow <= 0, `the match page fits too (overflow ${matchOverflow}px)`);
      await shot('08-phone-match');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);
