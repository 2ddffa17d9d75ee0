import { defineEvent, defineNotification, definePlugin, delivered, systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';

// More delivery rows than one statement can carry (PostgreSQL's 65,535 parameters, ~10 per row).
const RECIPIENTS = 7_000;
const Announced = defineEvent('blast.announcement.sent', Type.Object({}));

t.test('an event for 7,000 people queues one delivery each', async (t) => {
  let recipients: number[] = [];
  const plugin = definePlugin({
    id: 'blast',
    version: '1.0.0',
    core: '*',
    events: [Announced],
    init: (ctx) => {
      ctx.domain.notifications.registerChannel({ id: 'blast-dm', deliver: async () => delivered() });
      ctx.domain.notifications.registerType(
        defineNotification({
          event: Announced,
          description: 'Announcements',
          recipients: async () => recipients,
        }),
      );
    },
  });
  const { app, settle } = await createTestApp({ plugins: [plugin], t });
  const db = app.racedesk.db;
  const people = Array.from({ length: RECIPIENTS }, (_, i) => ({
    discord_id: String(400_000_000_000_000_000n + BigInt(i)),
    discord_username: `p${i}`,
    created_at: new Date(),
    updated_at: new Date(),
  }));
  for (let i = 0; i < people.length; i += 1000) await db('users').insert(people.slice(i, i + 1000));
  recipients = (
    await db('users')
      .whereIn(
        'discord_id',
        people.map((p) => p.discord_id),
      )
      .pluck('id')
  ).map(Number);

  const event = await app.racedesk.bus.emit(Announced, {}, { actor: systemActor('test') });
  await app.racedesk.bus.idle();
  const queued = await db('notification_deliveries')
    .where({ event_id: event.id, channel: 'blast-dm' })
    .count<{ count: string }[]>('* as count');
  t.equal(Number(queued[0]?.count), RECIPIENTS, 'one delivery per person');
  const pending = await db('events').where({ id: event.id }).first('pending_subscribers');
  t.same(pending.pending_subscribers, [], 'the durable fan-out finished');
  // This test is about queueing: park the deliveries so the worker does not send 7,000 before teardown.
  await db('notification_deliveries')
    .where({ event_id: event.id })
    .update({ next_attempt_at: new Date('2100-01-01T00:00:00Z') });
  await settle();
});
