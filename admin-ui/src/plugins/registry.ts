import type { OrgPlugin } from '../api/types';
import type { AdminPlugin } from './contract';

// Every `src/plugins/<id>/index.tsx` exporting `admin` joins the panel; adding one touches no other file.
const modules = import.meta.glob<{ admin: AdminPlugin }>('./*/index.tsx', { eager: true });

/** The plugin contributions built into this panel, by plugin id. */
export const adminPlugins: ReadonlyMap<string, AdminPlugin> = new Map(
  Object.values(modules).map((m) => [m.admin.id, m.admin]),
);

/** Contributions of the plugins the org has on, in the server's order. */
export function enabledAdminPlugins(
  states: readonly OrgPlugin[],
): { plugin: AdminPlugin; state: OrgPlugin }[] {
  return states.flatMap((state) => {
    const plugin = adminPlugins.get(state.id);
    return state.enabled && plugin ? [{ plugin, state }] : [];
  });
}
