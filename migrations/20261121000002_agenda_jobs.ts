import { getCreateIndexesSQL, getCreateTableSQL } from '@agendajs/postgres-backend';
import type { Knex } from 'knex';

// Agenda's table is created here, once, instead of by Agenda at start-up: two instances
// starting together on an empty database race on Agenda's own CREATE statements.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(getCreateTableSQL('agenda_jobs'));
  for (const sql of getCreateIndexesSQL('agenda_jobs')) await knex.raw(sql);
  await knex.raw(
    `create unique index agenda_jobs_unique_key_idx on agenda_jobs (name, (data->>'uniqueKey'))
     where (data->>'uniqueKey') is not null`,
  );
  await knex.raw("comment on table agenda_jobs is 'Agenda job store: recurring and one-off jobs'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('agenda_jobs');
}
