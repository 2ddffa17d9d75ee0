import { createSecretCipher } from '../secrets/cipher.js';
import { resolveSecretKey, secretKeyFromHex } from '../secrets/keyring.js';
import { reencryptSecrets } from '../secrets/secret-store.js';
import { withDatabase } from './open-database.js';

/**
 * `racedesk secrets rotate`: re-encrypts every stored secret with the current key
 * (RACEDESK_SECRET_KEY, or the data-dir key file), reading old values with RACEDESK_PREVIOUS_SECRET_KEY.
 */
export function secretsRotateCommand(env: Record<string, string | undefined> = process.env): Promise<number> {
  const previousHex = env.RACEDESK_PREVIOUS_SECRET_KEY;
  if (!previousHex) {
    console.error(
      'racedesk: set RACEDESK_PREVIOUS_SECRET_KEY to the old key and RACEDESK_SECRET_KEY to the new one',
    );
    return Promise.resolve(2);
  }
  return withDatabase(async (db, config) => {
    const current = await resolveSecretKey(config.secretKey, config.dataDir, (line) => console.error(line));
    const cipher = createSecretCipher(current, [secretKeyFromHex(previousHex)]);
    const changed = await reencryptSecrets(db, cipher);
    console.log(`Re-encrypted ${changed} secret${changed === 1 ? '' : 's'} with key ${current.id}.`);
    return 0;
  });
}
