import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('discord_notify_bot', (t) => {
    t.comment('The instance bot (one row, id 1); the token is in the secrets table, never here');
    t.integer('id').primary();
    t.text('application_id').notNullable().comment('Discord application id, used in the bot-install URL');
    t.text('status').notNullable().comment('connected | invalid_token | disconnected | connecting');
    t.text('status_message').nullable();
    t.timestamp('status_at', { useTz: true }).notNullable();
    t.text('bot_user_id').nullable().comment("The bot's Discord user id, once known");
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('discord_notify_guild_links', (t) => {
    t.comment('A Discord guild linked to an organization; a guild belongs to one organization');
    t.text('guild_id').primary().comment('Discord guild id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('guild_name').notNullable();
    t.bigInteger('linked_by').nullable().references('users.id').onDelete('SET NULL');
    t.timestamp('linked_at', { useTz: true }).notNullable();
    t.index(['org_id']);
  });

  await knex.schema.createTable('discord_notify_channels', (t) => {
    t.comment('Which Discord channel gets each kind of post, per organization or per tournament');
    t.bigIncrements('id');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('tournament_id')
      .nullable()
      .references('tournaments.id')
      .onDelete('CASCADE')
      .comment('Null: the org default');
    t.text('kind')
      .notNullable()
      .comment(
        'room_opened | match_scheduled | match_rescheduled | match_cancelled | results | organizer_alerts',
      );
    t.text('guild_id').notNullable().references('discord_notify_guild_links.guild_id').onDelete('CASCADE');
    t.text('channel_id').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'create unique index discord_notify_channels_scope on discord_notify_channels (org_id, coalesce(tournament_id, 0), kind)',
  );

  await knex.schema.createTable('discord_notify_tournament_settings', (t) => {
    t.comment('Discord scheduled events per tournament');
    t.bigInteger('tournament_id').primary().references('tournaments.id').onDelete('CASCADE');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('scheduled_events').notNullable().defaultTo('none').comment('all | streamed | none');
    t.text('guild_id').nullable().references('discord_notify_guild_links.guild_id').onDelete('SET NULL');
    t.integer('event_duration_minutes').notNullable().defaultTo(120);
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('discord_notify_scheduled_events', (t) => {
    t.comment('The guild scheduled event Racedesk keeps for a match');
    t.bigInteger('match_id').primary().references('matches.id').onDelete('CASCADE');
    t.text('guild_id').notNullable();
    t.text('event_id').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('discord_notify_dm_channels', (t) => {
    t.comment('DM channel id per Discord user, so a DM costs one request instead of two');
    t.text('discord_user_id').primary();
    t.text('channel_id').notNullable();
  });

  await knex.schema.createTable('discord_notify_sent', (t) => {
    t.comment('Messages Discord accepted, by delivery idempotency key: a re-run never posts twice');
    t.text('idempotency_key').primary();
    t.text('channel_id').notNullable();
    t.text('message_id').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('discord_notify_posts', (t) => {
    t.comment('Target of a channel-post delivery (the core delivery row has no Discord channel column)');
    t.text('idempotency_key').primary().comment('notification_deliveries.idempotency_key');
    t.text('kind').notNullable();
    t.text('channel_id').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'discord_notify_posts',
    'discord_notify_sent',
    'discord_notify_dm_channels',
    'discord_notify_scheduled_events',
    'discord_notify_tournament_settings',
    'discord_notify_channels',
    'discord_notify_guild_links',
    'discord_notify_bot',
  ])
    await knex.schema.dropTable(table);
}
