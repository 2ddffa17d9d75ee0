import { accessGuild } from './channel-access.js';
import type { DiscordState } from './emulator-state.js';
import {
  apiError,
  bodyObject,
  type Exchange,
  invalidForm,
  json,
  noContent,
  type Route,
} from './http-exchange.js';
import { userJson } from './json-shapes.js';
import type { EmulatedScheduledEvent } from './model.js';
import { Permission } from './permissions.js';
import { applyEventBody } from './scheduled-event-form.js';

const MANAGE = Permission.ManageEvents;

function eventJson(
  state: DiscordState,
  event: EmulatedScheduledEvent,
  ex: Exchange,
): Record<string, unknown> {
  const creator = state.store.users.get(event.creator_id);
  return {
    ...event,
    creator: creator ? userJson(creator) : null,
    ...(ex.query.get('with_user_count') === 'true' ? { user_count: 0 } : {}),
  };
}

/** Guild scheduled events: list, create, get, modify, delete. */
export const SCHEDULED_EVENT_ROUTES: Route<DiscordState>[] = [
  {
    method: 'GET',
    path: '/guilds/:guild_id/scheduled-events',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      const events = [...state.store.guildEvents(found.value.id).values()];
      return json(
        200,
        events.map((e) => eventJson(state, e, ex)),
      );
    },
  },
  {
    method: 'POST',
    path: '/guilds/:guild_id/scheduled-events',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex, 0n, MANAGE | Permission.CreateEvents);
      if (!found.ok) return found.reply;
      const { fields, errors } = applyEventBody(bodyObject(ex), state.clock.now());
      if (!errors.empty) return invalidForm(errors);
      const event: EmulatedScheduledEvent = {
        id: state.store.ids.next(),
        guild_id: found.value.id,
        channel_id: null,
        creator_id: ex.caller.kind === 'none' ? '' : ex.caller.user.id,
        name: '',
        description: null,
        scheduled_start_time: '',
        scheduled_end_time: null,
        privacy_level: 2,
        status: 1,
        entity_type: 3,
        entity_id: null,
        entity_metadata: null,
        image: null,
        recurrence_rule: null,
        ...fields,
      };
      state.store.guildEvents(found.value.id).set(event.id, event);
      const payload = eventJson(state, event, ex);
      state.dispatch('GUILD_SCHEDULED_EVENT_CREATE', payload, found.value.id);
      return json(200, payload);
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild_id/scheduled-events/:event_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      const event = state.store.guildEvents(found.value.id).get(ex.params.event_id ?? '');
      return event ? json(200, eventJson(state, event, ex)) : apiError(10070);
    },
  },
  {
    method: 'PATCH',
    path: '/guilds/:guild_id/scheduled-events/:event_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex, MANAGE);
      if (!found.ok) return found.reply;
      const event = state.store.guildEvents(found.value.id).get(ex.params.event_id ?? '');
      if (!event) return apiError(10070);
      const { fields, errors } = applyEventBody(bodyObject(ex), state.clock.now(), event);
      if (!errors.empty) return invalidForm(errors);
      Object.assign(event, fields);
      const payload = eventJson(state, event, ex);
      state.dispatch('GUILD_SCHEDULED_EVENT_UPDATE', payload, found.value.id);
      return json(200, payload);
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/:guild_id/scheduled-events/:event_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex, MANAGE);
      if (!found.ok) return found.reply;
      const events = state.store.guildEvents(found.value.id);
      const event = events.get(ex.params.event_id ?? '');
      if (!event) return apiError(10070);
      events.delete(event.id);
      state.dispatch('GUILD_SCHEDULED_EVENT_DELETE', event, found.value.id);
      return noContent();
    },
  },
];
