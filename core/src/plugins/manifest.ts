import semver from 'semver';
import { PluginManifestError } from '../errors.js';
import type { PluginDefinition } from './contract.js';

/** The version of @racedesk/core that plugins' `core` ranges are checked against. */
export const CORE_VERSION = '0.1.0';

const ID = /^[a-z][a-z0-9-]{1,39}$/;
const RESERVED = new Set(['core', 'orgs', 'me', 'auth', 'plugins', 'docs', 'admin']);

/** Checks a plugin's declaration; every problem is reported at once. */
export function validateManifest(plugin: PluginDefinition): void {
  const where = `plugin "${String(plugin?.id)}"`;
  const problems: string[] = [];
  if (typeof plugin?.id !== 'string' || !ID.test(plugin.id)) {
    problems.push('id must be 2-40 lowercase letters, digits or dashes, starting with a letter');
  } else if (RESERVED.has(plugin.id)) {
    problems.push(`id "${plugin.id}" is reserved by the core`);
  }
  if (typeof plugin?.version !== 'string' || !semver.valid(plugin.version)) {
    problems.push('version must be a semver version');
  }
  if (typeof plugin?.core !== 'string' || !semver.validRange(plugin.core)) {
    problems.push('core must be a semver range');
  } else if (!semver.satisfies(CORE_VERSION, plugin.core, { includePrerelease: true })) {
    problems.push(`needs @racedesk/core ${plugin.core}, this is ${CORE_VERSION}`);
  }
  if (plugin?.dependsOn !== undefined && !Array.isArray(plugin.dependsOn)) {
    problems.push('dependsOn must be a list of plugin ids');
  }
  for (const event of plugin?.events ?? []) {
    if (!event.name.startsWith(`${plugin.id}.`)) {
      problems.push(`event "${event.name}" must be named "${plugin.id}.<entity>.<verb>"`);
    }
  }
  if (problems.length > 0) throw new PluginManifestError(`${where}: ${problems.join('; ')}`);
}
