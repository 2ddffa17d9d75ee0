import type { EmulatorUser } from '@racedesk/testkit';
import { addMember, api, type Person, signIn } from '@racedesk/testkit';
import { orgWithRacetime } from './people.js';
import type { RacetimeTestApp } from './racetime-app.js';

/** A player: a Racedesk user, their racetime account, and whether the two are linked. */
export interface Player {
  person: Person;
  racetime: EmulatorUser;
}

/** An org with the racetime plugin on, a moderator, a bot for `alttpr`, a tournament and its settings. */
export interface League {
  org: { slug: string; id: number };
  mod: Person;
  botId: number;
  tournamentId: number;
  bot: { clientId: string; clientSecret: string };
  /** A player, linked to a racetime account unless `linked: false`. */
  player(name: string, options?: { linked?: boolean }): Promise<Player>;
  /** Creates a match through the API; returns its id. */
  match(scheduledAt: string, players: Player[], title?: string): Promise<number>;
  /** GET of the match's room. */
  room(matchId: number): Promise<RoomView>;
}

/** `GET .../racetime/matches/:id/room` (plugins/racetime/src/schemas/room.ts `MatchRoom`). */
export interface RoomView {
  status: string;
  slug: string | null;
  url: string | null;
  invited: Array<{ userId: number; racetimeId: string }>;
  notInvited: Array<{ userId: number; reason: string }>;
  skipReason: string | null;
  skipDetail: string | null;
  openAt: string | null;
  /** The race in the room as last seen; null until the tracker stored one. */
  race: { status: string; startedAt: string | null; endedAt: string | null } | null;
  /** In racetime.gg order: finished by place first. */
  entrants: Array<{
    racetimeId: string | null;
    racetimeName: string;
    userId: number | null;
    status: string;
    place: number | null;
    finishTime: string | null;
  }>;
}

/** Sets up a league; `settings` go to the tournament (auto rooms on, 60 minutes before, by default). */
export async function league(
  rt: RacetimeTestApp,
  options: { slug?: string; settings?: Record<string, unknown>; bot?: League['bot'] } = {},
): Promise<League> {
  const { app, root, emulator, clock } = rt;
  const slug = options.slug ?? 'league';
  const mod = await signIn(app, { username: `${slug}-mod` });
  const org = await orgWithRacetime(app, root, slug, [[mod, 'moderator']]);
  let botId: number;
  const existing = await app.racedesk.db('racetime_bots').where({ category: 'alttpr' }).first('id');
  const bot = options.bot ?? emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });
  if (existing) botId = Number(existing.id);
  else
    botId = (
      await api<{ id: number }>(app, root, 'POST', '/api/v1/racetime/bots', {
        category: 'alttpr',
        name: 'Racedesk',
        clientId: bot.clientId,
        clientSecret: bot.clientSecret,
      })
    ).id;
  await api(app, root, 'PUT', `/api/v1/racetime/bots/${botId}/orgs/${slug}`, undefined, 200);
  const tournament = await api<{ id: number }>(app, root, 'POST', `/api/v1/orgs/${slug}/tournaments`, {
    slug: 'cup',
    name: 'Cup',
  });
  await api(
    app,
    root,
    'PUT',
    `/api/v1/orgs/${slug}/racetime/tournaments/${tournament.id}/settings`,
    {
      botId,
      autoCreateRooms: true,
      openMinutesBefore: 60,
      defaultGoal: 'Beat the game',
      ...options.settings,
    },
    200,
  );
  return {
    org,
    mod,
    botId,
    bot,
    tournamentId: tournament.id,
    async player(name, playerOptions = {}) {
      const person = await signIn(app, { username: name });
      await addMember(app, root, slug, person, 'member');
      const racetime = emulator.registerUser({ name, twitchName: name.toLowerCase() });
      if (playerOptions.linked !== false)
        await app.racedesk.db('racetime_account_links').insert({
          user_id: person.userId,
          racetime_id: racetime.id,
          racetime_name: racetime.name,
          access_token: app.racedesk.db.raw('?', ['encrypted-elsewhere']),
          linked_at: clock.now(),
        });
      return { person, racetime };
    },
    async match(scheduledAt, players, title = 'Final') {
      const created = await api<{ id: number }>(app, mod, 'POST', `/api/v1/orgs/${slug}/matches`, {
        tournamentId: tournament.id,
        title,
        scheduledAt,
        players: players.map((p) => p.person.userId),
      });
      await rt.settle();
      return created.id;
    },
    room: (matchId) =>
      api<RoomView>(app, mod, 'GET', `/api/v1/orgs/${slug}/racetime/matches/${matchId}/room`),
  };
}

/** Waits (real time, polling) until `check` returns a value other than undefined/false; fails after 10 s. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
): Promise<T> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A match as `GET .../matches/:id` shows it, with the fields the racetime tests read. */
export interface MatchView {
  state: string;
  checkedInAt: string | null;
  startedAt: string | null;
  players: Array<{
    userId: number;
    finishRank: number | null;
    finishTime: string | null;
    status: string | null;
  }>;
}

/** The match through the API, as the league's moderator sees it. */
export const matchOf = (rt: RacetimeTestApp, lg: League, id: number) =>
  api<MatchView>(rt.app, lg.mod, 'GET', `/api/v1/orgs/${lg.org.slug}/matches/${id}`);

/** A match (12:30, due at once) whose room is open with every player in, racing (in progress). */
export async function raceUnderWay(rt: RacetimeTestApp, lg: League, players: Player[]) {
  const matchId = await lg.match('2030-01-07T12:30:00Z', players);
  await rt.clock.advance('1s');
  const slug = (await lg.room(matchId)).slug!.split('/')[1]!;
  await until('everyone invited', () => rt.emulator.races.require(slug).entrants.length === players.length);
  for (const p of players) {
    rt.emulator.players.acceptInvite(slug, p.racetime.id);
    rt.emulator.players.ready(slug, p.racetime.id);
  }
  await rt.clock.advance('16s');
  await until('match started', async () => (await matchOf(rt, lg, matchId)).state === 'started');
  await rt.clock.advance('30s');
  return { matchId, slug };
}
