/** An embed as the emulator stored it (the fields tests read). */
export interface Embed {
  title: string;
  description?: string;
  color: number;
  url?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
}

/** The first embed of a message the emulator received. */
export const embedOf = (message: { embeds: unknown[] } | undefined): Embed | undefined =>
  message?.embeds[0] as Embed | undefined;

/** The value of an embed field by name. */
export const field = (embed: Embed | undefined, name: string): string | undefined =>
  embed?.fields?.find((f) => f.name === name)?.value;

/** Seconds since the epoch, as Discord timestamps (`<t:SECONDS:F>`) show. */
export const unix = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);
