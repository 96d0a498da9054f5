import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { assertKeyVersion } from './encoding';

/** Every symmetric key in Lapata is an AES-256 key: 32 random bytes. */
export const KEY_BYTES = 32;

/** A key together with the version under which values it protects are stored. */
export interface VersionedKey {
  readonly version: number;
  readonly key: KeyObject;
}

/**
 * Where decryption finds the key named by a value's key version: one key, a list of versions
 * (old and current, during rotation), or a lookup function.
 */
export type KeySource = VersionedKey | readonly VersionedKey[] | ((version: number) => KeyObject | undefined);

export function findKey(source: KeySource, version: number): KeyObject | undefined {
  if (typeof source === 'function') return source(version);
  if (isKeyList(source)) return source.find((candidate) => candidate.version === version)?.key;
  return source.version === version ? source.key : undefined;
}

/** The key with the highest version (the one to encrypt with); undefined for none. */
export function newestKey<K extends VersionedKey>(keys: readonly K[]): K | undefined {
  return keys.reduce<K | undefined>((newest, candidate) => (newest && newest.version >= candidate.version ? newest : candidate), undefined);
}

function isKeyList(source: KeySource): source is readonly VersionedKey[] {
  return Array.isArray(source);
}

/**
 * A fresh random AES-256 key (a case's data key, an organisation key). Held as a KeyObject so
 * that logging or inspecting it never prints the key bytes.
 */
export function generateDataKey(): KeyObject {
  return takeKey(randomBytes(KEY_BYTES));
}

/**
 * Moves 32 raw bytes into a KeyObject (which keeps its own copy) and zeroes `bytes`, so the key
 * does not linger in a Buffer that could be logged or leaked.
 */
export function takeKey(bytes: Buffer): KeyObject {
  if (bytes.length !== KEY_BYTES) {
    throw new RangeError(`A key must be ${KEY_BYTES} bytes`);
  }
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

export function assertAes256Key(key: KeyObject): void {
  if (key.type !== 'secret' || key.symmetricKeySize !== KEY_BYTES) {
    throw new TypeError(`Expected a ${KEY_BYTES}-byte secret key`);
  }
}

export function assertVersionedKey(versioned: VersionedKey): void {
  assertKeyVersion(versioned.version);
  assertAes256Key(versioned.key);
}
