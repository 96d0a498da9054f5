import { createHash, randomBytes } from 'node:crypto';
import type { Bytes } from '@lapata/crypto';

/** 256 random bits, base64url: the only copy lives in the user's cookie. */
export function newSecretToken(): { token: string; hash: Bytes } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** Session, invitation, reset and feed tokens are stored as their SHA-256 only. */
export function hashSecretToken(token: string): Bytes {
  return createHash('sha256').update(token, 'utf8').digest() as Bytes;
}
