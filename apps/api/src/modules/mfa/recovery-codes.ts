import { createHash, randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@lapata/contracts';

/** Crockford's base32: no I, L, O or U, so nothing is misread when copied from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;
const GROUP_LENGTH = 4;

/**
 * Ten codes of 16 characters (80 random bits each), shown as `XXXX-XXXX-XXXX-XXXX`. 32 symbols
 * divide 256, so taking each byte modulo 32 keeps every symbol equally likely.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const symbols = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
    return symbols.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
  });
}

/**
 * The code as it was issued, whatever the case, spacing or dashes it was typed with, reading the
 * letters Crockford's alphabet leaves out as the digits they look like; null when it cannot be one.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === CODE_LENGTH && [...code].every((symbol) => ALPHABET.includes(symbol)) ? code : null;
}

/**
 * Only this hash is stored. A plain SHA-256 is enough, unlike for passwords: each code carries 80
 * random bits, so nobody can guess one back from a stolen hash, and a slow hash (Argon2id) would only
 * make every sign-in with a recovery code check ten hashes at ~50 ms each.
 */
export function hashRecoveryCode(normalisedCode: string): string {
  return createHash('sha256').update(normalisedCode, 'utf8').digest('hex');
}
