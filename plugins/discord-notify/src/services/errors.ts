import { RacedeskError } from '@racedesk/core';

/** The instance has no bot token (stored or RACEDESK_DISCORD_BOT_TOKEN). */
export const noBot = () =>
  new RacedeskError('RD_DISCORD_NO_BOT', 'No Discord bot is configured on this instance', 409);

/** The bot exists but cannot reach Discord right now. */
export const botUnavailable = (reason: string) =>
  new RacedeskError('RD_DISCORD_UNAVAILABLE', `Discord is unavailable: ${reason}`, 503);

/** Discord refused a call for a reason the caller can fix (permissions, unknown channel). */
export const discordRefused = (reason: string) =>
  new RacedeskError('RD_DISCORD_REFUSED', `Discord refused: ${reason}`, 422);
