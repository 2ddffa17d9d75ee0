import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('events', (t) => {
    t.comment('Event outbox and log: written in the transaction of the change, dispatched after commit');
    t.bigIncrements('id');
    t.text('name').notNullable().comment('<plugin>.<entity>.<verb>, e.g. core.match.rescheduled');
    t.bigInteger('org_id').nullable().comment('Organization the event belongs to, when it belongs to one');
    t.jsonb('actor').notNullable().comment('Who caused it: {kind: user|system|anonymous, ...}');
    t.jsonb('payload').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.specificType('pending_subscribers', 'text[]')
      .notNullable()
      .defaultTo('{}')
      .comment('Durable subscribers that have not yet handled the event (at-least-once delivery)');
    t.timestamp('retry_at', { useTz: true })
      .nullable()
      .comment('Earliest time the recovery sweep may hand the event to pending durable subscribers again');
    t.integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Recovery attempts made for pending subscribers');
    t.text('last_error').nullable();
    t.index(['name', 'occurred_at']);
    t.index(['org_id', 'occurred_at']);
  });
  await knex.raw(
    'create index events_pending_idx on events (retry_at) where cardinality(pending_subscribers) > 0',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
}
