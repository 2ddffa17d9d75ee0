/** A Discord timestamp: every reader sees it in their own time zone (`F`: full date and time). */
export const discordTime = (iso: string, style: 'F' | 'R' | 'f' | 't' = 'F'): string =>
  `<t:${Math.floor(new Date(iso).getTime() / 1000)}:${style}>`;

/** A time as an absolute Discord timestamp followed by a relative one. */
export const when = (iso: string): string => `${discordTime(iso)} (${discordTime(iso, 'R')})`;

/** Cuts text to Discord's limits. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;
