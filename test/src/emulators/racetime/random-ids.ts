import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random `[A-Za-z0-9]` string; oauthlib tokens are 30 characters, hashids at least 16. */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** A hashid-like id as racetime uses for users, messages and bots (16 characters). */
export const hashid = (): string => randomAlphanumeric(16);

const ADJECTIVES = [
  'clever',
  'brave',
  'quick',
  'lucky',
  'sneaky',
  'mighty',
  'silent',
  'crazy',
  'odd',
  'witty',
];
const NOUNS = ['link', 'zelda', 'ganon', 'epona', 'navi', 'kirby', 'yoshi', 'samus', 'mario', 'luigi'];

/** A race slug `{adjective}-{noun}-{NNNN}` (reference §1.1), unique among `taken`. */
export function raceSlug(taken: (slug: string) => boolean, nouns: readonly string[] = NOUNS): string {
  for (;;) {
    const adjective = ADJECTIVES[randomInt(ADJECTIVES.length)];
    const noun = nouns[randomInt(nouns.length)];
    const slug = `${adjective}-${noun}-${String(randomInt(1, 10_000)).padStart(4, '0')}`;
    if (!taken(slug)) return slug;
  }
}
