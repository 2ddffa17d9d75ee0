import type { Knex } from 'knex';

// Notifications look up an org's organizers (owner, admin, moderator) for every crew sign-up and
// import alert; by the primary key that read every member of the org (20,000 after a big import).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index org_members_org_role_idx on org_members (org_id, role)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists org_members_org_role_idx');
}
