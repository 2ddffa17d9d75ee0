import type { Knex } from 'knex';

const BOT_STATUSES = ['unknown', 'connected', 'auth_failed', 'connection_error', 'disconnected'];
const ROOM_STATUSES = [
  'pending',
  'skipped',
  'opening',
  'open',
  'in_progress',
  'finished',
  'cancelled',
  'failed',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('racetime_bots', (t) => {
    t.comment(
      'racetime.gg category bots (instance-wide, one per category); the client secret is in the secrets store',
    );
    t.bigIncrements('id');
    t.text('category').notNullable().unique().comment('racetime.gg category slug, e.g. alttpr');
    t.text('name').notNullable();
    t.text('client_id').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.enu('status', BOT_STATUSES).notNullable().defaultTo('unknown').comment('Last known connection state');
    t.text('status_message').nullable().comment('Last error, in words');
    t.timestamp('status_at', { useTz: true }).nullable().comment('When the status was last written');
    t.timestamp('last_connected_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('racetime_bot_orgs', (t) => {
    t.comment('Which organizations may use which bot');
    t.bigInteger('bot_id').notNullable().references('racetime_bots.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.timestamp('assigned_at', { useTz: true }).notNullable();
    t.primary(['bot_id', 'org_id']);
  });

  await knex.schema.createTable('racetime_tournament_settings', (t) => {
    t.comment('racetime settings of a tournament (room automation and the room profile)');
    t.bigInteger('tournament_id').primary().references('tournaments.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('bot_id').nullable().references('racetime_bots.id').onDelete('SET NULL');
    t.boolean('auto_create_rooms').notNullable().defaultTo(false);
    t.integer('open_minutes_before').notNullable().defaultTo(60).comment('30-120');
    t.boolean('require_linked_accounts').notNullable().defaultTo(false);
    t.text('default_goal').nullable();
    t.jsonb('room_profile')
      .notNullable()
      .defaultTo('{}')
      .comment('Every startrace field (see schemas/room-profile.ts)');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('racetime_match_settings', (t) => {
    t.comment('Per-match overrides of the tournament racetime settings (null: use the tournament)');
    t.bigInteger('match_id').primary().references('matches.id').onDelete('CASCADE');
    t.text('goal').nullable();
    t.boolean('invitational').nullable();
    t.boolean('auto_create').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('racetime_match_rooms', (t) => {
    t.comment('The race room of a match: one row per match, claimed before racetime is called');
    t.bigIncrements('id');
    t.bigInteger('match_id').notNullable().unique().references('matches.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('tournament_id').notNullable();
    t.bigInteger('bot_id').nullable().references('racetime_bots.id').onDelete('SET NULL');
    t.enu('status', ROOM_STATUSES).notNullable().defaultTo('pending');
    t.text('category').nullable();
    t.text('slug').nullable().unique().comment('{category}/{slug} once known');
    t.text('marker')
      .nullable()
      .unique()
      .comment('Written into info_bot; finds the room after an uncertain startrace');
    t.integer('attempt')
      .notNullable()
      .defaultTo(0)
      .comment('Rooms opened for this match (a cancelled race unlinks its room)');
    t.text('claimed_by').nullable().comment('Instance that is opening the room');
    t.timestamp('claimed_at', { useTz: true }).nullable();
    t.timestamp('open_at', { useTz: true }).nullable().comment('When the room is due to open');
    t.text('skip_reason').nullable().comment('Machine code of the failed check, shown to organizers');
    t.text('skip_detail').nullable().comment('The failed check in words');
    t.timestamp('skipped_at', { useTz: true }).nullable();
    t.jsonb('invited').notNullable().defaultTo('[]').comment('Players invited: [{userId, racetimeId}]');
    t.jsonb('not_invited')
      .notNullable()
      .defaultTo('[]')
      .comment('Players not invited and why: [{userId, reason}]');
    t.text('lease_holder').nullable().comment('Instance holding the room socket');
    t.timestamp('lease_expires_at', { useTz: true }).nullable();
    t.jsonb('last_race').nullable().comment('Last race.data seen, to diff against after a restart');
    t.timestamp('results_recorded_at', { useTz: true }).nullable();
    t.timestamp('opened_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status', 'open_at']);
    t.index(['lease_expires_at']);
  });

  await knex.schema.createTable('racetime_account_links', (t) => {
    t.comment('A user linked to a racetime.gg account (one to one); tokens encrypted');
    t.bigInteger('user_id').primary().references('users.id').onDelete('CASCADE');
    t.text('racetime_id').notNullable().unique();
    t.text('racetime_name').notNullable();
    t.text('access_token').notNullable().comment('Encrypted');
    t.text('refresh_token').nullable().comment('Encrypted');
    t.timestamp('token_expires_at', { useTz: true }).nullable();
    t.timestamp('linked_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('racetime_link_states', (t) => {
    t.comment('OAuth2 state values of account links under way (single use, 10 minutes)');
    t.text('state_hash').primary().comment('SHA-256 of the state');
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'racetime_link_states',
    'racetime_account_links',
    'racetime_match_rooms',
    'racetime_match_settings',
    'racetime_tournament_settings',
    'racetime_bot_orgs',
    'racetime_bots',
  ])
    await knex.schema.dropTable(table);
}
