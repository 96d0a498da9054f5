import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { decodeBase64, type Bytes } from './encoding';
import { BlindIndexer } from './blind-index';
import { parseKeyFile, type KeyFile } from './key-file';
import { rewrapKey, unwrapKey, wrapKey, wrappingKeyVersion, type WrappedKeyName } from './key-wrap';
import { KEY_BYTES, takeKey, type KeySource, type VersionedKey } from './keys';

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ACCOUNT_KEY_INFO = 'lapata/account-key/v1';

/**
 * The keys that live outside the database, loaded once at start: the key-encryption keys (every
 * version still in use, and which one is current), the root blind-index key and the audit signing
 * key. Keys are KeyObjects in private fields: logging or serialising a KeyRing shows versions only.
 */
export class KeyRing {
  readonly #keks: ReadonlyMap<number, KeyObject>;
  readonly #current: number;
  readonly #accountKeys = new Map<number, KeyObject>();
  readonly blindIndex: BlindIndexer;
  readonly auditSigningKey: KeyObject;
  readonly auditPublicKey: KeyObject;
  /** Identifies the audit key in signed checkpoints (`audit_checkpoints.key_id`). */
  readonly auditKeyId: string;

  private constructor(file: KeyFile) {
    const decode = (text: string): Buffer => decodeBase64(text) as Buffer;
    this.#keks = new Map(
      Object.entries(file.kek).map(([version, key]) => [Number(version), takeKey(decode(key))]),
    );
    this.#current = file.current;
    this.blindIndex = new BlindIndexer(takeKey(decode(file.blindIndexKey)));
    const seed = decode(file.auditSigningKey);
    const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
    this.auditSigningKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    seed.fill(0);
    der.fill(0);
    this.auditPublicKey = createPublicKey(this.auditSigningKey);
    const rawPublicKey = this.auditPublicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    this.auditKeyId = `ed25519:${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`;
  }

  /** Builds a ring from a key file object (validated again here; errors name `where`). */
  static fromKeyFile(file: KeyFile, where = 'key file'): KeyRing {
    return new KeyRing(parseKeyFile(file, where));
  }

  get currentKekVersion(): number {
    return this.#current;
  }

  /** Every KEK version this ring can unwrap with, ascending. */
  get kekVersions(): number[] {
    return [...this.#keks.keys()].sort((a, b) => a - b);
  }

  currentKek(): VersionedKey {
    return { version: this.#current, key: this.#keks.get(this.#current) as KeyObject };
  }

  /** Lookup of KEK versions, for `unwrapKey`/`rewrapKey` when not going through the ring. */
  readonly keks: KeySource = (version) => this.#keks.get(version);

  /** Wraps an organisation key under the current KEK. Store the result and `currentKekVersion`. */
  wrap(key: KeyObject, name: WrappedKeyName): Bytes {
    return wrapKey(this.currentKek(), key, name);
  }

  /** Unwraps an organisation key wrapped under any KEK version this ring still holds. */
  unwrap(wrapped: Uint8Array, name: WrappedKeyName): KeyObject {
    return unwrapKey(wrapped, this.keks, name);
  }

  /** True when `wrapped` is under an older KEK version than the current one. */
  needsRewrap(wrapped: Uint8Array): boolean {
    return wrappingKeyVersion(wrapped) !== this.#current;
  }

  /** Moves a wrapped organisation key to the current KEK version. */
  rewrap(wrapped: Uint8Array, name: WrappedKeyName): Bytes {
    return rewrapKey(wrapped, this.keks, this.currentKek(), name);
  }

  /**
   * The key for installation-wide personal fields (a user's email and display name, TOTP secret),
   * which belong to no organisation. Derived from the current KEK with HKDF, versioned with it:
   * rotating or retiring a KEK version means re-encrypting these fields (`accountKeys` reads the
   * old ones meanwhile).
   */
  accountKey(): VersionedKey {
    return { version: this.#current, key: this.#accountKey(this.#current) as KeyObject };
  }

  /** Account keys of every KEK version still held, for decrypting account fields. */
  readonly accountKeys: KeySource = (version) => this.#accountKey(version);

  #accountKey(version: number): KeyObject | undefined {
    const kek = this.#keks.get(version);
    if (kek === undefined) return undefined;
    let key = this.#accountKeys.get(version);
    if (key === undefined) {
      key = takeKey(Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), ACCOUNT_KEY_INFO, KEY_BYTES)));
      this.#accountKeys.set(version, key);
    }
    return key;
  }

  toJSON(): { kekVersions: number[]; currentKekVersion: number; auditKeyId: string } {
    return { kekVersions: this.kekVersions, currentKekVersion: this.#current, auditKeyId: this.auditKeyId };
  }

  [inspect.custom](): string {
    return `KeyRing ${JSON.stringify(this.toJSON())}`;
  }
}
