import { performance } from 'node:perf_hooks';
import {
  buildApp,
  defineEvent,
  defineNotification,
  definePlugin,
  systemActor,
  validateConfig,
} from '@racedesk/core';
import { plugin as discordNotify } from '@racedesk/plugin-discord-notify';
import { createTestDatabase, startDiscordEmulator } from '@racedesk/testkit';
import { Type } from 'typebox';
import { defineBenchmark } from './lib/define-benchmark.js';

// Discord documents one figure: 50 requests per second per bot (global). Per-route limits are
// undocumented and read from headers; the emulator's 5 per 5 s per DM channel does not bind here
// (one message per DM channel), so the global limit sets the floor.
const GLOBAL_PER_SECOND = 50;

/** A plugin that announces one event to every signed-up person, with its own Discord template. */
const Announced = defineEvent('blast.announcement.sent', Type.Object({ text: Type.String() }));
function blastPlugin(recipients: () => number[]) {
  return definePlugin({
    id: 'blast',
    version: '1.0.0',
    core: '*',
    dependsOn: ['discord-notify'],
    events: [Announced],
    init: (ctx) => {
      ctx.domain.notifications.registerType(
        defineNotification({
          event: Announced,
          description: 'Announcements',
          recipients: async () => recipients(),
        }),
      );
      ctx.services.get('discord-notify').registerTemplate({
        eventType: Announced.name,
        render: (message) => ({
          embeds: [
            {
              title: 'Announcement',
              description: (message.payload as { text: string }).text,
              color: 0x5865f2,
            },
          ],
        }),
      });
    },
  });
}

/**
 * 10,000 DMs queued at once (one event, one notification type, 10,000 recipients) delivered by
 * discord-notify through the core delivery table to the Discord emulator enforcing its rate limits, on
 * the real clock. Compared to the floor Discord's documented limit allows: N / 50 per second.
 */
export default defineBenchmark({
  name: 'discord-dm-fanout',
  description:
    '10,000 DMs queued at once through discord-notify against the Discord emulator (global 50 req/s) vs the theoretical minimum N/50 s; DM channels already open (cached), zero duplicates and losses',
  async run({ quick, log }) {
    const count = Number(process.env.BENCH_DMS) || (quick ? 500 : 10_000);
    const emu = await startDiscordEmulator();
    const bot = emu.createBot({ name: 'Racedesk' });
    const database = await createTestDatabase();
    let userIds: number[] = [];
    const config = validateConfig({
      secretKey: 'b'.repeat(64),
      logLevel: 'silent',
      // The instance bot token (RACEDESK_DISCORD_BOT_TOKEN in production).
      discordBotToken: bot.token,
      plugins: { 'discord-notify': { discordUrl: emu.url, gateway: false } },
    });
    const app = await buildApp({
      config,
      databaseUrl: database.url,
      plugins: [discordNotify, blastPlugin(() => userIds)],
      role: 'all',
      logger: false,
      jobPollMs: 200,
    });
    try {
      await app.ready();
      log(`setting up ${count} people with open DM channels`);
      const db = app.racedesk.db;
      const rows = Array.from({ length: count }, (_, i) => ({
        discord_id: String(200_000_000_000_000_000n + BigInt(i)),
        username: `player${i}`,
      }));
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await Promise.all(
          chunk.map((r) => app.racedesk.users.upsertFromDiscord({ id: r.discord_id, username: r.username })),
        );
      }
      userIds = (
        await db('users')
          .whereIn(
            'discord_id',
            rows.map((r) => r.discord_id),
          )
          .pluck('id')
      ).map(Number);
      // The DM channels exist on Discord and in discord-notify's cache: opening 10,000 new ones is
      // bounded by an undocumented per-route limit, not what this measures.
      const dmRows = rows.map((r) => {
        emu.createUser({ id: r.discord_id, username: r.username });
        return { discord_user_id: r.discord_id, channel_id: emu.store.openDm(bot.user.id, r.discord_id).id };
      });
      for (let i = 0; i < dmRows.length; i += 1000)
        await db('discord_notify_dm_channels').insert(dmRows.slice(i, i + 1000));
      // The bot starts in the background: wait until it checked its token (GET /users/@me).
      await emu.log.waitForRequest((r) => /^\/users\/(@|%40)me$/.test(r.route) && r.status === 200);

      log(`queueing ${count} DMs`);
      const started = performance.now();
      await app.racedesk.bus.emit(Announced, { text: 'Bracket is out' }, { actor: systemActor('bench') });
      let lastLogged = 0;
      while (emu.log.messages.length < count) {
        await new Promise((r) => setTimeout(r, 50));
        const seconds = (performance.now() - started) / 1000;
        if (seconds - lastLogged >= 10) {
          lastLogged = seconds;
          log(`${emu.log.messages.length}/${count} after ${seconds.toFixed(0)} s`);
        }
        if (seconds > (count / GLOBAL_PER_SECOND) * 5 + 60) break;
      }
      const elapsed = (performance.now() - started) / 1000;
      // A short grace period: anything sent twice shows up here.
      await new Promise((r) => setTimeout(r, 2000));
      const perChannel = new Map<string, number>();
      for (const m of emu.log.messages) perChannel.set(m.channelId, (perChannel.get(m.channelId) ?? 0) + 1);
      const duplicates = [...perChannel.values()].reduce((sum, n) => sum + (n - 1), 0);
      const losses = count - perChannel.size;
      const statuses = await db('notification_deliveries')
        .where({ channel: 'discord-dm' })
        .groupBy('status')
        .select('status', db.raw('count(*)::int as n'));
      const limited = emu.log.requests.filter((r) => r.status === 429).length;
      const minimum = count / GLOBAL_PER_SECOND;
      return {
        figures: [
          {
            label: `${count} DMs delivered`,
            unit: 's',
            value: elapsed,
            baseline: { label: `minimum at ${GLOBAL_PER_SECOND} req/s`, value: minimum },
            goal: { on: 'ratio', max: 1.2 },
          },
          { label: 'duplicates', unit: 'messages', value: duplicates, goal: { on: 'value', max: 0.5 } },
          { label: 'losses', unit: 'messages', value: losses, goal: { on: 'value', max: 0.5 } },
        ],
        notes: [
          `deliveries by status: ${statuses.map((s: { status: string; n: number }) => `${s.status} ${s.n}`).join(', ')}`,
          `429 answers from the emulator: ${limited}`,
          'DM channels were open and cached beforehand (the DM-open route has its own, undocumented, limit)',
        ],
      };
    } finally {
      await app.close();
      await emu.close();
      await database.drop();
    }
  },
});
