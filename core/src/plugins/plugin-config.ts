import { Value } from 'typebox/value';
import { describeErrors } from '../config/load.js';
import { ConfigError } from '../errors.js';
import type { PluginDefinition } from './contract.js';

/**
 * Validates every plugin's section of `plugins.<id>` with its schema and defaults. All problems of
 * all plugins are reported together, each with its full path.
 */
export function resolvePluginConfigs(
  plugins: readonly PluginDefinition[],
  sections: Record<string, unknown>,
): Map<string, unknown> {
  const resolved = new Map<string, unknown>();
  const problems: string[] = [];
  for (const plugin of plugins) {
    const raw = sections[plugin.id] ?? {};
    if (!plugin.config) {
      resolved.set(plugin.id, raw);
      continue;
    }
    const value = Value.Convert(plugin.config, Value.Default(plugin.config, structuredClone(raw)));
    problems.push(...describeErrors(plugin.config, value, `/plugins/${plugin.id}`));
    resolved.set(plugin.id, value);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return resolved;
}
