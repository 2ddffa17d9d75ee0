import type { Knex } from 'knex';

const ROLES = ['owner', 'admin', 'moderator', 'reviewer', 'member'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.comment(
      'People: signed in with Discord, or placeholders from imports that merge into real users later',
    );
    t.bigIncrements('id');
    t.text('discord_id').nullable().unique().comment('Discord snowflake; null only for placeholders');
    t.text('discord_username').nullable();
    t.text('discord_avatar').nullable().comment('Avatar hash as Discord returns it');
    t.text('display_name').nullable().comment('Shown name; falls back to discord_username');
    t.text('time_zone').notNullable().defaultTo('UTC').comment('IANA zone for display and parsing input');
    t.boolean('is_placeholder')
      .notNullable()
      .defaultTo(false)
      .comment('Created by an import, never signed in');
    t.boolean('is_superadmin')
      .notNullable()
      .defaultTo(false)
      .comment('Instance superadmin: owner-level in every org');
    t.bigInteger('merged_into_id')
      .nullable()
      .references('users.id')
      .comment('Placeholder merged into this user');
    t.timestamp('last_sign_in_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'alter table users add constraint users_identity_check check (discord_id is not null or is_placeholder)',
  );

  await knex.schema.createTable('organizations', (t) => {
    t.comment('Tenants: every tournament, match and plugin setting belongs to one organization');
    t.bigIncrements('id');
    t.text('slug').notNullable().unique().comment('URL name, used as :org in routes');
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('time_zone').notNullable().defaultTo('UTC').comment('IANA zone for display and parsing input');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('org_members', (t) => {
    t.comment('Membership of a user in an organization, with one role');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.enu('role', ROLES).notNullable().comment('owner > admin > moderator > reviewer > member');
    t.timestamp('joined_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['org_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('org_members');
  await knex.schema.dropTable('organizations');
  await knex.schema.dropTable('users');
}
