import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Bytes } from '@lapata/crypto';

/** 256 random bits, base64url (43 characters that survive copy and paste): the only copy is the holder's. */
export function newSecretToken(): { token: string; hash: Bytes } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** Session, setup, invitation, reset and feed tokens are stored as their SHA-256 only. */
export function hashSecretToken(token: string): Bytes {
  return createHash('sha256').update(token, 'utf8').digest() as Bytes;
}

/** Constant-time comparison of two hashes (token hashes, blind indexes). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
