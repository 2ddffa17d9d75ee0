import { isDeepStrictEqual } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { conflict, notFound, RacedeskError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { OrgRef } from '../orgs/org-repository.js';
import { PluginDisabled, PluginEnabled } from './enablement-events.js';
import { validatePluginSettings } from './enablement-settings.js';
import type { LoadedPlugin } from './runtime.js';

/** A plugin's state in one organization. */
export interface PluginState {
  id: string;
  version: string;
  description: string | null;
  enabled: boolean;
  settings: Record<string, unknown>;
  permissions: Record<string, string>;
}

// Every subscriber asks, for every event it is handed, whether its plugin is on for the event's org: a
// burst of a thousand events must not cost a thousand queries. An answer is kept this long (real time,
// so a test clock cannot freeze it); a change made through this instance drops every answer at once,
// one made by another instance shows there within this delay.
const ANSWER_TTL_MS = 250;

interface EnablementRow {
  plugin_id: string;
  enabled: boolean;
  settings: Record<string, unknown>;
}

/**
 * Per-organization plugin enablement: every plugin is off for an org until an admin turns it on
 * with settings its schema accepts; turning it on or off runs the plugin's hooks in the same transaction.
 */
export function createEnablementService(
  db: Database,
  clock: Clock,
  bus: EventBus,
  audit: AuditLog,
  plugins: () => readonly LoadedPlugin[],
  logger: FastifyBaseLogger,
) {
  const find = (pluginId: string) => {
    const plugin = plugins().find((p) => p.definition.id === pluginId);
    if (!plugin) throw notFound('RD_PLUGIN_NOT_FOUND', `No plugin "${pluginId}" is installed`);
    return plugin;
  };
  // A failing hook undoes the change (the transaction rolls back) and is reported as a conflict.
  const runHook = async (pluginId: string, turning: 'on' | 'off', hook: () => unknown) => {
    try {
      await hook();
    } catch (err) {
      if (err instanceof RacedeskError) throw err;
      logger.error({ err, plugin: pluginId }, `plugin hook failed while turning it ${turning}`);
      throw conflict(
        'RD_PLUGIN_HOOK_FAILED',
        `The ${pluginId} plugin could not be turned ${turning}; nothing was changed`,
      );
    }
  };
  // Concurrent askers share one query; a failed one is not kept.
  const answers = new Map<string, { enabled: Promise<boolean>; at: number }>();
  const lookUp = (pluginId: string, orgId: number) =>
    db('plugin_enablement')
      .where({ org_id: orgId, plugin_id: pluginId })
      .first('enabled')
      .then((row) => row?.enabled === true);
  const state = (p: LoadedPlugin, row?: EnablementRow): PluginState => ({
    id: p.definition.id,
    version: p.definition.version,
    description: p.definition.description ?? null,
    enabled: row?.enabled ?? false,
    settings: row?.settings ?? {},
    permissions: { ...p.definition.permissions },
  });

  return {
    isEnabled(pluginId: string, orgId: number): Promise<boolean> {
      const key = `${pluginId}\u0000${orgId}`;
      const now = performance.now();
      const kept = answers.get(key);
      if (kept && now - kept.at < ANSWER_TTL_MS) return kept.enabled;
      const enabled = lookUp(pluginId, orgId);
      const answer = { enabled, at: now };
      answers.set(key, answer);
      enabled.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
      return enabled;
    },
    /** The org's settings for the plugin, or undefined while the plugin is off there. */
    async settingsFor(pluginId: string, orgId: number): Promise<Record<string, unknown> | undefined> {
      const row = await db('plugin_enablement')
        .where({ org_id: orgId, plugin_id: pluginId, enabled: true })
        .first('settings');
      return row?.settings;
    },
    async enabledOrgs(pluginId: string): Promise<number[]> {
      const rows = await db('plugin_enablement')
        .where({ plugin_id: pluginId, enabled: true })
        .orderBy('org_id');
      return rows.map((r) => r.org_id as number);
    },
    /** Every loaded plugin with its state in the org. */
    async list(orgId: number): Promise<PluginState[]> {
      const rows = (await db('plugin_enablement').where({ org_id: orgId })) as EnablementRow[];
      return plugins().map((p) =>
        state(
          p,
          rows.find((r) => r.plugin_id === p.definition.id),
        ),
      );
    },
    /** Turns a plugin on or off for an org and/or changes its settings. */
    async set(
      org: OrgRef,
      pluginId: string,
      change: { enabled: boolean; settings?: Record<string, unknown> },
      actor: Actor,
    ): Promise<PluginState> {
      const plugin = find(pluginId);
      const changed = await db.transaction(async (trx) => {
        const before = (await trx('plugin_enablement')
          .where({ org_id: org.id, plugin_id: pluginId })
          .forUpdate()
          .first()) as EnablementRow | undefined;
        const settings = validatePluginSettings(plugin.definition, change.settings ?? before?.settings ?? {});
        const row = {
          org_id: org.id,
          plugin_id: pluginId,
          enabled: change.enabled,
          settings: JSON.stringify(settings),
        };
        await trx('plugin_enablement')
          .insert({
            ...row,
            updated_at: clock.now(),
            updated_by: actor.kind === 'user' ? actor.userId : null,
          })
          .onConflict(['org_id', 'plugin_id'])
          .merge();
        const wasEnabled = before?.enabled ?? false;
        const meta = { actor, orgId: org.id };
        const target = { type: 'plugin', id: pluginId };
        if (change.enabled && !wasEnabled) {
          await audit.record({ ...meta, action: 'plugin.enabled', target, details: { settings } }, trx);
          await bus.emit(PluginEnabled, { pluginId }, meta, trx);
          await runHook(pluginId, 'on', () =>
            plugin.definition.onEnable?.({ ...org, settings }, plugin.context, trx),
          );
        } else if (!change.enabled && wasEnabled) {
          await audit.record({ ...meta, action: 'plugin.disabled', target }, trx);
          await bus.emit(PluginDisabled, { pluginId }, meta, trx);
          await runHook(pluginId, 'off', () =>
            plugin.definition.onDisable?.({ ...org, settings }, plugin.context, trx),
          );
        } else if (!isDeepStrictEqual(settings, before?.settings ?? {})) {
          await audit.record(
            { ...meta, action: 'plugin.settings_changed', target, details: { settings } },
            trx,
          );
        }
        return state(plugin, { plugin_id: pluginId, enabled: change.enabled, settings });
      });
      answers.clear();
      return changed;
    },
  };
}

/** The enablement service. */
export type EnablementService = ReturnType<typeof createEnablementService>;
