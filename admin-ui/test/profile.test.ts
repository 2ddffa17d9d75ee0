import { plugin as discordNotify } from '@racedesk/plugin-discord-notify';
import { plugin as racetime } from '@racedesk/plugin-racetime';
import { startRacetimeEmulator } from '@racedesk/testkit';
import t from 'tap';
import { apiFromPage, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { startPanelServer } from './helpers/panel-server.js';

type Pref = { eventType: string; channel: string; enabled: boolean; isDefault: boolean };

t.test(
  'profile: time zone, notification choices, racetime.gg account link',
  { skip: skipWithoutChromium },
  async (t) => {
    const emulator = await startRacetimeEmulator();
    t.teardown(() => emulator.close());
    let userApp: { clientId: string; clientSecret: string } | undefined;
    const server = await startPanelServer([racetime, discordNotify], {
      pluginConfig: ({ discordUrl, url }) => {
        userApp = emulator.registerUserApp({ redirectUris: [`${url}/api/v1/me/racetime/callback`] });
        return {
          racetime: {
            racetimeUrl: emulator.url,
            publicUrl: url,
            oauthClientId: userApp.clientId,
            oauthClientSecret: userApp.clientSecret,
          },
          'discord-notify': { discordUrl, publicUrl: url, gateway: false },
        };
      },
    });
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'profile');
    const bob = server.discord.createUser({ username: 'bob', globalName: 'Bob Runner' });
    await signIn(page, server, bob.id);
    await page.goto('/admin/profile');

    await t.test('time zone: chosen from the list, saved on the account', async (t) => {
      const zone = page.getByLabel('Your time zone');
      t.equal(await zone.inputValue(), 'UTC', 'a new account starts in UTC');
      await page.getByRole('button', { name: "Use this browser's zone (Europe/Berlin)" }).click();
      t.equal(await zone.inputValue(), 'Europe/Berlin');
      await zone.selectOption('Asia/Tokyo');
      await page.getByRole('button', { name: 'Save time zone' }).click();
      await page.getByRole('status').getByText('Saved: your time zone is Asia/Tokyo.').waitFor();
      const me = await apiFromPage<{ user: { timezone: string } }>(page, 'GET', '/api/v1/me');
      t.equal(me.user.timezone, 'Asia/Tokyo', 'the server has it');
      await shot('01-time-zone');
    });

    await t.test('notifications: a choice per type and channel, saved all at once', async (t) => {
      const table = page.getByRole('table', { name: 'Notification preferences' });
      await table.waitFor();
      const boxes = table.getByRole('checkbox');
      t.ok((await boxes.count()) > 1, 'every type × channel has a checkbox');
      const save = page.getByRole('button', { name: 'Save notification choices' });
      t.ok(await save.isDisabled(), 'nothing to save before a change');
      const first = boxes.first();
      const label = (await first.getAttribute('aria-label')) ?? '';
      t.ok(await first.isChecked(), `${label} is on by default`);
      await first.uncheck();
      await boxes.nth(1).uncheck();
      await boxes.nth(1).check();
      await save.click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      const prefs = await apiFromPage<{ preferences: Pref[] }>(page, 'GET', '/api/v1/me/notifications');
      t.equal(prefs.preferences.filter((p) => !p.isDefault).length, 1, 'only the changed cell was sent');
      t.match(prefs.preferences[0], { enabled: false, isDefault: false });
      await page.reload();
      await table.waitFor();
      t.notOk(await page.getByLabel(label).isChecked(), 'the choice is kept after a reload');
      await shot('02-notifications');
    });

    await t.test('racetime.gg: a refused consent comes back as its reason, in this tab', async (t) => {
      const section = page.getByRole('region', { name: 'racetime.gg account' });
      await section.getByText('No racetime.gg account linked').waitFor();
      const luigi = emulator.registerUser({ name: 'Luigi', discriminator: '0420' });
      emulator.oauth.loginAs(luigi.id, { approve: false });
      await section.getByRole('button', { name: 'Link racetime.gg account' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/profile' && url.search === '');
      const alert = section.getByRole('alert');
      await alert.getByText('Your racetime.gg account was not linked:').waitFor();
      t.match(await alert.innerText(), /racetime.gg did not link the account/, 'the reason in words');
      t.match(await alert.innerText(), /RD_RACETIME_LINK_DENIED/, 'and its code');
      t.equal(new URL(page.url()).search, '', 'the outcome is dropped from the address');
      await section.getByText('No racetime.gg account linked').waitFor();
      await shot('03-racetime-link-failed');
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await alert.waitFor({ state: 'detached' });
    });

    await t.test('racetime.gg: link through racetime.gg consent in this tab, then unlink', async (t) => {
      const section = page.getByRole('region', { name: 'racetime.gg account' });
      const mario = emulator.registerUser({ name: 'Mario', discriminator: '5527' });
      emulator.oauth.loginAs(mario.id);
      await section.getByRole('button', { name: 'Link racetime.gg account' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/profile' && url.search === '');
      await section
        .getByRole('status')
        .getByText('Linked your racetime.gg account: race rooms of your matches now invite you.')
        .waitFor();
      await section.getByText('Mario#5527').waitFor();
      t.pass('the success notice and the linked account are shown, no second window');
      t.equal(page.context().pages().length, 1, 'no popup was opened');
      await shot('04-racetime-linked');
      await page.reload();
      await section.getByText('Mario#5527').waitFor();
      t.equal(await section.getByRole('status').count(), 0, 'a reload does not show the outcome again');
      await section.getByRole('button', { name: 'Unlink racetime.gg' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
      await section.getByText('No racetime.gg account linked').waitFor();
      t.pass('unlinked after confirming');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);
