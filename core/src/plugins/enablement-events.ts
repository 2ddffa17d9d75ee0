import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';

const PluginRef = Type.Object({ pluginId: Type.String() });

/** An organization turned a plugin on (the event's orgId says which). */
export const PluginEnabled = defineEvent(
  'core.plugin.enabled',
  PluginRef,
  'An organization turned a plugin on',
);
/** An organization turned a plugin off. */
export const PluginDisabled = defineEvent(
  'core.plugin.disabled',
  PluginRef,
  'An organization turned a plugin off',
);
