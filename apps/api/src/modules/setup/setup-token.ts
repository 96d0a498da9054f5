import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: 43 characters that survive copy and paste from a terminal. */
export function generateSetupToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored: a database dump does not hand out the setup. */
export function hashSetupToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time comparison of two token hashes. */
export function sameTokenHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
