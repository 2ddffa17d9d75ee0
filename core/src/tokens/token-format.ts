import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so scanners and people recognise it. */
export const TOKEN_PREFIX = 'rd_';

/** A new random token (`rd_` + 32 random bytes, base64url). */
export const generateToken = () => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Tokens and session ids are stored only as this hash. */
export const hashSecret = (value: string) => createHash('sha256').update(value).digest('hex');
