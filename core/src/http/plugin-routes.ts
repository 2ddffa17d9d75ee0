import type { RacedeskApp } from '../plugins/contract.js';
import type { LoadedPlugin } from '../plugins/runtime.js';

/**
 * Mounts each plugin's routes in its own encapsulated scope: organization routes under
 * `/api/v1/orgs/:org/<id>`, instance routes under `/api/v1/<id>`, the caller's own under `/api/v1/me/<id>`.
 * Decorators a plugin adds stay in its scope; every one of these goes through the one guard.
 */
export async function mountPluginRoutes(app: RacedeskApp, plugins: readonly LoadedPlugin[]): Promise<void> {
  for (const { definition, context } of plugins) {
    const { org, instance, me } = definition.routes ?? {};
    if (org) {
      await app.register(async (scope) => org(scope as RacedeskApp, context), {
        prefix: `/api/v1/orgs/:org/${definition.id}`,
      });
    }
    if (instance) {
      await app.register(async (scope) => instance(scope as RacedeskApp, context), {
        prefix: `/api/v1/${definition.id}`,
      });
    }
    if (me) {
      await app.register(async (scope) => me(scope as RacedeskApp, context), {
        prefix: `/api/v1/me/${definition.id}`,
      });
    }
  }
}
