import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('speedgaming_episode_matches', (t) => {
    t.text('problem')
      .nullable()
      .comment(
        'Why SpeedGaming data could not be applied to the kept match (e.g. every player removed); null when in sync',
      );
    t.timestamp('problem_since', { useTz: true }).nullable().comment('When the problem was first seen');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('speedgaming_episode_matches', (t) => {
    t.dropColumn('problem');
    t.dropColumn('problem_since');
  });
}
