import { plugin as speedgaming } from '@racedesk/plugin-speedgaming';
import { startSpeedGamingEmulator } from '@racedesk/testkit';
import t from 'tap';
import { apiFromPage, navLink, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { startPanelServer } from './helpers/panel-server.js';

t.test(
  'SpeedGaming: tournament import settings, the last import and its problems, the import log',
  { skip: skipWithoutChromium },
  async (t) => {
    const sg = await startSpeedGamingEmulator();
    t.teardown(() => sg.close());
    const server = await startPanelServer([speedgaming], {
      pluginConfig: { speedgaming: { speedgamingUrl: sg.url, requestAttempts: 1 } },
    });
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'speedgaming');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', {
      name: 'Night Cup',
      slug: 'night-cup',
      timezone: 'UTC',
    });
    const cup = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/tournaments', {
      slug: 'league',
      name: 'League',
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    sg.store.addEvent({ slug: 'nightcup' });
    const drawn = sg.store.addEpisode({ event: 'nightcup', when: tomorrow });
    const undrawn = sg.store.addEpisode({ event: 'nightcup', when: tomorrow, players: [] });
    const section = page.getByRole('region', { name: 'SpeedGaming settings' });

    await t.test('the section shows only while the plugin is on', async (t) => {
      await page.goto(`/admin/orgs/night-cup/tournaments/${cup.id}`);
      await page.getByRole('region', { name: 'Tournament settings' }).waitFor();
      t.equal(await section.count(), 0, 'no SpeedGaming section while the plugin is off');
      await apiFromPage(page, 'PUT', '/api/v1/orgs/night-cup/plugins/speedgaming', {
        enabled: true,
        settings: {},
      });
      await page.reload();
      await section.getByText('Not imported yet').waitFor();
      t.ok(
        await section.getByRole('button', { name: 'Sync now' }).isDisabled(),
        'no sync while the import is off',
      );
    });

    await t.test('settings: a bad event slug is refused on its field, then the import runs', async (t) => {
      await section.getByLabel("Import this tournament's schedule from SpeedGaming").check();
      await section.getByLabel('SpeedGaming events').fill('night cup!');
      await section.getByRole('button', { name: 'Save SpeedGaming settings' }).click();
      await section.locator('.field-invalid', { has: page.getByLabel('SpeedGaming events') }).waitFor();
      t.equal(await section.getByLabel('SpeedGaming events').getAttribute('aria-invalid'), 'true');
      await section.getByLabel('SpeedGaming events').fill('nightcup');
      await section.getByRole('button', { name: 'Save SpeedGaming settings' }).click();
      await section.getByRole('status').getByText('Saved.').waitFor();
      // The minute's automatic run may beat the click; either way the section shows the run.
      await section.getByRole('button', { name: 'Sync now' }).click();
      await section.getByText('Partly imported').waitFor();
      t.match(await section.innerText(), /1 imported/, 'the drawn episode became a match');
      const rejected = section.getByRole('table', { name: /could not import/ });
      const row = rejected.getByRole('row').filter({ hasText: String(undrawn.id) });
      t.match(await row.innerText(), /no players/, 'the undrawn episode is listed with why');
      await shot('01-tournament-import');
    });

    await t.test('sync now right after a run: SpeedGaming’s one-a-minute rule, in words', async (t) => {
      await section.getByRole('button', { name: 'Sync now' }).click();
      await section
        .getByRole('alert')
        .getByText(/read less than a minute ago.*Try again/)
        .waitFor();
      t.pass('the refusal says when to try again');
    });

    await t.test('every player removed on SpeedGaming: the match is listed as a sync problem', async (t) => {
      sg.store.setPlayers(drawn.id, []);
      // A minute passes for SpeedGaming's one-request-a-minute rule.
      await server.app.racedesk.db('speedgaming_event_polls').update({ polled_at: new Date(0) });
      await section.getByRole('button', { name: 'Sync now' }).click();
      const problems = section.getByRole('list', { name: 'Sync problems' });
      await problems.waitFor();
      const item = problems.getByRole('listitem').filter({ hasText: String(drawn.id) });
      t.match(
        await item.innerText(),
        /Match \d+[\s\S]*every player was removed on SpeedGaming; the match keeps its last players/,
        'the match, its episode and the problem in words',
      );
      t.ok(await item.getByRole('link', { name: /^Match \d+$/ }).isVisible(), 'a link to the match');
      await shot('02-sync-problem');
    });

    await t.test(
      'an imported match: changing its players is refused, in words, under the control',
      async (t) => {
        await section
          .getByRole('list', { name: 'Sync problems' })
          .getByRole('link', { name: /^Match \d+$/ })
          .click();
        const details = page.getByRole('region', { name: 'Details' });
        await details.getByText(/The speedgaming plugin manages these players/).waitFor();
        await details.getByRole('button', { name: 'Edit players' }).click();
        const edit = details.getByRole('form', { name: 'Edit players' });
        await edit.getByLabel('Add player').fill('Alice');
        await edit.getByRole('option', { name: /^Alice Organizer/ }).click();
        await edit.getByRole('button', { name: 'Save players' }).click();
        await edit
          .getByRole('alert')
          .getByText(/Players not changed: .*managed by the speedgaming plugin.*change it there/)
          .waitFor();
        t.pass('the refusal names the plugin, next to the players');
        await shot('04-imported-match-players');
      },
    );

    await t.test('the import log of the org, by tournament', async (t) => {
      await navLink(page, 'SpeedGaming imports').click();
      await page.getByRole('heading', { name: 'SpeedGaming imports' }).waitFor();
      await page.getByLabel('Tournament').selectOption({ label: 'League' });
      await page
        .getByRole('article', { name: /^Sync \d+$/ })
        .first()
        .waitFor();
      t.match(await page.getByRole('main').innerText(), /League[\s\S]*Partly imported[\s\S]*no players/);
      await shot('03-import-log');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);
