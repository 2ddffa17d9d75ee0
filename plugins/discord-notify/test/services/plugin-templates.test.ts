import {
  defineEvent,
  defineNotification,
  definePlugin,
  type NotificationType,
  type PluginContext,
  systemActor,
} from '@racedesk/core';
import t from 'tap';
import { Type } from 'typebox';
import type { MessageTemplate } from '../../src/index.js';
import { discordTestApp } from '../helpers/discord-app.js';
import { embedOf, field } from '../helpers/embeds.js';
import { discordPerson, linkedOrg } from '../helpers/linked-org.js';
import { createMatch, createTournament } from '../helpers/matches.js';

// A plugin next to discord-notify, as live races will be: it owns an event and its notification type,
// and registers the Discord message for it through discord-notify's service.
const RaceStarted = defineEvent(
  'neighbour.race.started',
  Type.Object({ matchId: Type.Integer(), streamUrl: Type.String() }),
  'A live race started',
);

const raceStartedTemplate: MessageTemplate = {
  eventType: 'neighbour.race.started',
  render(message) {
    const p = message.payload as { matchId: number; streamUrl: string };
    return {
      embeds: [
        {
          title: 'Your race started',
          url: p.streamUrl,
          color: 0x2ecc71,
          fields: [{ name: 'Stream', value: p.streamUrl }],
          footer: { text: `Match #${p.matchId}` },
        },
      ],
    };
  },
};

let context: PluginContext | null = null;

const neighbour = definePlugin({
  id: 'neighbour',
  version: '0.0.0',
  core: '^0.1.0',
  dependsOn: ['discord-notify'],
  events: [RaceStarted],
  init: async (ctx) => {
    context = ctx;
    ctx.domain.notifications.registerType(
      defineNotification({
        event: RaceStarted,
        description: 'Your live race started',
        recipients: (e, lookup) => lookup.matchPlayers(e.payload.matchId),
      }) as NotificationType,
    );
    ctx.services.get('discord-notify').registerTemplate(raceStartedTemplate);
  },
});

t.test('another plugin registers its own Discord template; its event is DMed with it', async (t) => {
  const env = await discordTestApp(t, { after: [neighbour] });
  const org = await linkedOrg(env);
  const tournamentId = await createTournament(env, org.slug, org.admin);
  const alice = await discordPerson(env, 'alice');
  const match = await createMatch(env, org.slug, org.admin, {
    tournamentId,
    scheduledAt: '2030-01-10T18:00:00Z',
    players: [alice.userId],
  });
  await env.settle();
  const before = env.emu.dms(alice.discordId).length;

  const streamUrl = 'https://twitch.tv/racedesk';
  await context?.events.emit(
    RaceStarted,
    { matchId: match.id, streamUrl },
    { actor: systemActor('neighbour'), orgId: org.orgId },
  );
  await env.settle();
  const dms = env.emu.dms(alice.discordId).slice(before);
  t.equal(dms.length, 1, 'one DM');
  const embed = embedOf(dms[0]);
  t.match(embed, { title: 'Your race started', url: streamUrl, footer: { text: `Match #${match.id}` } });
  t.equal(field(embed, 'Stream'), streamUrl);

  t.throws(
    () => context?.services.get('discord-notify').registerTemplate(raceStartedTemplate),
    /registered twice/,
    'one template per event type',
  );
});
