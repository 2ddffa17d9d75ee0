import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { SecretCipher } from '../secrets/cipher.js';

const KEY = 'setup_code';

const newCode = () =>
  randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').toUpperCase().match(/.{4}/g)!.join('-');

/**
 * First run: while no superadmin exists, a setup code is kept (encrypted) and printed at every
 * start; the first Discord sign-in presenting it becomes the superadmin.
 */
export async function announceSetupCode(
  db: Database,
  cipher: SecretCipher,
  clock: Clock,
  logger: FastifyBaseLogger,
  publicUrl: string,
): Promise<void> {
  if (await db('users').where({ is_superadmin: true }).first('id')) return;
  await db('instance_settings')
    .insert({
      key: KEY,
      value: JSON.stringify({ ciphertext: cipher.encrypt(newCode()) }),
      updated_at: clock.now(),
    })
    .onConflict('key')
    .ignore();
  const row = await db('instance_settings').where({ key: KEY }).first('value');
  const code = cipher.decrypt(row.value.ciphertext);
  const url = new URL('/api/v1/auth/discord', publicUrl);
  url.searchParams.set('setupCode', code);
  logger.warn(
    `No superadmin yet. First-run setup code: ${code} — sign in with Discord at ${url} to become the superadmin.`,
  );
}

/** Makes `userId` the superadmin when `presented` is the setup code and nobody is superadmin yet. */
export async function claimSetupCode(
  trx: Knex.Transaction,
  cipher: SecretCipher,
  presented: string,
  userId: number,
): Promise<boolean> {
  const row = await trx('instance_settings').where({ key: KEY }).forUpdate().first('value');
  if (!row) return false;
  const expected = Buffer.from(cipher.decrypt(row.value.ciphertext));
  const given = Buffer.from(presented.trim().toUpperCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  if (await trx('users').where({ is_superadmin: true }).first('id')) return false;
  await trx('users').where({ id: userId }).update({ is_superadmin: true });
  await trx('instance_settings').where({ key: KEY }).del();
  return true;
}
