import { PluginDependencyError } from '../errors.js';
import type { PluginDefinition } from './contract.js';

/**
 * Orders plugins so each comes after everything it depends on. A missing dependency or a cycle
 * stops the boot and names the chain (`a -> b -> a`).
 */
export function sortByDependencies<P extends Pick<PluginDefinition, 'id' | 'dependsOn'>>(
  plugins: readonly P[],
): P[] {
  const byId = new Map(plugins.map((p) => [p.id, p]));
  const ordered: P[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (plugin: P, chain: string[]) => {
    const mark = state.get(plugin.id);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(plugin.id)), plugin.id];
      throw new PluginDependencyError(`Plugin dependency cycle: ${cycle.join(' -> ')}`);
    }
    state.set(plugin.id, 'visiting');
    for (const dep of plugin.dependsOn ?? []) {
      const target = byId.get(dep);
      if (!target) {
        throw new PluginDependencyError(
          `Plugin "${plugin.id}" depends on "${dep}", which is not loaded (${[...chain, plugin.id, dep].join(' -> ')})`,
        );
      }
      visit(target, [...chain, plugin.id]);
    }
    state.set(plugin.id, 'done');
    ordered.push(plugin);
  };

  for (const plugin of [...plugins].sort((a, b) => a.id.localeCompare(b.id))) visit(plugin, []);
  return ordered;
}
