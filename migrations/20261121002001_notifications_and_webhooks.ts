import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_preferences', (t) => {
    t.comment(
      'The choice of a user for one notification type on one channel; absent: the default of the type',
    );
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('event_type').notNullable().comment('Event name, e.g. core.match.rescheduled');
    t.text('channel').notNullable().comment('Channel id, e.g. discord-dm');
    t.boolean('enabled').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['user_id', 'event_type', 'channel']);
  });

  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.comment('HTTPS endpoints an org admin registered for some event types; secret in the secrets table');
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('url').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.specificType('event_types', 'text[]').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.timestamp('disabled_at', { useTz: true }).nullable();
    t.text('disabled_reason').nullable().comment('Why Racedesk turned the endpoint off');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['org_id']);
  });

  await knex.schema.createTable('notification_deliveries', (t) => {
    t.comment('One row per (event, recipient, channel); the worker delivers each exactly once per key');
    t.bigIncrements('id');
    t.text('idempotency_key').notNullable().unique().comment('<event id>:<recipient>:<channel>');
    t.bigInteger('event_id').notNullable().comment('events.id (events are pruned; deliveries stay)');
    t.text('event_type').notNullable();
    t.bigInteger('org_id').nullable().references('organizations.id').onDelete('CASCADE');
    t.text('channel').notNullable();
    t.bigInteger('user_id').nullable().references('users.id').onDelete('CASCADE');
    t.bigInteger('webhook_id').nullable().references('webhook_endpoints.id').onDelete('CASCADE');
    t.jsonb('message').notNullable().comment('The event as delivered: type, ids, actor, payload');
    t.enu('status', ['pending', 'sending', 'sent', 'failed']).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.timestamp('lease_until', { useTz: true }).nullable().comment('A sending row past this is retried');
    t.text('last_error').nullable();
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['org_id', 'id']);
  });
  await knex.raw(
    "create index notification_deliveries_due_idx on notification_deliveries (next_attempt_at) where status in ('pending', 'sending')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notification_deliveries');
  await knex.schema.dropTable('webhook_endpoints');
  await knex.schema.dropTable('notification_preferences');
}
