import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RacedeskError } from '@racedesk/core';
import type { DiscordNotifyContext } from './runtime.js';

const KEY = { name: 'install-state-key' };
const TTL_MS = 15 * 60_000;

/** What a bot-install `state` binds: the org, the person who asked, and an expiry. */
export interface InstallState {
  orgId: number;
  userId: number;
  expiresAt: number;
}

const invalid = (why: string) =>
  new RacedeskError('RD_DISCORD_STATE_INVALID', `The install state is invalid: ${why}`, 400);

/** Signs and verifies bot-install `state` values with an HMAC key kept in the core secrets. */
export function stateSigner(ctx: DiscordNotifyContext) {
  async function key(): Promise<Buffer> {
    await ctx.secrets.put(KEY, randomBytes(32).toString('hex'), undefined, { onlyIfAbsent: true });
    const hex = await ctx.secrets.get(KEY);
    if (!hex) throw new Error('the install state key could not be stored');
    return Buffer.from(hex, 'hex');
  }
  const mac = (k: Buffer, body: string) => createHmac('sha256', k).update(body).digest('base64url');

  return {
    async sign(orgId: number, userId: number): Promise<{ state: string; expiresAt: Date }> {
      const expiresAt = ctx.clock.now().getTime() + TTL_MS;
      const body = Buffer.from(
        JSON.stringify({ o: orgId, u: userId, e: expiresAt, n: randomBytes(8).toString('hex') }),
      ).toString('base64url');
      return { state: `${body}.${mac(await key(), body)}`, expiresAt: new Date(expiresAt) };
    },
    /** The state's content; 400 when forged, tampered with, expired, or issued to someone else. */
    async verify(state: string, userId: number): Promise<InstallState> {
      const [body, signature, extra] = state.split('.');
      if (!body || !signature || extra !== undefined) throw invalid('malformed');
      const expected = Buffer.from(mac(await key(), body));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        throw invalid('bad signature');
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
        o: number;
        u: number;
        e: number;
      };
      if (parsed.e < ctx.clock.now().getTime()) throw invalid('expired');
      if (parsed.u !== userId) throw invalid('issued to someone else');
      return { orgId: parsed.o, userId: parsed.u, expiresAt: parsed.e };
    },
  };
}
