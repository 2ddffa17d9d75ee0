import type { Knex } from 'knex';

const CREW_ROLES = ['commentator', 'tracker', 'restreamer'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tournaments', (t) => {
    t.comment('Tournaments of an organization; plugins keep their settings in their own tables keyed by id');
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('slug').notNullable().comment('URL name, unique within the org');
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('time_zone').nullable().comment('IANA zone for display; null: the zone of the org');
    t.jsonb('crew_needs')
      .notNullable()
      .defaultTo('{"commentator":2,"tracker":1,"restreamer":1}')
      .comment('Approved crew wanted per match, by role');
    t.timestamp('archived_at', { useTz: true }).nullable().comment('Archived instead of deleted');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['org_id', 'slug']);
  });

  await knex.schema.createTable('stream_channels', (t) => {
    t.comment('Where matches are streamed (per org)');
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('url').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['org_id', 'name']);
  });

  await knex.schema.createTable('matches', (t) => {
    t.comment(
      'Scheduled races; the state is derived from the timestamps (see core/src/matches/match-state.ts)',
    );
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('tournament_id').notNullable().references('tournaments.id');
    t.text('title').nullable();
    t.text('round').nullable().comment('Free text, e.g. "Quarterfinal" or "Week 3"');
    t.bigInteger('stream_channel_id').nullable().references('stream_channels.id');
    t.timestamp('scheduled_at', { useTz: true }).notNullable();
    t.timestamp('checked_in_at', { useTz: true }).nullable();
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.timestamp('recorded_at', { useTz: true }).nullable().comment('Results recorded (confirmed)');
    t.timestamp('cancelled_at', { useTz: true }).nullable();
    t.text('cancel_reason').nullable();
    t.integer('sequence')
      .notNullable()
      .defaultTo(0)
      .comment('Bumped on every reschedule (iCalendar SEQUENCE)');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['org_id', 'scheduled_at', 'id']);
    t.index(['tournament_id', 'scheduled_at', 'id']);
  });

  await knex.schema.createTable('match_players', (t) => {
    t.comment('Players of a match in seat order, with their result');
    t.bigInteger('match_id').notNullable().references('matches.id').onDelete('CASCADE');
    t.bigInteger('user_id').notNullable().references('users.id');
    t.integer('seat').notNullable().comment('1-based order of the players');
    t.integer('finish_rank').nullable().comment('1 = winner; null when not ranked');
    t.bigInteger('finish_time_ms').nullable().comment('Finish time in milliseconds (API: ISO 8601 duration)');
    t.enu('status', ['done', 'dnf', 'dq']).nullable();
    t.primary(['match_id', 'user_id']);
    t.unique(['match_id', 'seat']);
    t.index(['user_id', 'match_id']);
  });

  await knex.schema.createTable('match_sources', (t) => {
    t.comment('Where an imported match comes from: one row per (org, source plugin, external id)');
    t.bigInteger('match_id').primary().references('matches.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('source').notNullable().comment('Id of the importing plugin, e.g. speedgaming');
    t.text('external_id').notNullable().comment('The id of the match at the source, e.g. an episode id');
    t.unique(['org_id', 'source', 'external_id']);
  });

  await knex.schema.createTable('automation_claims', (t) => {
    t.comment(
      'A plugin owns some aspects of a match (or of all matches of a tournament): manual edits get 409',
    );
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('match_id').nullable().references('matches.id').onDelete('CASCADE');
    t.bigInteger('tournament_id').nullable().references('tournaments.id').onDelete('CASCADE');
    t.text('plugin_id').notNullable();
    t.specificType('aspects', 'text[]').notNullable().comment('Any of state, time, players, crew');
    t.text('reason').notNullable().comment('Shown in the 409, e.g. "the race room decides the state"');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'alter table automation_claims add constraint automation_claims_target check ((match_id is null) <> (tournament_id is null))',
  );
  await knex.raw(
    'create unique index automation_claims_one_idx on automation_claims (plugin_id, coalesce(match_id, 0), coalesce(tournament_id, 0))',
  );

  await knex.schema.createTable('match_crew', (t) => {
    t.comment('Crew sign-ups for a match; removed rows are kept with removed_at');
    t.bigIncrements('id');
    t.bigInteger('match_id').notNullable().references('matches.id').onDelete('CASCADE');
    t.bigInteger('user_id').notNullable().references('users.id');
    t.enu('role', CREW_ROLES).notNullable();
    t.boolean('approved').notNullable().defaultTo(false);
    t.bigInteger('approved_by').nullable().references('users.id');
    t.timestamp('approved_at', { useTz: true }).nullable();
    t.timestamp('removed_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'create unique index match_crew_active_idx on match_crew (match_id, user_id, role) where removed_at is null',
  );

  await knex.schema.createTable('calendar_feeds', (t) => {
    t.comment('Secret iCalendar feed URLs: one per tournament and one per player');
    t.bigIncrements('id');
    t.text('token_hash').notNullable().unique().comment('SHA-256 of the URL token');
    t.text('token_ciphertext')
      .notNullable()
      .comment('The token, encrypted, so its owner can see the URL again');
    t.bigInteger('tournament_id').nullable().references('tournaments.id').onDelete('CASCADE');
    t.bigInteger('user_id').nullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'create unique index calendar_feeds_owner_idx on calendar_feeds (coalesce(tournament_id, 0), coalesce(user_id, 0))',
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'calendar_feeds',
    'match_crew',
    'automation_claims',
    'match_sources',
    'match_players',
    'matches',
    'stream_channels',
    'tournaments',
  ]) {
    await knex.schema.dropTable(table);
  }
}
