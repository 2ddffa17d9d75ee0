import type { CookieSerializeOptions } from '@fastify/cookie';
import { SESSION_ABSOLUTE_MS } from './sessions.js';

/** Cookie holding the OAuth state between the redirect to Discord and the callback. */
export const STATE_COOKIE = 'racedesk_oauth_state';

/** Session cookie attributes: HttpOnly, SameSite=Lax, Secure when the public URL is https. */
export function sessionCookieOptions(publicUrl: string): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  };
}
