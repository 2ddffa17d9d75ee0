import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** Where the setup code is kept: the core's encrypted secret store, so key rotation covers it too. */
const SETUP_CODE = { name: 'setup_code' };

const newCode = () =>
  randomBytes(12).toString('base64url').replace(/[-_]/g, 'X').toUpperCase().match(/.{4}/g)!.join('-');

/**
 * First run: while no superadmin exists, a setup code is kept and printed at every start; the
 * first Discord sign-in presenting it becomes the superadmin.
 */
export async function announceSetupCode(
  db: Database,
  store: SecretStore,
  logger: FastifyBaseLogger,
  publicUrl: string,
): Promise<void> {
  if (await db('users').where({ is_superadmin: true }).first('id')) return;
  let code = await store.get(SETUP_CODE);
  if (!code) {
    await store.put(SETUP_CODE, newCode(), undefined, { onlyIfAbsent: true });
    code = (await store.get(SETUP_CODE))!;
  }
  const url = new URL('/api/v1/auth/discord', publicUrl);
  url.searchParams.set('setupCode', code);
  logger.warn(
    `No superadmin yet. First-run setup code: ${code} (sign in with Discord at ${url} to become the superadmin)`,
  );
}

/** Makes `userId` the superadmin when `presented` is the setup code; the code works once. */
export async function claimSetupCode(
  trx: Knex.Transaction,
  store: SecretStore,
  presented: string,
  userId: number,
): Promise<boolean> {
  const code = await store.get(SETUP_CODE, trx);
  if (!code) return false;
  const expected = Buffer.from(code);
  const given = Buffer.from(presented.trim().toUpperCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  // Deleting takes the row lock: of two sign-ins racing with the code, only one deletes it.
  if (!(await store.delete(SETUP_CODE, trx))) return false;
  await trx('users').where({ id: userId }).update({ is_superadmin: true });
  return true;
}
