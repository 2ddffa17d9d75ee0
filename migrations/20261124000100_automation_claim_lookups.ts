import type { Knex } from 'knex';

// Every guarded change of a match reads the claims on it (its own, and its tournament's): without
// these, each read scanned the whole table, so importing N matches cost O(N²).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index automation_claims_match_idx on automation_claims (match_id) where match_id is not null',
  );
  await knex.raw(
    'create index automation_claims_tournament_idx on automation_claims (tournament_id) where tournament_id is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists automation_claims_tournament_idx');
  await knex.raw('drop index if exists automation_claims_match_idx');
}
