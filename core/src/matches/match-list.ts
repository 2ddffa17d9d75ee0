import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { badRequest } from '../errors.js';
import { type PageOf, paginate } from '../http/pagination.js';
import { parseInstant } from './iso-time.js';
import { type MatchRow, matchSelect, withPlayers } from './match-repository.js';
import type { MatchListFilter, MatchView } from './match-schemas.js';
import { stateCondition } from './match-state.js';

/** Lists an org's matches by scheduled time with the filters of `GET .../matches`, keyset-paged. */
export function createMatchList(db: Database, clock: Clock) {
  return async function list(orgId: number, filter: MatchListFilter): Promise<PageOf<MatchView>> {
    const q = matchSelect(db).where('m.org_id', orgId);
    if (filter.tournamentId) q.where('m.tournament_id', filter.tournamentId);
    if (filter.status) q.whereRaw(stateCondition(filter.status));
    if (filter.playerId) {
      q.whereExists(
        db('match_players as fp').whereRaw('fp.match_id = m.id').where('fp.user_id', filter.playerId),
      );
    }
    const from = filter.from ? parseInstant(filter.from, 'from') : undefined;
    const to = filter.to ? parseInstant(filter.to, 'to') : undefined;
    if (from && to && from >= to) throw badRequest('RD_TIME_WINDOW', 'from must be before to');
    if (from) q.where('m.scheduled_at', '>=', from);
    if (to) q.where('m.scheduled_at', '<', to);
    if (filter.upcoming) {
      q.where('m.scheduled_at', '>=', clock.now()).whereNull('m.cancelled_at').whereNull('m.finished_at');
    }
    const page = await paginate<MatchRow>(q, filter, {
      columns: ['m.scheduled_at', 'm.id'],
      direction: 'asc',
    });
    return { items: await withPlayers(db, page.items), nextCursor: page.nextCursor };
  };
}
