import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RacedeskError } from '../errors.js';
import type { SecretKey } from './keyring.js';

/** Encrypts and decrypts secrets at rest with AES-256-GCM; the key id travels with the ciphertext. */
export interface SecretCipher {
  /** Id of the key new ciphertexts are made with. */
  readonly keyId: string;
  /** Returns `v1:<key id>:<iv>:<tag>:<data>` (base64url parts). */
  encrypt(plaintext: string): string;
  /** Reverses `encrypt`; fails for an unknown key id or a tampered value. */
  decrypt(ciphertext: string): string;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

/** A cipher that encrypts with `current` and decrypts with it or any of `previous` (during rotation). */
export function createSecretCipher(current: SecretKey, previous: readonly SecretKey[] = []): SecretCipher {
  const keys = new Map([current, ...previous].map((k) => [k.id, k.key]));
  const parse = (value: string) => {
    const parts = value.split(':');
    if (parts.length !== 5 || parts[0] !== 'v1') {
      throw new RacedeskError('RD_SECRET_FORMAT', 'Not a Racedesk secret ciphertext');
    }
    return { keyId: parts[1]!, iv: parts[2]!, tag: parts[3]!, data: parts[4]! };
  };
  return {
    keyId: current.id,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', current.id, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(':');
    },
    decrypt(ciphertext) {
      const { keyId, iv, tag, data } = parse(ciphertext);
      const key = keys.get(keyId);
      if (!key)
        throw new RacedeskError('RD_SECRET_KEY_UNKNOWN', `Secret was encrypted with unknown key ${keyId}`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new RacedeskError('RD_SECRET_TAMPERED', 'Secret could not be decrypted (wrong key or altered)');
      }
    },
  };
}
