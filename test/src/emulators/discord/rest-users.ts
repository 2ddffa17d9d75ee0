import { FormErrors } from './discord-errors.js';
import type { DiscordState } from './emulator-state.js';
import { apiError, bodyObject, invalidForm, json, type Route, unauthorized } from './http-exchange.js';
import { channelJson, memberJson, userJson } from './json-shapes.js';

/** User routes: `@me` for bots and OAuth2 users, other users, the caller's guilds, DM channels. */
export const USER_ROUTES: Route<DiscordState>[] = [
  {
    method: 'GET',
    path: '/users/@me',
    auth: 'any',
    scope: 'identify',
    handle: (_state, ex) => {
      if (ex.caller.kind === 'none') return unauthorized();
      const withEmail = ex.caller.kind === 'bot' || ex.caller.grant.scopes.includes('email');
      const user = userJson(ex.caller.user, withEmail);
      return json(200, { ...user, mfa_enabled: false, locale: 'en-US', premium_type: 0 });
    },
  },
  {
    method: 'GET',
    path: '/users/@me/guilds',
    auth: 'any',
    scope: 'guilds',
    handle: (state, ex) => {
      if (ex.caller.kind === 'none') return unauthorized();
      const userId = ex.caller.user.id;
      const guilds = [...state.store.guilds.values()]
        .filter((g) => g.members.has(userId))
        .map((g) => ({
          id: g.id,
          name: g.name,
          icon: g.icon,
          banner: null,
          owner: g.ownerId === userId,
          permissions: state.store.guildPermissions(g.id, userId).toString(),
          features: [],
          ...(ex.query.get('with_counts') === 'true'
            ? { approximate_member_count: g.members.size, approximate_presence_count: 0 }
            : {}),
        }));
      return json(200, guilds);
    },
  },
  {
    method: 'GET',
    path: '/users/@me/guilds/:guild_id/member',
    auth: 'bearer',
    scope: 'guilds.members.read',
    handle: (state, ex) => {
      const member = state.store.guilds
        .get(ex.params.guild_id ?? '')
        ?.members.get(ex.caller.kind === 'none' ? '' : ex.caller.user.id);
      return member ? json(200, memberJson(state.store, member)) : apiError(10004);
    },
  },
  {
    method: 'POST',
    path: '/users/@me/channels',
    auth: 'bot',
    handle: (state, ex) => {
      const recipientId = bodyObject(ex).recipient_id;
      if (typeof recipientId !== 'string' || recipientId === '') {
        const errors = new FormErrors();
        errors.add('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
        return invalidForm(errors);
      }
      const recipient = state.store.users.get(recipientId);
      if (!recipient) return apiError(10013);
      if (ex.caller.kind !== 'bot') return unauthorized();
      if (recipient.id === ex.caller.user.id) return apiError(50033);
      return json(200, channelJson(state.store, state.store.openDm(ex.caller.user.id, recipient.id)));
    },
  },
  {
    method: 'GET',
    path: '/users/:user_id',
    auth: 'bot',
    handle: (state, ex) => {
      const user = state.store.users.get(ex.params.user_id ?? '');
      return user ? json(200, userJson(user)) : apiError(10013);
    },
  },
];
