import { PluginManifestError } from '../errors.js';
import type { PluginDefinition } from './contract.js';

/** The first-party plugins, loaded by default when their packages are installed. */
export const FIRST_PARTY_PLUGINS = [
  'racetime',
  'speedgaming',
  'discord-notify',
  'live-races',
  'async-tournaments',
];

const packageOf = (name: string) =>
  name.includes('/') || name.startsWith('racedesk-plugin-') ? name : `@racedesk/plugin-${name}`;

const isMissing = (err: unknown, pkg: string) =>
  (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(pkg);

/**
 * Loads plugin packages. Each exports `plugin` (a `definePlugin` result). With no selection, every
 * installed first-party plugin loads; a selected plugin that is not installed stops the boot.
 */
export async function loadInstalledPlugins(selection?: readonly string[]): Promise<PluginDefinition[]> {
  const names = selection ?? FIRST_PARTY_PLUGINS;
  const loaded: PluginDefinition[] = [];
  for (const name of names) {
    const pkg = packageOf(name);
    let mod: { plugin?: PluginDefinition };
    try {
      mod = (await import(pkg)) as { plugin?: PluginDefinition };
    } catch (err) {
      if (!selection && isMissing(err, pkg)) continue;
      if (isMissing(err, pkg))
        throw new PluginManifestError(`Plugin "${name}" is not installed (package ${pkg})`);
      throw err;
    }
    if (!mod.plugin) throw new PluginManifestError(`Package ${pkg} does not export a "plugin"`);
    loaded.push(mod.plugin);
  }
  return loaded;
}
