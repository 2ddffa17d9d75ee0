import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('speedgaming_tournament_settings', (t) => {
    t.comment('SpeedGaming import settings of a core tournament, and when its next import is due');
    t.bigInteger('tournament_id').primary().references('tournaments.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.boolean('import_enabled')
      .notNullable()
      .defaultTo(false)
      .comment('While on, SpeedGaming owns time, players and crew of imported matches');
    t.specificType('event_slugs', 'text[]')
      .notNullable()
      .defaultTo('{}')
      .comment('SpeedGaming event slugs imported into this tournament');
    t.integer('window_before_s')
      .notNullable()
      .defaultTo(7200)
      .comment('Import window starts this long before now');
    t.integer('window_after_s')
      .notNullable()
      .defaultTo(604800)
      .comment('Import window ends this long after now');
    t.integer('interval_s').notNullable().defaultTo(300).comment('Seconds between imports (at least 60)');
    t.specificType('crew_roles', 'text[]')
      .notNullable()
      .defaultTo('{commentator,tracker}')
      .comment('Core crew roles imported');
    t.boolean('racetime_auto_rooms')
      .nullable()
      .comment('Imported matches get racetime rooms; null = the racetime settings decide');
    t.timestamp('next_run_at', { useTz: true })
      .nullable()
      .comment('When the recurring job imports next (backoff after failures)');
    t.integer('failures').notNullable().defaultTo(0).comment('Consecutive failed imports, for backoff');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['org_id']);
  });

  await knex.schema.createTable('speedgaming_episode_matches', (t) => {
    t.comment(
      'One core match per SpeedGaming episode and organization; the unique key makes concurrent imports create it once',
    );
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('tournament_id').notNullable().references('tournaments.id').onDelete('CASCADE');
    t.bigInteger('episode_id').notNullable().comment('SpeedGaming episode id');
    t.text('event_slug').notNullable();
    t.bigInteger('match_id')
      .nullable()
      .references('matches.id')
      .onDelete('CASCADE')
      .comment('Null only inside the creating transaction');
    t.text('snapshot_hash')
      .notNullable()
      .comment('Hash of the last imported snapshot: equal means nothing to write');
    t.jsonb('snapshot').notNullable().comment('The last imported EpisodeImport, diffed against the next one');
    t.timestamp('scheduled_at', { useTz: true }).notNullable().comment('Race start as last imported');
    t.specificType('user_ids', 'bigint[]')
      .notNullable()
      .defaultTo('{}')
      .comment('Users of the last import (players and crew): a merge of one forces a rewrite');
    t.timestamp('stale_since', { useTz: true })
      .nullable()
      .comment('Set when the match is 4 h past its time with no result');
    t.timestamp('gone_at', { useTz: true })
      .nullable()
      .comment('SpeedGaming confirmed the episode deleted; the match was cancelled');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['org_id', 'episode_id']);
    t.index(['tournament_id', 'scheduled_at']);
  });

  await knex.schema.createTable('speedgaming_people', (t) => {
    t.comment(
      'SpeedGaming person id -> Racedesk user, per organization (placeholders are found again by it)',
    );
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('sg_person_id').notNullable();
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('display_name').notNullable();
    t.text('discord_tag')
      .nullable()
      .comment('Discord username SpeedGaming has: a placeholder merges into the user who signs in with it');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['org_id', 'sg_person_id']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('speedgaming_syncs', (t) => {
    t.comment('One row per import run of a tournament: what it did and how long it took');
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('tournament_id').notNullable().references('tournaments.id').onDelete('CASCADE');
    t.text('trigger').notNullable().comment('job or manual');
    t.text('status').notNullable().comment('running, succeeded, partial, failed');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.integer('imported').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('cancelled').notNullable().defaultTo(0);
    t.integer('skipped').notNullable().defaultTo(0);
    t.integer('stale').notNullable().defaultTo(0);
    t.integer('errors').notNullable().defaultTo(0);
    t.integer('duration_ms').nullable();
    t.text('error')
      .nullable()
      .comment('Why the run failed as a whole (SpeedGaming unavailable, unknown event)');
    t.index(['org_id', 'id']);
  });

  await knex.schema.createTable('speedgaming_rejections', (t) => {
    t.comment('Episodes a sync could not import, with the reason (never dropped silently)');
    t.bigIncrements('id');
    t.bigInteger('sync_id').notNullable().references('speedgaming_syncs.id').onDelete('CASCADE');
    t.bigInteger('episode_id').nullable().comment('Null when even the id was unreadable');
    t.text('reason').notNullable();
    t.index(['sync_id']);
  });

  await knex.schema.createTable('speedgaming_event_polls', (t) => {
    t.comment(
      'Last schedule request per SpeedGaming event: at most one a minute per event, across instances',
    );
    t.text('event_slug').primary();
    t.timestamp('polled_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'speedgaming_event_polls',
    'speedgaming_rejections',
    'speedgaming_syncs',
    'speedgaming_people',
    'speedgaming_episode_matches',
    'speedgaming_tournament_settings',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
