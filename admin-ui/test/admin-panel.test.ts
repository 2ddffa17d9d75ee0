import t from 'tap';
import { roomsPlugin } from './fixtures/rooms-plugin.js';
import { apiFromPage, navLink, openPanel, skipWithoutChromium } from './helpers/browser.js';
import { type PanelServer, startPanelServer } from './helpers/panel-server.js';

t.test(
  'the admin panel in a real browser against a real server',
  { skip: skipWithoutChromium },
  async (t) => {
    const server: PanelServer = await startPanelServer([roomsPlugin]);
    t.teardown(() => server.close());
    const { page, shot, errors: browserErrors } = await openPanel(t, server, 'org');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });

    await t.test('sign in through the Discord emulator with the first-run setup code', async (t) => {
      await page.goto('/admin/');
      await page.getByRole('button', { name: 'Sign in with Discord' }).waitFor();
      t.match(page.url(), /\/admin\/sign-in$/, 'signed-out visitors land on the sign-in page');
      await shot('01-sign-in');
      await page.getByRole('button', { name: 'First run? Enter the setup code' }).click();
      await page.getByLabel('Setup code').fill(server.setupCode);
      server.discord.oauth.loginAs(alice.id);
      await page.getByRole('button', { name: 'Sign in with Discord' }).click();
      await page.getByRole('heading', { name: 'Welcome to Racedesk' }).waitFor();
      t.ok(await page.getByText('Alice Organizer').isVisible(), 'the top bar shows who is signed in');
      t.ok(
        await page.getByText('superadmin', { exact: true }).isVisible(),
        'the setup code made Alice superadmin',
      );
      t.ok(
        await page.getByRole('link', { name: 'Create an organization' }).isVisible(),
        'the empty state says what to do',
      );
      await shot('02-welcome-no-orgs');
    });

    await t.test('create two organizations and switch between them', async (t) => {
      await page.getByRole('link', { name: 'Create an organization' }).click();
      for (const name of ['Night Cup', 'Speed League']) {
        await page.getByLabel('Name', { exact: true }).fill(name);
        await page.getByRole('button', { name: 'Create organization' }).click();
        await page.getByRole('link', { name }).waitFor();
      }
      t.equal(await page.getByLabel('URL name').inputValue(), '', 'the form is ready for the next one');
      await shot('03-instance-organizations');

      const switcher = page.getByLabel('Organization', { exact: true });
      await switcher.selectOption('night-cup');
      await page.getByRole('heading', { name: 'Night Cup', level: 1 }).waitFor();
      await navLink(page, 'Members').click();
      await page.getByRole('heading', { name: 'Members' }).waitFor();
      await switcher.selectOption('speed-league');
      await page.waitForURL(/\/admin\/orgs\/speed-league\/members$/);
      t.pass('switching keeps the page (members) and changes the org');
      await switcher.selectOption('night-cup');
      await page.waitForURL(/\/admin\/orgs\/night-cup\/members$/);
      await page.getByRole('row', { name: /Alice Organizer/ }).waitFor();
      await shot('04-members');
    });

    await t.test('members added elsewhere appear live, without a reload', async (t) => {
      const bob = server.discord.createUser({ username: 'bob' });
      await page.getByText('Live', { exact: true }).waitFor();
      await apiFromPage(page, 'POST', '/api/v1/orgs/night-cup/members', {
        discordId: bob.id,
        role: 'moderator',
      });
      await page.getByRole('cell', { name: bob.id }).waitFor();
      t.pass('the new member row arrived over the live socket');
    });

    await t.test(
      'enable a plugin: a settings error shows on its field first, then it turns on',
      async (t) => {
        await navLink(page, 'Plugins').click();
        const card = page.getByRole('article', { name: /racetime/ });
        await card.waitFor();
        t.notOk(await navLink(page, 'racetime.gg').count(), 'no plugin page while it is off');
        await card.getByLabel('Category').fill('alttpr');
        await card.getByLabel('Goal').selectOption('Beat the game');
        await card.getByLabel('Open minutes before').fill('500');
        await card.getByRole('switch').click();
        const error = card.locator('.field-invalid', { has: page.getByLabel('Open minutes before') });
        await error.getByText('must be <= 240').waitFor();
        t.equal(
          await card.getByLabel('Open minutes before').getAttribute('aria-invalid'),
          'true',
          'the invalid field is marked for assistive technology',
        );
        t.equal(await card.getByRole('switch').getAttribute('aria-checked'), 'false', 'still off');
        await shot('05-plugin-settings-error');

        await card.getByLabel('Open minutes before').fill('45');
        await card.getByRole('switch').click();
        await card.getByText('Turned on.').waitFor();
        t.equal(await card.getByRole('switch').getAttribute('aria-checked'), 'true');
        t.equal(await card.locator('.field-error').count(), 0, 'no errors left');
        const state = await server.app.racedesk.enablement.settingsFor('racetime', 1);
        t.match(state, {
          category: 'alttpr',
          goal: 'Beat the game',
          openMinutesBefore: 45,
          inviteCrew: true,
        });
        await navLink(page, 'racetime.gg').click();
        await page.getByRole('heading', { name: 'racetime.gg', level: 1 }).waitFor();
        t.ok(
          await page.getByRole('region', { name: 'Bots' }).isVisible(),
          "the plugin's own page (from src/plugins/racetime/) shows once it is on",
        );
        await shot('06-plugin-page');
      },
    );

    await t.test('create an API token: shown once, with a copy button, and it works', async (t) => {
      await navLink(page, 'API tokens').click();
      await page.getByText('No tokens yet').waitFor();
      await page.getByRole('button', { name: 'Create token' }).click();
      await page
        .getByText('must NOT have fewer than 1 characters')
        .or(page.getByRole('alert'))
        .first()
        .waitFor();
      t.equal(
        await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'),
        'true',
        'an empty name is refused on the field',
      );

      await page.getByLabel('Name', { exact: true }).fill('restream overlay');
      await page.getByLabel('Role').selectOption('moderator');
      await page.getByRole('button', { name: 'Create token' }).click();
      const tokenBox = page.getByLabel('New API token');
      await tokenBox.waitFor();
      const token = await tokenBox.inputValue();
      t.match(token, /^rd_/);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      t.equal(await page.evaluate('navigator.clipboard.readText()'), token, 'the token is on the clipboard');
      await shot('07-token-created');
      const viaToken = await fetch(`${server.url}/api/v1/orgs/night-cup`, {
        headers: { authorization: `Bearer ${token}` },
      });
      t.equal(viaToken.status, 200, 'the shown token works against the API');

      await page.getByRole('button', { name: 'I have stored it' }).click();
      t.equal(await page.getByLabel('New API token').count(), 0, 'the token is not shown again');
      await page.getByRole('cell', { name: 'restream overlay' }).waitFor();
      t.notOk((await page.content()).includes(token), 'the page no longer holds the token');
      await shot('08-tokens');
    });

    await t.test('audit log and instance pages render', async (t) => {
      await navLink(page, 'Audit log').click();
      await page.getByRole('cell', { name: 'plugin.enabled' }).waitFor();
      const enabled = page.getByRole('row').filter({ hasText: 'plugin.enabled' });
      t.equal(
        await enabled.getByRole('cell').nth(2).innerText(),
        'Alice Organizer',
        'entries name who did it, not a user id',
      );
      await shot('09-org-audit');
      await navLink(page, 'Installed plugins').click();
      await page.getByRole('cell', { name: '0.0.1-test' }).waitFor();
      await navLink(page, 'Instance audit log').click();
      await page.getByRole('cell', { name: 'user.superadmin_granted' }).waitFor();
      t.pass('instance plugins and audit log show');
    });

    await t.test('phone width: the menu folds away and opens from its button', async (t) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto('/admin/orgs/night-cup');
      await page.getByRole('heading', { name: 'Night Cup', level: 1 }).waitFor();
      t.notOk(await page.getByRole('navigation', { name: 'Main' }).isVisible(), 'navigation hidden');
      await page.getByRole('button', { name: 'Menu' }).click();
      await navLink(page, 'Members').click();
      await page.getByRole('heading', { name: 'Members' }).waitFor();
      t.notOk(
        await page.getByRole('navigation', { name: 'Main' }).isVisible(),
        'choosing a page closes the menu',
      );
      await shot('10-phone-members');
    });

    await t.test('sign out', async (t) => {
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in with Discord' }).waitFor();
      t.equal(
        await page.evaluate(async () => (await fetch('/api/v1/me')).status),
        401,
        'the session is gone',
      );
    });

    t.same(browserErrors, [], 'no script errors in the browser');
  },
);
