import type { RacetimeChatMessage } from '../clients/chat-message.js';
import type { RacetimeRace } from '../clients/race-data.js';

/** What a chat command handler receives. */
export interface ChatCommandInput {
  /** `{category}/{slug}` of the room. */
  room: string;
  /** Words after the command, split on whitespace (case kept). */
  args: string[];
  message: RacetimeChatMessage;
  /** The room's race as last received, or `null` before the first `race.data`. */
  race: RacetimeRace | null;
}

/** A chat command: `!name args...` in a room the bot follows; the returned text is posted as the reply. */
export interface ChatCommand {
  name: string;
  help: string;
  handler(input: ChatCommandInput): Promise<string | null> | string | null;
}

const STATUS_WORDS: Record<string, string> = {
  requested: 'asked to join',
  invited: 'invited',
  not_ready: 'not ready',
  ready: 'ready',
  in_progress: 'racing',
  done: 'finished',
  dnf: 'forfeited',
  dq: 'disqualified',
};

/**
 * The bot's chat commands. Built in: `!help`, `!status`, `!entrants`; other plugins add theirs with
 * `ctx.services.get('racetime').registerChatCommand(...)`. Only non-bot, non-system messages starting
 * with `!` are commands; names are matched case-insensitively.
 */
export class ChatCommands {
  private readonly commands = new Map<string, ChatCommand>();

  constructor(private readonly raceOf: (room: string) => RacetimeRace | null) {
    this.register({ name: 'help', help: 'lists the commands', handler: () => this.helpText() });
    this.register({ name: 'status', help: 'the race status', handler: ({ race }) => statusOf(race) });
    this.register({
      name: 'entrants',
      help: 'who is here, by status',
      handler: ({ race }) => entrantsOf(race),
    });
  }

  /** Adds a command; a name registered twice is refused. */
  register(command: ChatCommand): void {
    const name = command.name.toLowerCase();
    if (!/^[a-z0-9_-]{1,32}$/.test(name)) throw new Error(`Invalid chat command name "${command.name}"`);
    if (this.commands.has(name)) throw new Error(`Chat command !${name} is registered twice`);
    this.commands.set(name, { ...command, name });
  }

  /** Whether a message may be a command at all (people's `!…` in the room's chat): others cost nothing. */
  static mayBeCommand(message: RacetimeChatMessage): boolean {
    return (
      !message.isBot && !message.isSystem && !message.isDm && message.messagePlain.trimStart().startsWith('!')
    );
  }

  /** The reply to a chat message, or `null` when it is not a command (or the command said nothing). */
  async handle(room: string, message: RacetimeChatMessage): Promise<string | null> {
    if (!ChatCommands.mayBeCommand(message)) return null;
    const text = message.messagePlain.trim();
    const [word = '', ...args] = text.slice(1).split(/\s+/);
    const command = this.commands.get(word.toLowerCase());
    if (!command) return null;
    return command.handler({ room, args, message, race: this.raceOf(room) });
  }

  private helpText(): string {
    return `Commands: ${[...this.commands.values()].map((c) => `!${c.name} (${c.help})`).join(', ')}`;
  }
}

function statusOf(race: RacetimeRace | null): string {
  if (!race) return 'The race status is not known yet.';
  const finished = race.entrants.filter((e) => e.status === 'done').length;
  return `Race ${race.status.replace('_', ' ')}: ${race.entrants.length} entrants, ${finished} finished. Goal: ${race.goal.name}.`;
}

function entrantsOf(race: RacetimeRace | null): string {
  if (!race || race.entrants.length === 0) return 'Nobody is in this race yet.';
  const groups = new Map<string, string[]>();
  for (const e of race.entrants) {
    const word = STATUS_WORDS[e.status] ?? e.status;
    groups.set(word, [...(groups.get(word) ?? []), e.user?.name ?? '(deleted)']);
  }
  return [...groups].map(([word, names]) => `${word}: ${names.join(', ')}`).join(' | ');
}
