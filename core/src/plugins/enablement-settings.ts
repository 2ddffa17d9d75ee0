import { Value } from 'typebox/value';
import { unprocessable } from '../errors.js';
import type { PluginDefinition } from './contract.js';

/**
 * Validates an org's settings for a plugin against the plugin's `settings` schema, with its
 * defaults applied; a bad value is a 422 naming each field (`settings/<path>`).
 */
export function validatePluginSettings(plugin: PluginDefinition, input: unknown): Record<string, unknown> {
  const schema = plugin.settings;
  if (!schema) {
    if (input && typeof input === 'object' && Object.keys(input).length > 0) {
      throw unprocessable('RD_PLUGIN_SETTINGS', `The ${plugin.id} plugin takes no settings`, [
        { field: 'settings', message: 'must be empty' },
      ]);
    }
    return {};
  }
  const value = Value.Default(schema, structuredClone(input ?? {}));
  const issues = [...Value.Errors(schema, value)].map((e) => ({
    field: `settings${e.instancePath}`,
    message: e.message,
  }));
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.field} ${i.message}`).join('; ');
    throw unprocessable('RD_PLUGIN_SETTINGS', `Invalid settings for ${plugin.id}: ${summary}`, issues);
  }
  return value as Record<string, unknown>;
}
