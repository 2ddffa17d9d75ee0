import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('discord_notify_tries', (t) => {
    t.comment(
      'Failed tries of a Discord delivery that count toward giving up (5xx, network); rate-limit waits do not',
    );
    t.text('idempotency_key').primary().comment('notification_deliveries.idempotency_key');
    t.integer('failures').notNullable().defaultTo(0);
    t.boolean('maybe_sent')
      .notNullable()
      .defaultTo(false)
      .comment('The last try may have reached Discord (no answer): look for its nonce before sending again');
    t.text('last_reason').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('discord_notify_tries');
}
