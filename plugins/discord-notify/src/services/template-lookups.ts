import type { TemplateLookups } from '../templates/registry.js';
import type { DiscordNotifyContext } from './runtime.js';

/** Names templates show, read from the core. */
export function templateLookups(ctx: DiscordNotifyContext): TemplateLookups {
  return {
    async tournamentName(orgId, tournamentId) {
      try {
        return (await ctx.domain.tournaments.get(orgId, tournamentId)).name;
      } catch {
        return '';
      }
    },
    async userNames(userIds) {
      return Promise.all(userIds.map(async (id) => (await ctx.users.byId(id))?.displayName ?? `user ${id}`));
    },
  };
}
