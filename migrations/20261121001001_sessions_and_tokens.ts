import type { Knex } from 'knex';

const ROLES = ['owner', 'admin', 'moderator', 'reviewer', 'member'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.comment('Server-side browser sessions; the cookie holds a random id whose hash is stored here');
    t.text('id_hash').primary().comment('SHA-256 of the cookie value');
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable().comment('Must be sent as x-csrf-token on cookie-authenticated writes');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable().comment('Drives the idle expiry');
    t.timestamp('expires_at', { useTz: true }).notNullable().comment('Absolute expiry');
    t.index(['user_id']);
  });

  await knex.schema.createTable('oauth_states', (t) => {
    t.comment('Pending Discord sign-ins: the state parameter, where to go after, and an optional setup code');
    t.text('state_hash').primary();
    t.text('return_to').notNullable();
    t.text('setup_code').nullable().comment('First-run setup code presented with this sign-in, encrypted');
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.comment(
      'API tokens (Authorization: Bearer rd_...), stored hashed; scoped to an org and a role ceiling',
    );
    t.bigIncrements('id');
    t.text('name').notNullable();
    t.text('token_hash').notNullable().unique().comment('SHA-256 hex of the token');
    t.text('prefix').notNullable().comment('First characters of the token, to recognise it in lists');
    t.bigInteger('user_id')
      .nullable()
      .references('users.id')
      .onDelete('CASCADE')
      .comment('Owner; null for CLI tokens');
    t.bigInteger('org_id').nullable().references('organizations.id').onDelete('CASCADE');
    t.enu('role_ceiling', ROLES).nullable().comment('Never more than the owner role in the org');
    t.boolean('superadmin')
      .notNullable()
      .defaultTo(false)
      .comment('Instance-wide token from `racedesk token create`');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true }).nullable();
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.index(['org_id', 'id']);
  });
  await knex.raw(
    'alter table api_tokens add constraint api_tokens_scope_check check (superadmin or (org_id is not null and role_ceiling is not null))',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('api_tokens');
  await knex.schema.dropTable('oauth_states');
  await knex.schema.dropTable('sessions');
}
