import { createServer } from 'node:http';
import { plugin as discordNotify } from '@racedesk/plugin-discord-notify';
import { plugin as racetime } from '@racedesk/plugin-racetime';
import { startRacetimeEmulator } from '@racedesk/testkit';
import t from 'tap';
import { apiFromPage, navLink, openPanel, signIn, skipWithoutChromium } from './helpers/browser.js';
import { startPanelServer } from './helpers/panel-server.js';

t.test(
  'instance pages (jobs, racetime bots, Discord bot) and an org linking its Discord server',
  { skip: skipWithoutChromium },
  async (t) => {
    const emulator = await startRacetimeEmulator();
    t.teardown(() => emulator.close());
    const server = await startPanelServer([racetime, discordNotify], {
      pluginConfig: ({ discordUrl, url }) => ({
        racetime: { racetimeUrl: emulator.url },
        'discord-notify': { discordUrl, publicUrl: url, gateway: false },
      }),
    });
    t.teardown(() => server.close());
    const { page, shot, errors } = await openPanel(t, server, 'instance');
    const alice = server.discord.createUser({ username: 'alice', globalName: 'Alice Organizer' });
    await signIn(page, server, alice.id, server.setupCode);
    await apiFromPage(page, 'POST', '/api/v1/orgs', {
      name: 'Night Cup',
      slug: 'night-cup',
      timezone: 'UTC',
    });
    for (const id of ['racetime', 'discord-notify'])
      await apiFromPage(page, 'PUT', `/api/v1/orgs/night-cup/plugins/${id}`, { enabled: true, settings: {} });
    await page.goto('/admin/orgs/night-cup');

    await t.test('jobs: what is scheduled, filtered by state', async (t) => {
      await navLink(page, 'Jobs').click();
      const table = page.getByRole('table', { name: 'Jobs' });
      await table.waitFor();
      t.ok((await table.getByRole('row').count()) > 1, 'the recurring jobs of the plugins are listed');
      await shot('01-jobs');
      await page.getByLabel('State').selectOption('failed');
      await page.getByText('No jobs in this state').waitFor();
      t.pass('an empty filter says what to do');
    });

    await t.test('racetime.gg bots: register, test, restart, give to an organization', async (t) => {
      await navLink(page, 'racetime.gg bots').click();
      await page.getByText('No racetime.gg bot yet').waitFor();
      await page.getByLabel('Category').fill('Not A Slug');
      await page.getByRole('button', { name: 'Register bot' }).click();
      await page.locator('.field-invalid', { has: page.getByLabel('Category') }).waitFor();
      t.equal(
        await page.getByLabel('Category').getAttribute('aria-invalid'),
        'true',
        'a bad slug is refused on its field',
      );
      const bot = emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });
      await page.getByLabel('Category').fill('alttpr');
      await page.getByLabel('Bot name').fill('Racedesk');
      await page.getByLabel('Client id').fill(bot.clientId);
      await page.getByLabel('Client secret').fill(bot.clientSecret);
      await page.getByRole('button', { name: 'Register bot' }).click();
      const card = page.getByRole('article', { name: 'Bot Racedesk' });
      await card.waitFor();
      await card.getByRole('button', { name: 'Test' }).click();
      await card
        .getByRole('status')
        .getByText(/Checked .*: Connected/)
        .waitFor();
      await card.getByRole('button', { name: 'Restart Racedesk' }).click();
      const restart = page.getByRole('dialog', { name: 'Restart Racedesk?' });
      await restart.getByText('reconnects its room sockets').waitFor();
      await restart.getByRole('button', { name: 'Restart bot' }).click();
      await restart.waitFor({ state: 'hidden' });
      await card
        .getByRole('status')
        .getByText(/Checked .*: Connected/)
        .waitFor();
      t.pass('restarting a bot asks first, then shows the check');
      await card.getByLabel('Let an organization use Racedesk').selectOption({ label: 'Night Cup' });
      await card.getByRole('button', { name: 'Assign' }).click();
      await card.getByRole('button', { name: 'Take Racedesk away from night-cup' }).click();
      const confirm = page.getByRole('dialog', { name: 'Take Racedesk away from night-cup?' });
      await confirm.getByText('skip their rooms').waitFor();
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'hidden' });
      t.pass('taking a bot away asks first, and says what it stops; Escape keeps it');
      const bots = await apiFromPage<{ orgs: string[] }[]>(page, 'GET', '/api/v1/racetime/bots');
      t.same(bots[0]?.orgs, ['night-cup'], 'the organization may use the bot');
      await shot('02-racetime-bots');

      // racetime.gg drops the bot while the page is open: the page polls and shows it, no reload.
      await page
        .getByRole('timer')
        .getByText(/Updated (just now|\d+ s ago) · refreshes every 5 s/)
        .waitFor();
      emulator.deactivateBot(bot.clientId);
      const { id } = (await apiFromPage<{ id: number }[]>(page, 'GET', '/api/v1/racetime/bots'))[0]!;
      await apiFromPage(page, 'POST', `/api/v1/racetime/bots/${id}/test`);
      await card
        .getByRole('paragraph')
        .getByText('Credentials refused by racetime.gg')
        .waitFor({ timeout: 15_000 });
      t.pass('a bot status change shows on the open page without a reload');
      await shot('02b-racetime-bot-refused');
    });

    await t.test('jobs appear on the open jobs page without a reload', async (t) => {
      await navLink(page, 'Jobs').click();
      const table = page.getByRole('table', { name: 'Jobs' });
      await table.waitFor();
      t.equal(await table.getByText('racetime:open-room').count(), 0, 'no room job yet');
      const cup = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/tournaments', {
        slug: 'jobs-cup',
        name: 'Jobs cup',
      });
      const [{ id: botId }] = await apiFromPage<{ id: number }[]>(page, 'GET', '/api/v1/racetime/bots');
      await apiFromPage(page, 'PUT', `/api/v1/orgs/night-cup/racetime/tournaments/${cup.id}/settings`, {
        botId,
        autoCreateRooms: true,
      });
      await apiFromPage(page, 'POST', '/api/v1/orgs/night-cup/matches', {
        tournamentId: cup.id,
        title: 'Job maker',
        scheduledAt: new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
        players: [],
      });
      await table.getByText('racetime:open-room').first().waitFor({ timeout: 20_000 });
      t.pass('the room job of a new match shows up by itself');
      await page
        .getByRole('timer')
        .getByText(/Updated (just now|\d+ s ago) · refreshes every 10 s/)
        .waitFor();
      await shot('01b-jobs-refreshed');
    });

    const discordBot = server.discord.createBot({
      name: 'Racedesk',
      redirectUris: [`${server.url}/api/v1/discord-notify/guilds/callback`],
    });

    await t.test('the Discord bot: status and token', async (t) => {
      await navLink(page, 'Discord bot').click();
      await page.getByText('Not set up').waitFor();
      await page.getByLabel('Application id').fill(discordBot.id);
      await page.getByLabel('Bot token').fill('short');
      await page.getByRole('button', { name: 'Save and connect' }).click();
      await page.locator('.field-invalid', { has: page.getByLabel('Bot token') }).waitFor();
      t.equal(
        await page.getByLabel('Bot token').getAttribute('aria-invalid'),
        'true',
        'a short token is refused',
      );
      await page.getByLabel('Bot token').fill(discordBot.token);
      await page.getByRole('button', { name: 'Save and connect' }).click();
      await page.getByText('Stored (encrypted)').waitFor();
      t.equal(await page.getByLabel('Bot token').inputValue(), '', 'the token is not kept on the page');
      await page.getByRole('button', { name: 'Reconnect' }).click();
      const reconnect = page.getByRole('dialog', { name: 'Reconnect the Discord bot?' });
      await reconnect.getByText('for every organization at once').waitFor();
      await reconnect.getByRole('button', { name: 'Cancel' }).click();
      await reconnect.waitFor({ state: 'hidden' });
      t.pass('reconnecting the Discord bot asks first; Cancel keeps it as it is');
      await page
        .getByRole('timer')
        .getByText(/refreshes every 5 s/)
        .waitFor();
      t.pass('the status refreshes by itself, and says when it was read');
      await shot('03-discord-bot');
    });

    await t.test('an org admin links a Discord server and chooses a channel', async (t) => {
      const guild = server.discord.createGuild({
        name: 'Night Cup Discord',
        ownerId: alice.id,
        channels: [{ name: 'announcements' }],
      });
      await page.goto('/admin/orgs/night-cup');
      await navLink(page, 'Discord').click();
      await page.getByText('No Discord server linked yet').waitFor();
      const add = page.getByRole('button', { name: 'Add the bot to a server' });
      // Discord brings the admin back to this page, with what happened.
      server.discord.oauth.loginAs(alice.id, { guildId: guild.id, approve: false });
      await add.click();
      await page
        .getByRole('alert')
        .getByText(/The Discord server was not linked: .*Discord did not install/)
        .waitFor();
      t.match(page.url(), /\/admin\/orgs\/night-cup\/p\/discord-notify\/discord\?install=failed/);
      server.discord.oauth.loginAs(alice.id, { guildId: guild.id });
      await add.click();
      await page.getByRole('status').getByText('Linked the Discord server Night Cup Discord').waitFor();
      await page
        .getByRole('region', { name: 'Discord servers' })
        .getByText('Night Cup Discord', { exact: true })
        .waitFor();
      t.pass('the server is linked after the install round trip');

      const channel = [...server.discord.store.channels.values()].find(
        (c) => c.guildId === guild.id && c.name === 'announcements',
      )!;
      await page.getByLabel('Post', { exact: true }).selectOption({ label: 'New matches' });
      await page.getByLabel('Channel id').fill(channel.id);
      await page.getByRole('button', { name: 'Use this channel' }).click();
      const row = page
        .getByRole('table', { name: 'Channel choices' })
        .getByRole('row')
        .filter({ hasText: 'New matches' });
      await row.getByRole('cell', { name: /#announcements/ }).waitFor();
      t.match(await row.innerText(), /Yes/, 'the bot can post there');
      await shot('04-org-discord');

      // A second choice, taken back: it asks first, and Escape keeps it.
      await page.getByLabel('Post', { exact: true }).selectOption({ label: 'Organizer alerts' });
      await page.getByLabel('Channel id').fill(channel.id);
      await page.getByRole('button', { name: 'Use this channel' }).click();
      const alerts = page
        .getByRole('table', { name: 'Channel choices' })
        .getByRole('row')
        .filter({ hasText: 'Organizer alerts' });
      await alerts.getByRole('button', { name: 'Stop posting organizer alerts' }).click();
      const stop = page.getByRole('dialog', { name: 'Stop posting organizer alerts in #announcements' });
      await stop.getByText('no longer post them in Discord').waitFor();
      await page.keyboard.press('Escape');
      await stop.waitFor({ state: 'hidden' });
      t.match(await alerts.innerText(), /#announcements/, 'Escape keeps the channel');
      await alerts.getByRole('button', { name: 'Stop posting organizer alerts' }).click();
      await stop.getByRole('button', { name: 'Stop posting' }).click();
      await alerts.getByText('not posted').waitFor();
      t.pass('stopping a channel asks first, then the row says it is not posted');
    });

    await t.test('a tournament posts in its own channel or the org default', async (t) => {
      const finals = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/tournaments', {
        slug: 'finals',
        name: 'Finals',
      });
      await page.goto(`/admin/orgs/night-cup/tournaments/${finals.id}`);
      const section = page.getByRole('region', { name: 'Discord settings' });
      const table = section.getByRole('table', { name: 'Tournament channel choices' });
      const row = (label: string) => table.getByRole('row').filter({ hasText: label });
      await row('New matches').getByText('organization default: #announcements').waitFor();
      t.match(await row('Results').innerText(), /not posted/);
      const channel = [...server.discord.store.channels.values()].find((c) => c.name === 'announcements')!;
      await section.getByLabel('Post', { exact: true }).selectOption({ label: 'Results' });
      await section.getByLabel('Channel id').fill('123');
      await section.getByRole('button', { name: 'Use this channel' }).click();
      await section.locator('.field-invalid', { has: page.getByLabel('Channel id') }).waitFor();
      t.pass('a malformed channel id is refused on its field');
      await section.getByLabel('Channel id').fill(channel.id);
      await section.getByRole('button', { name: 'Use this channel' }).click();
      await row('Results')
        .getByRole('button', { name: 'Use the organization default for results' })
        .waitFor();
      t.match(await row('Results').innerText(), /#announcements[\s\S]*Yes/, "the tournament's own channel");
      const org = await apiFromPage<{ tournamentId: number | null; kind: string }[]>(
        page,
        'GET',
        '/api/v1/orgs/night-cup/discord-notify/channels',
      );
      t.notOk(
        org.some((c) => c.kind === 'results' && c.tournamentId === null),
        'the org default is untouched',
      );
      await shot('05-tournament-discord');
      await row('Results').getByRole('button', { name: 'Use the organization default for results' }).click();
      const back = page.getByRole('dialog', { name: /^Stop posting results in #announcements/ });
      await back.getByText('no default channel for results').waitFor();
      await back.getByRole('button', { name: 'Stop posting' }).click();
      await row('Results').getByText('not posted').waitFor();
      t.pass("removing the tournament's own channel asks first, and says what it falls back to");
    });

    await t.test(
      "a tournament's Discord scheduled events: which matches, which server, how long",
      async (t) => {
        const finalsId = Number(/tournaments\/(\d+)/.exec(page.url())?.[1]);
        const section = page.getByRole('region', { name: 'Discord settings' });
        const form = section.getByRole('form', { name: 'Discord scheduled events' });
        t.equal(await form.getByLabel('Scheduled events').inputValue(), 'none', 'off until chosen');
        await form
          .getByLabel('Scheduled events')
          .selectOption({ label: 'Only for matches with a stream channel' });
        await form.getByLabel('Discord server for the events').selectOption({ label: 'Night Cup Discord' });
        await form.getByLabel('Event length (minutes)').fill('2');
        await form.getByRole('button', { name: 'Save scheduled events' }).click();
        await form.locator('.field-invalid', { has: page.getByLabel('Event length (minutes)') }).waitFor();
        t.pass('a too short event is refused on its field');
        await form.getByLabel('Event length (minutes)').fill('90');
        await form.getByRole('button', { name: 'Save scheduled events' }).click();
        await form.getByRole('status').getByText('Saved.').waitFor();
        const saved = await apiFromPage<{
          scheduledEvents: string;
          guildId: string | null;
          eventDurationMinutes: number;
        }>(page, 'GET', `/api/v1/orgs/night-cup/discord-notify/tournaments/${finalsId}/settings`);
        t.match(
          saved,
          { scheduledEvents: 'streamed', guildId: /^\d+$/, eventDurationMinutes: 90 },
          'the server has it',
        );
        await page.reload();
        await form.getByLabel('Event length (minutes)').waitFor();
        t.equal(await form.getByLabel('Event length (minutes)').inputValue(), '90', 'kept after a reload');
        t.equal(await form.getByLabel('Scheduled events').inputValue(), 'streamed');
        await shot('05b-tournament-scheduled-events');
      },
    );

    await t.test('webhooks: add one (secret shown once), see its failing deliveries', async (t) => {
      const receiver = createServer((_req, res) => res.writeHead(500).end('down'));
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      t.teardown(() => receiver.close());
      const port = (receiver.address() as { port: number }).port;
      await navLink(page, 'Webhooks').click();
      await page.getByText('No webhooks yet').waitFor();
      await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/hook`);
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByText('Choose at least one event.').waitFor();
      await page.getByLabel('core.match.created').check();
      await page.getByRole('button', { name: 'Add webhook' }).click();
      t.match(
        await page.getByRole('textbox', { name: 'Signing secret' }).inputValue(),
        /.{16,}/,
        'the secret is shown once',
      );
      await page.getByRole('button', { name: 'I have stored it' }).click();
      const card = page.getByRole('article', { name: `Webhook http://127.0.0.1:${port}/hook` });
      await card.waitFor();
      const cup = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/orgs/night-cup/tournaments', {
        slug: 'cup',
        name: 'Cup',
      });
      await apiFromPage(page, 'POST', '/api/v1/orgs/night-cup/matches', {
        tournamentId: cup.id,
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        players: [],
      });
      await card.getByText('Delivery log', { exact: true }).click();
      const log = card.getByRole('table', { name: 'Deliveries' });
      // The worker tries right after the event commits; refresh until that try is logged.
      const tried = async () => (await log.isVisible()) && /500/.test(await log.innerText());
      for (let i = 0; i < 40 && !(await tried()); i++) {
        await page.waitForTimeout(250);
        await card.getByRole('button', { name: 'Refresh' }).click();
      }
      await log.getByRole('cell', { name: 'core.match.created' }).waitFor();
      t.match(await log.innerText(), /HTTP 500|500/, 'the failing answer is the last error');
      await shot('06-webhooks');
      await card.getByRole('button', { name: 'Disable' }).click();
      const disable = page.getByRole('dialog', { name: 'Disable this webhook?' });
      await disable.getByText(/Nothing more is sent to http/).waitFor();
      await disable.getByRole('button', { name: 'Disable webhook' }).click();
      await card.getByRole('button', { name: 'Enable' }).waitFor();
      t.match(await card.innerText(), /Disabled/, 'disabling asks first, then the card says Disabled');
    });

    t.same(errors, [], 'no script errors in the browser');
  },
);
