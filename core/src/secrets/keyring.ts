import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RacedeskError } from '../errors.js';

/** A 32-byte key with a short id that is stored next to everything it encrypts. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Builds a key from 64 hex characters; its id is a fingerprint, never the key itself. */
export function secretKeyFromHex(hex: string): SecretKey {
  if (!HEX_KEY.test(hex)) {
    throw new RacedeskError('RD_SECRET_KEY_INVALID', 'A secret key is 32 random bytes as 64 hex characters');
  }
  const key = Buffer.from(hex, 'hex');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/**
 * The instance key: `RACEDESK_SECRET_KEY` when set; otherwise `<data dir>/secret.key`, generated
 * (mode 0600) on first start so `npm start` needs no configuration. The key is never logged.
 */
export async function resolveSecretKey(
  configured: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): Promise<SecretKey> {
  if (configured) return secretKeyFromHex(configured);
  const file = join(resolve(dataDir), 'secret.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) return secretKeyFromHex(existing.trim());
  await mkdir(resolve(dataDir), { recursive: true });
  const hex = randomBytes(32).toString('hex');
  // 'wx' fails if another instance created the file meanwhile; then read theirs.
  const created = await writeFile(file, `${hex}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    () => false,
  );
  if (!created) return secretKeyFromHex((await readFile(file, 'utf8')).trim());
  warn(
    `RACEDESK_SECRET_KEY is not set: generated a key in ${file}. Back it up, or set RACEDESK_SECRET_KEY; ` +
      'secrets stored with it cannot be read without it.',
  );
  return secretKeyFromHex(hex);
}
