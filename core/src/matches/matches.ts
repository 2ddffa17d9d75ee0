import type { DomainDeps } from '../tournaments/domain-deps.js';
import { type Automation, createAutomation } from './automation.js';
import { createMatchList } from './match-list.js';
import { createMatchProgress } from './match-progress.js';
import { createMatchService } from './match-service.js';
import { createMatchSources } from './match-sources.js';

/**
 * The matches service for routes and plugins: `get`, `list`, `create`, `update`, `reschedule`,
 * `cancel`, `setState`, `recordResults`, imports (`sources.find/upsert`) and the automation hook.
 * Plugins act as `systemActor('<plugin id>')`, which also makes them the owner of what they claimed.
 */
export function createMatches(deps: DomainDeps) {
  const automation: Automation = createAutomation(deps.db, deps.clock);
  const core = createMatchService(deps, automation);
  return {
    ...core,
    ...createMatchProgress(deps, automation, core),
    list: createMatchList(deps.db, deps.clock),
    sources: createMatchSources(deps, automation, core),
    automation,
  };
}

/** The matches service (`ctx.domain.matches` for plugins). */
export type MatchService = ReturnType<typeof createMatches>;
