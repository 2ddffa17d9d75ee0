import { api } from '@racedesk/testkit';
import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';
import { discordOrg, discordPerson, installBot, linkedOrg } from '../helpers/linked-org.js';

const stateOf = (url: string) => new URL(url).searchParams.get('state') ?? '';

t.test(
  'an org admin installs the bot with a signed state; the guild is linked, listed and unlinked',
  async (t) => {
    const env = await discordTestApp(t);
    const org = await linkedOrg(env);
    const guilds = await api<Array<{ guildId: string; guildName: string; linkedBy: number }>>(
      env.app,
      org.admin,
      'GET',
      `/api/v1/orgs/${org.slug}/discord-notify/guilds`,
    );
    t.match(guilds, [{ guildId: org.guild.id, guildName: 'league guild', linkedBy: org.admin.userId }]);
    t.ok(org.guild.members.has(env.bot.user.id), 'the bot joined the guild');

    await api(
      env.app,
      org.admin,
      'DELETE',
      `/api/v1/orgs/${org.slug}/discord-notify/guilds/${org.guild.id}`,
      undefined,
      204,
    );
    const after = await api<unknown[]>(
      env.app,
      org.admin,
      'GET',
      `/api/v1/orgs/${org.slug}/discord-notify/guilds`,
    );
    t.same(after, []);
  },
);

t.test('a forged, tampered, expired or borrowed state is rejected and nothing is linked', async (t) => {
  const env = await discordTestApp(t);
  const admin = await discordPerson(env, 'admin');
  await discordOrg(env, 'league', admin);
  const guild = env.emu.createGuild({ name: 'G', ownerId: admin.discordId });
  env.emu.addMember(guild.id, { userId: env.bot.user.id });
  const callback = (state: string, who = admin) =>
    env.app.inject({
      method: 'GET',
      url: `/api/v1/discord-notify/guilds/callback?state=${encodeURIComponent(state)}&guild_id=${guild.id}&code=x`,
      headers: who.headers,
    });
  const { url } = await api<{ url: string }>(
    env.app,
    admin,
    'POST',
    '/api/v1/orgs/league/discord-notify/guilds/install-url',
  );
  const state = stateOf(url);
  const [body, signature] = state.split('.');

  const forgedBody = Buffer.from(
    JSON.stringify({ o: 999, u: admin.userId, e: Date.now() + 1e9, n: 'x' }),
  ).toString('base64url');
  for (const [name, bad] of [
    ['forged', `${forgedBody}.${signature}`],
    ['unsigned', body ?? ''],
    ['garbage', 'not-a-state'],
  ] as const) {
    const res = await callback(bad);
    t.equal(res.statusCode, 400, name);
    t.equal(res.json().error.code, 'RD_DISCORD_STATE_INVALID', name);
  }
  const stranger = await discordPerson(env, 'stranger');
  const borrowed = await callback(state, stranger);
  t.equal(borrowed.statusCode, 400, 'a state issued to someone else');
  await env.advance('16m');
  const expired = await callback(state);
  t.equal(expired.statusCode, 400, 'expired after 15 minutes');
  t.match(expired.json().error.message, /expired/);
  t.same(await api(env.app, admin, 'GET', '/api/v1/orgs/league/discord-notify/guilds'), []);
});

t.test('the caller must administer the guild, and a guild belongs to one organization', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  // An admin of another org who is a plain member of the first org's guild.
  const other = await discordPerson(env, 'other-admin');
  await discordOrg(env, 'rival', other);
  env.emu.addMember(org.guild.id, { userId: other.discordId });
  const { url } = await api<{ url: string }>(
    env.app,
    other,
    'POST',
    '/api/v1/orgs/rival/discord-notify/guilds/install-url',
  );
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1/discord-notify/guilds/callback?state=${encodeURIComponent(stateOf(url))}&guild_id=${org.guild.id}`,
    headers: other.headers,
  });
  t.equal(res.statusCode, 403);
  t.equal(res.json().error.code, 'RD_DISCORD_NOT_GUILD_ADMIN');

  // The guild owner is also admin of the rival org: linking it there is a conflict.
  await api(
    env.app,
    env.root,
    'POST',
    '/api/v1/orgs/rival/members',
    { discordId: org.admin.discordId, role: 'admin' },
    201,
  );
  const taken = await installBot(env, 'rival', org.admin, org.guild.id);
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().error.code, 'RD_DISCORD_GUILD_TAKEN');
});

t.test('only org admins ask for an install URL; Discord denying the install is a clear 400', async (t) => {
  const env = await discordTestApp(t);
  const org = await linkedOrg(env);
  const member = await discordPerson(env, 'member');
  await api(
    env.app,
    env.root,
    'POST',
    `/api/v1/orgs/${org.slug}/members`,
    { discordId: member.discordId, role: 'member' },
    201,
  );
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org.slug}/discord-notify/guilds/install-url`,
    headers: member.headers,
  });
  t.equal(res.statusCode, 403);
  const denied = await env.app.inject({
    method: 'GET',
    url: '/api/v1/discord-notify/guilds/callback?state=x&error=access_denied&error_description=The%20user%20cancelled',
    headers: org.admin.headers,
  });
  t.equal(denied.statusCode, 400);
  t.match(denied.json(), { error: { code: 'RD_DISCORD_INSTALL_DENIED', message: /cancelled/ } });
});

t.test(
  'a browser is sent back to the panel’s Discord page with the outcome; API clients get JSON',
  async (t) => {
    const env = await discordTestApp(t);
    const admin = await discordPerson(env, 'admin');
    await discordOrg(env, 'league', admin);
    const guild = env.emu.createGuild({ name: 'League & Friends', ownerId: admin.discordId });
    const page = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const installUrl = async () =>
      (
        await api<{ url: string }>(
          env.app,
          admin,
          'POST',
          '/api/v1/orgs/league/discord-notify/guilds/install-url',
        )
      ).url;
    const callbackOf = async (url: string, approve = true) => {
      env.emu.oauth.loginAs(admin.discordId, { guildId: guild.id, approve });
      const consent = await fetch(url, { redirect: 'manual' });
      const back = new URL(consent.headers.get('location') ?? '');
      return back.pathname + back.search;
    };
    const landing = (location: string | undefined) => {
      const url = new URL(location ?? '', 'http://x');
      return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
    };

    const denied = await env.app.inject({
      method: 'GET',
      url: await callbackOf(await installUrl(), false),
      headers: { ...admin.headers, ...page },
    });
    t.equal(denied.statusCode, 302, denied.body);
    t.match(landing(denied.headers.location as string), {
      path: '/admin/orgs/league/p/discord-notify/discord',
      query: { install: 'failed', code: 'RD_DISCORD_INSTALL_DENIED', message: /Discord did not install/ },
    });

    const callback = await callbackOf(await installUrl());
    const linked = await env.app.inject({
      method: 'GET',
      url: callback,
      headers: { ...admin.headers, ...page },
    });
    t.equal(linked.statusCode, 302, linked.body);
    t.same(landing(linked.headers.location as string), {
      path: '/admin/orgs/league/p/discord-notify/discord',
      query: { install: 'linked', guild: 'League & Friends' },
    });
    t.match(await api(env.app, admin, 'GET', '/api/v1/orgs/league/discord-notify/guilds'), [
      { guildId: guild.id, guildName: 'League & Friends' },
    ]);

    const json = await env.app.inject({
      method: 'GET',
      url: await callbackOf(await installUrl()),
      headers: { ...admin.headers, accept: 'application/json' },
    });
    t.equal(json.statusCode, 200, 'Accept: application/json gets the linked guild as JSON');
    t.match(json.json(), { guildId: guild.id, guildName: 'League & Friends' });

    const garbage = await env.app.inject({
      method: 'GET',
      url: `/api/v1/discord-notify/guilds/callback?state=not-a-state&guild_id=${guild.id}`,
      headers: { ...admin.headers, ...page },
    });
    t.equal(garbage.statusCode, 400, 'a state naming no organization has no page to go to: JSON error');
    t.equal(garbage.json().error.code, 'RD_DISCORD_STATE_INVALID');
  },
);
