import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { asBuffer, assertKeyVersion, encodeParts, type Bytes } from './encoding';
import { DecryptionError } from './errors';
import { Format, HEADER_BYTES, IV_BYTES, TAG_BYTES, header, readEnvelopeHeader } from './envelope';
import {
  KEY_BYTES,
  assertAes256Key,
  assertVersionedKey,
  findKey,
  takeKey,
  type KeySource,
  type VersionedKey,
} from './keys';

/**
 * What a wrapped key is. It is the associated data of the wrapping, so an organisation key cannot
 * be passed off as another organisation's, a case key as another case's, or version 1 as version 2.
 */
export type WrappedKeyName =
  | { readonly kind: 'organisation-key'; readonly organizationId: string; readonly version: number }
  | {
      readonly kind: 'case-key';
      readonly organizationId: string;
      readonly caseId: string;
      readonly version: number;
    };

/** Layout: 0x03 | wrapping key version (uint32 BE) | IV (12) | wrapped key (32) | tag (16). */
export const WRAPPED_KEY_BYTES = HEADER_BYTES + IV_BYTES + KEY_BYTES + TAG_BYTES;

function nameAad(name: WrappedKeyName): Buffer {
  assertKeyVersion(name.version, 'wrapped key version');
  const parts =
    name.kind === 'organisation-key'
      ? [name.kind, name.organizationId, String(name.version)]
      : [name.kind, name.organizationId, name.caseId, String(name.version)];
  if (parts.some((part) => part.length === 0)) {
    throw new TypeError('A wrapped key name needs non-empty identifiers');
  }
  return encodeParts(['lapata/wrapped-key/v1', ...parts]);
}

/**
 * Wraps (encrypts) a key under a key-encryption key with AES-256-GCM. Used for organisation keys
 * under a KEK version and for case data keys under an organisation key version.
 */
export function wrapKey(wrapping: VersionedKey, key: KeyObject, name: WrappedKeyName): Bytes {
  assertVersionedKey(wrapping);
  assertAes256Key(key);
  const head = header(Format.WrappedKey, wrapping.version);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrapping.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([head, nameAad(name)]));
  const raw = key.export();
  try {
    return Buffer.concat([head, iv, cipher.update(raw), cipher.final(), cipher.getAuthTag()]);
  } finally {
    raw.fill(0);
  }
}

/** Unwraps a key written by `wrapKey`, or throws `DecryptionError`. */
export function unwrapKey(wrapped: Uint8Array, wrapping: KeySource, name: WrappedKeyName): KeyObject {
  const bytes = asBuffer(wrapped);
  const { format, keyVersion } = readEnvelopeHeader(bytes);
  if (format !== 'wrapped-key') throw new DecryptionError('unsupported-format');
  if (bytes.length !== WRAPPED_KEY_BYTES) throw new DecryptionError('malformed');
  const wrappingKey = findKey(wrapping, keyVersion);
  if (wrappingKey === undefined) throw new DecryptionError('unknown-key-version', keyVersion);
  const aad = Buffer.concat([bytes.subarray(0, HEADER_BYTES), nameAad(name)]);
  let raw: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      wrappingKey,
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES),
      {
        authTagLength: TAG_BYTES,
      },
    );
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    raw = Buffer.concat([
      decipher.update(bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError('authentication-failed', keyVersion);
  }
  return takeKey(raw);
}

/** The version of the key that wrapped `wrapped` (what a `kek_version` column mirrors). */
export function wrappingKeyVersion(wrapped: Uint8Array): number {
  const { format, keyVersion } = readEnvelopeHeader(wrapped);
  if (format !== 'wrapped-key') throw new DecryptionError('unsupported-format');
  return keyVersion;
}

/**
 * Re-wraps a key under another wrapping key (KEK rotation, organisation key rotation, the
 * crypto-shredding step of a purge). The wrapped key itself does not change, so nothing it
 * protects needs re-encrypting.
 */
export function rewrapKey(
  wrapped: Uint8Array,
  from: KeySource,
  to: VersionedKey,
  name: WrappedKeyName,
): Bytes {
  return wrapKey(to, unwrapKey(wrapped, from, name), name);
}
