import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import { badRequest, RacedeskError } from '../errors.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { hashSecret } from '../tokens/token-format.js';
import { discordOAuth } from './discord-oauth.js';
import { STATE_COOKIE, sessionCookieOptions } from './session-cookie.js';
import { SESSION_COOKIE } from './sessions.js';
import { claimSetupCode } from './setup-code.js';

const tags = ['auth'];
const STATE_TTL_MS = 10 * 60_000;
// Only same-site paths: an open redirect after sign-in would hand phishing pages a trusted link.
const ReturnTo = Type.String({
  pattern: '^/(?![/\\\\])[\\x21-\\x7e]*$',
  maxLength: 500,
  description: 'Path to go to after sign-in',
});

/** Discord sign-in and logout: `GET /api/v1/auth/discord`, `GET .../callback`, `POST /api/v1/auth/logout`. */
export async function authRoutes(app: RacedeskApp): Promise<void> {
  const { db, clock, config, users, sessions, audit, secrets } = app.racedesk;
  const discord = discordOAuth(config);
  const coreSecrets = secrets.store('core');
  const cookies = sessionCookieOptions(config.publicUrl);

  app.get(
    '/api/v1/auth/discord',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Start Discord sign-in (redirects to Discord)',
        querystring: Type.Object({
          returnTo: Type.Optional(ReturnTo),
          setupCode: Type.Optional(
            Type.String({ maxLength: 64, description: 'First-run setup code from the log' }),
          ),
        }),
        response: { 302: Type.Null() },
      },
    },
    async (request, reply) => {
      if (!discord.configured) {
        throw new RacedeskError(
          'RD_AUTH_NOT_CONFIGURED',
          'Discord sign-in needs RACEDESK_DISCORD_CLIENT_ID and _SECRET',
          503,
        );
      }
      const state = randomBytes(24).toString('base64url');
      await db('oauth_states').where('expires_at', '<=', clock.now()).del();
      await db('oauth_states').insert({
        state_hash: hashSecret(state),
        return_to: request.query.returnTo ?? '/admin',
        setup_code: request.query.setupCode ? secrets.cipher.encrypt(request.query.setupCode) : null,
        expires_at: new Date(clock.now().getTime() + STATE_TTL_MS),
      });
      reply.setCookie(STATE_COOKIE, state, { ...cookies, path: '/api/v1/auth', maxAge: STATE_TTL_MS / 1000 });
      return reply.redirect(discord.authorizeUrl(state));
    },
  );

  app.get(
    '/api/v1/auth/discord/callback',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Discord redirects here; starts the session and redirects on',
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 200 })),
          state: Type.Optional(Type.String({ maxLength: 200 })),
          error: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 302: Type.Null() },
      },
    },
    async (request, reply) => {
      const { code, state, error } = request.query;
      if (error) throw badRequest('RD_AUTH_DENIED', `Discord sign-in was not completed (${error})`);
      // The state must be one we issued, to this browser (cookie), and unused: no login CSRF.
      if (!code || !state || request.cookies[STATE_COOKIE] !== state) {
        throw badRequest(
          'RD_AUTH_STATE',
          'Sign-in state is missing or belongs to another browser; start again',
        );
      }
      const [pending] = await db('oauth_states')
        .where({ state_hash: hashSecret(state) })
        .del()
        .returning('*');
      if (!pending || pending.expires_at <= clock.now())
        throw badRequest('RD_AUTH_STATE', 'Sign-in expired; start again');
      const profile = await discord.profile(code);
      const user = await db.transaction(async (trx) => {
        const signedIn = await users.upsertFromDiscord(profile, trx);
        const actor = { kind: 'user' as const, userId: signedIn.id };
        await audit.record(
          { actor, action: 'user.signed_in', target: { type: 'user', id: signedIn.id }, ip: request.ip },
          trx,
        );
        if (
          pending.setup_code &&
          (await claimSetupCode(trx, coreSecrets, secrets.cipher.decrypt(pending.setup_code), signedIn.id))
        ) {
          await audit.record(
            {
              actor,
              action: 'user.superadmin_granted',
              target: { type: 'user', id: signedIn.id },
              details: { via: 'setup code' },
            },
            trx,
          );
        }
        return signedIn;
      });
      const { cookie } = await sessions.create(user.id);
      reply.clearCookie(STATE_COOKIE, { path: '/api/v1/auth' });
      reply.setCookie(SESSION_COOKIE, cookie, cookies);
      return reply.redirect(pending.return_to);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'End the session (no-op without one)', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const session = request.racedesk.session;
      if (session) await sessions.destroy(session.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
