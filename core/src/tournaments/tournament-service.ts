import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import { conflict, notFound } from '../errors.js';
import { type PageOf, paginate } from '../http/pagination.js';
import { checkTimeZone } from '../time/time-zone.js';
import { type DomainDeps, requireRole } from './domain-deps.js';
import { TournamentArchived, TournamentCreated, TournamentUpdated } from './tournament-events.js';
import type { NewTournament, TournamentPatch, TournamentView } from './tournament-schemas.js';

interface TournamentRow {
  id: number;
  org_id: number;
  slug: string;
  name: string;
  description: string;
  time_zone: string | null;
  org_time_zone: string;
  crew_needs: TournamentView['crewNeeds'];
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const view = (r: TournamentRow): TournamentView => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  timezone: r.time_zone ?? r.org_time_zone,
  crewNeeds: r.crew_needs,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Tournaments: created and changed by org admins; archived, never deleted. */
export function createTournamentService({ db, clock, bus, audit }: DomainDeps) {
  const base = (executor: Knex | Knex.Transaction, orgId: number) =>
    executor('tournaments as t')
      .join('organizations as o', 'o.id', 't.org_id')
      .where('t.org_id', orgId)
      .select('t.*', 'o.time_zone as org_time_zone');

  const service = {
    /** One tournament of an org, or 404. */
    async get(orgId: number, id: number, trx?: Knex.Transaction): Promise<TournamentView> {
      const row = (await base(trx ?? db, orgId)
        .where('t.id', id)
        .first()) as TournamentRow | undefined;
      if (!row) throw notFound('RD_TOURNAMENT_NOT_FOUND', `No tournament ${id}`);
      return view(row);
    },

    /** Tournaments of an org by name; archived ones only when asked. */
    async list(
      orgId: number,
      query: { limit?: number; cursor?: string; archived?: boolean },
    ): Promise<PageOf<TournamentView>> {
      const q = base(db, orgId);
      if (!query.archived) q.whereNull('t.archived_at');
      const page = await paginate<TournamentRow>(q, query, { columns: ['t.slug'], direction: 'asc' });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },

    async create(orgId: number, spec: NewTournament, actor: Actor): Promise<TournamentView> {
      await requireRole(db, actor, orgId, 'admin');
      checkTimeZone(spec.timezone);
      return db.transaction(async (trx) => {
        const now = clock.now();
        const [row] = await trx('tournaments')
          .insert({
            org_id: orgId,
            slug: spec.slug,
            name: spec.name,
            description: spec.description ?? '',
            time_zone: spec.timezone ?? null,
            ...(spec.crewNeeds ? { crew_needs: JSON.stringify(spec.crewNeeds) } : {}),
            created_at: now,
            updated_at: now,
          })
          .onConflict(['org_id', 'slug'])
          .ignore()
          .returning('id');
        if (!row)
          throw conflict('RD_TOURNAMENT_SLUG_TAKEN', `This org has a tournament "${spec.slug}" already`);
        const created = await service.get(orgId, row.id, trx);
        const ref = { id: created.id, slug: created.slug, name: created.name };
        await audit.record(
          {
            actor,
            orgId,
            action: 'tournament.created',
            target: { type: 'tournament', id: ref.id },
            details: ref,
          },
          trx,
        );
        await bus.emit(TournamentCreated, { tournament: ref }, { actor, orgId }, trx);
        return created;
      });
    },

    /** Changes fields; `archived: true` archives (core.tournament.archived), `false` restores (an update). */
    async update(orgId: number, id: number, patch: TournamentPatch, actor: Actor): Promise<TournamentView> {
      await requireRole(db, actor, orgId, 'admin');
      checkTimeZone(patch.timezone);
      return db.transaction(async (trx) => {
        const before = await service.get(orgId, id, trx);
        const now = clock.now();
        const archive = patch.archived === undefined ? undefined : patch.archived;
        await trx('tournaments')
          .where({ id })
          .update({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.timezone !== undefined ? { time_zone: patch.timezone } : {}),
            ...(patch.crewNeeds ? { crew_needs: JSON.stringify(patch.crewNeeds) } : {}),
            ...(archive === true && !before.archivedAt ? { archived_at: now } : {}),
            ...(archive === false ? { archived_at: null } : {}),
            updated_at: now,
          });
        const after = await service.get(orgId, id, trx);
        const ref = { id, slug: after.slug, name: after.name };
        const restored = archive === false && before.archivedAt !== null;
        const changed = Object.keys(patch).filter((k) => k !== 'archived' || restored);
        await audit.record(
          { actor, orgId, action: 'tournament.updated', target: { type: 'tournament', id }, details: patch },
          trx,
        );
        if (changed.length)
          await bus.emit(TournamentUpdated, { tournament: ref, changed }, { actor, orgId }, trx);
        if (archive && !before.archivedAt)
          await bus.emit(TournamentArchived, { tournament: ref }, { actor, orgId }, trx);
        return after;
      });
    },
  };
  return service;
}

/** The tournament service. */
export type TournamentService = ReturnType<typeof createTournamentService>;
