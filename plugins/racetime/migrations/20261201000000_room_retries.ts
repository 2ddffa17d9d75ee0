import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('racetime_match_rooms', (t) => {
    t.integer('failures')
      .notNullable()
      .defaultTo(0)
      .comment('Failed opening attempts in a row (racetime.gg unreachable, 5xx, timeouts)');
    t.timestamp('retry_at', { useTz: true }).nullable().comment('When a failed opening is tried again');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('racetime_match_rooms', (t) => {
    t.dropColumn('failures');
    t.dropColumn('retry_at');
  });
}
