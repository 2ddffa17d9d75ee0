import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.comment('Who did what, newest first; written in the transaction of the change');
    t.bigIncrements('id');
    t.bigInteger('org_id').nullable().references('organizations.id').onDelete('CASCADE');
    t.jsonb('actor').notNullable().comment('{kind: user|system|anonymous, ...}');
    t.bigInteger('user_id')
      .nullable()
      .comment('The acting user, when there is one (kept after the user is gone)');
    t.text('action').notNullable().comment('<area>.<verb>, e.g. member.role_changed, racetime.room.created');
    t.text('target_type').nullable();
    t.text('target_id').nullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('ip').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['org_id', 'id']);
    t.index(['user_id', 'id']);
  });

  await knex.schema.createTable('secrets', (t) => {
    t.comment(
      'Third-party credentials encrypted with RACEDESK_SECRET_KEY (AES-256-GCM); never returned by the API',
    );
    t.bigIncrements('id');
    t.text('owner').notNullable().comment('core or a plugin id');
    t.bigInteger('org_id').nullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('ciphertext').notNullable().comment('v1:<key id>:<iv>:<tag>:<data>, base64url parts');
    t.text('key_id').notNullable().comment('Which key encrypted it, for rotation');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw('create unique index secrets_owner_name_idx on secrets (owner, coalesce(org_id, 0), name)');

  await knex.schema.createTable('plugin_enablement', (t) => {
    t.comment('Which plugins an organization has turned on, with its validated settings for each');
    t.bigInteger('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('plugin_id').notNullable();
    t.boolean('enabled').notNullable();
    t.jsonb('settings').notNullable().defaultTo('{}').comment("Validated by the plugin's settings schema");
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.bigInteger('updated_by').nullable().comment('User who last changed it');
    t.primary(['org_id', 'plugin_id']);
    t.index(['plugin_id', 'enabled']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plugin_enablement');
  await knex.schema.dropTable('secrets');
  await knex.schema.dropTable('audit_log');
}
