import type { DiscordEmulator, Person } from '@racedesk/testkit';
import { addMember, api, createOrg, signIn } from '@racedesk/testkit';
import type { DiscordTestApp } from './discord-app.js';

type EmulatedGuild = ReturnType<DiscordEmulator['createGuild']>;
type EmulatedChannel = ReturnType<DiscordEmulator['addChannel']>;

/** An org with discord-notify on, whose admin owns a Discord guild the bot was installed in and linked. */
export interface LinkedOrg {
  slug: string;
  orgId: number;
  admin: Person;
  guild: EmulatedGuild;
  channels: { announcements: EmulatedChannel; alerts: EmulatedChannel };
}

/** Signs a person in and gives them a matching Discord account in the emulator. */
export async function discordPerson(
  env: DiscordTestApp,
  username: string,
  options: { acceptsDms?: boolean } = {},
): Promise<Person> {
  const person = await signIn(env.app, { username });
  env.emu.createUser({ id: person.discordId, username, acceptsDms: options.acceptsDms ?? true });
  return person;
}

/** Creates the org, turns the plugin on and adds its admin (as an org admin). */
export async function discordOrg(env: DiscordTestApp, slug: string, admin: Person): Promise<number> {
  await createOrg(env.app, env.root, slug);
  await api(env.app, env.root, 'PUT', `/api/v1/orgs/${slug}/plugins/discord-notify`, {
    enabled: true,
    settings: {},
  });
  await addMember(env.app, env.root, slug, admin, 'admin');
  const org = await api<{ id: number }>(env.app, env.root, 'GET', `/api/v1/orgs/${slug}`);
  return org.id;
}

/**
 * Runs the bot install the way a browser would: the admin asks for the install URL, Discord (the
 * emulator) installs the bot and redirects to the callback, which the admin's browser then opens.
 * Returns the callback response.
 */
export async function installBot(env: DiscordTestApp, slug: string, who: Person, guildId: string) {
  const { url } = await api<{ url: string }>(
    env.app,
    who,
    'POST',
    `/api/v1/orgs/${slug}/discord-notify/guilds/install-url`,
  );
  env.emu.oauth.loginAs(who.discordId, { guildId });
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`install refused: ${await consent.text()}`);
  const back = new URL(location);
  return env.app.inject({ method: 'GET', url: back.pathname + back.search, headers: who.headers });
}

/** The whole setup most tests need: org, admin, a guild with two channels, the bot installed and linked. */
export async function linkedOrg(env: DiscordTestApp, slug = 'league'): Promise<LinkedOrg> {
  const admin = await discordPerson(env, `${slug}-admin`);
  const orgId = await discordOrg(env, slug, admin);
  const guild = env.emu.createGuild({
    name: `${slug} guild`,
    ownerId: admin.discordId,
    channels: [{ name: 'announcements' }, { name: 'alerts' }],
  });
  const res = await installBot(env, slug, admin, guild.id);
  if (res.statusCode !== 200) throw new Error(`linking: ${res.statusCode} ${res.body}`);
  const byName = (name: string) => {
    const channel = [...env.emu.store.channels.values()].find(
      (c) => c.guildId === guild.id && c.name === name,
    );
    if (!channel) throw new Error(`no channel ${name}`);
    return channel;
  };
  return {
    slug,
    orgId,
    admin,
    guild,
    channels: { announcements: byName('announcements'), alerts: byName('alerts') },
  };
}
