import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { SecretCipher } from './cipher.js';

/** Where a secret lives: its owner (core or a plugin id), optionally an org, and a name. */
export interface SecretAddress {
  name: string;
  orgId?: number | null;
}

/** Stores named secrets encrypted in the `secrets` table, so key rotation can re-encrypt all of them. */
export interface SecretStore {
  /** Stores a secret (replacing it, unless `onlyIfAbsent`). */
  put(
    address: SecretAddress,
    value: string,
    trx?: Knex.Transaction,
    options?: { onlyIfAbsent?: boolean },
  ): Promise<void>;
  get(address: SecretAddress, trx?: Knex.Transaction): Promise<string | undefined>;
  delete(address: SecretAddress, trx?: Knex.Transaction): Promise<boolean>;
}

/** The secret store of one owner (`core` or a plugin id). */
export function createSecretStore(
  db: Database,
  cipher: SecretCipher,
  clock: Clock,
  owner: string,
): SecretStore {
  const where = (q: Knex.QueryBuilder, a: SecretAddress) =>
    q.where({ owner, name: a.name }).whereRaw('coalesce(org_id, 0) = ?', [a.orgId ?? 0]);
  return {
    async put(address, value, trx, options) {
      const ciphertext = cipher.encrypt(value);
      await (trx ?? db).raw(
        `insert into secrets (owner, org_id, name, ciphertext, key_id, updated_at) values (?, ?, ?, ?, ?, ?)
           on conflict (owner, coalesce(org_id, 0), name) ${
             options?.onlyIfAbsent
               ? 'do nothing'
               : 'do update set ciphertext = excluded.ciphertext, key_id = excluded.key_id, updated_at = excluded.updated_at'
           }`,
        [owner, address.orgId ?? null, address.name, ciphertext, cipher.keyId, clock.now()],
      );
    },
    async get(address, trx) {
      const row = await where((trx ?? db)('secrets'), address).first('ciphertext');
      return row ? cipher.decrypt(row.ciphertext) : undefined;
    },
    async delete(address, trx) {
      return (await where((trx ?? db)('secrets'), address).del()) > 0;
    },
  };
}

/** Re-encrypts every stored secret with the cipher's current key; returns how many changed. */
export async function reencryptSecrets(db: Database, cipher: SecretCipher): Promise<number> {
  return db.transaction(async (trx) => {
    const rows = await trx('secrets')
      .whereNot({ key_id: cipher.keyId })
      .forUpdate()
      .select('id', 'ciphertext');
    for (const row of rows) {
      await trx('secrets')
        .where({ id: row.id })
        .update({ ciphertext: cipher.encrypt(cipher.decrypt(row.ciphertext)), key_id: cipher.keyId });
    }
    return rows.length;
  });
}
