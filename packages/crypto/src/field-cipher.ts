import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { asBuffer, type Bytes } from './encoding';
import { DecryptionError } from './errors';
import { fieldAad, type FieldContext } from './field-context';
import { Format, HEADER_BYTES, IV_BYTES, TAG_BYTES, header, readEnvelopeHeader } from './envelope';
import { assertVersionedKey, findKey, type KeySource, type VersionedKey } from './keys';

/**
 * Encrypts one field value with AES-256-GCM.
 *
 * Layout: format 0x01 (1 byte) | key version (uint32 BE) | IV (12 random bytes) | ciphertext |
 * tag (16 bytes). The associated data is the 5-byte header followed by `fieldAad(context)`, so the
 * key version and the value's place are both authenticated.
 */
export function encryptField(plaintext: Uint8Array, key: VersionedKey, context: FieldContext): Bytes {
  assertVersionedKey(key);
  const head = header(Format.Field, key.version);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([head, fieldAad(context)]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, ciphertext, cipher.getAuthTag()]);
}

/** Decrypts a value written by `encryptField`, or throws `DecryptionError`. */
export function decryptField(envelope: Uint8Array, keys: KeySource, context: FieldContext): Buffer {
  const bytes = asBuffer(envelope);
  const { format, keyVersion } = readEnvelopeHeader(bytes);
  if (format !== 'field') throw new DecryptionError('unsupported-format');
  if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) throw new DecryptionError('malformed');
  const key = findKey(keys, keyVersion);
  if (key === undefined) throw new DecryptionError('unknown-key-version', keyVersion);

  const aad = Buffer.concat([bytes.subarray(0, HEADER_BYTES), fieldAad(context)]);
  const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const ciphertext = bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // OpenSSL's message ("Unsupported state or unable to authenticate data") says nothing useful;
    // the cause is always one of: wrong key, wrong context, altered bytes.
    throw new DecryptionError('authentication-failed', keyVersion);
  }
}

export function encryptString(value: string, key: VersionedKey, context: FieldContext): Bytes {
  return encryptField(Buffer.from(value, 'utf8'), key, context);
}

export function decryptString(envelope: Uint8Array, keys: KeySource, context: FieldContext): string {
  return decryptField(envelope, keys, context).toString('utf8');
}

/**
 * Encrypts any JSON value (a list of phone numbers, an address object). Validate the shape after
 * decrypting: `decryptJson` returns `unknown` on purpose.
 */
export function encryptJson(value: unknown, key: VersionedKey, context: FieldContext): Bytes {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('The value has no JSON representation');
  return encryptString(text, key, context);
}

export function decryptJson(envelope: Uint8Array, keys: KeySource, context: FieldContext): unknown {
  const text = decryptString(envelope, keys, context);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's own message quotes the text, which is personal data.
    throw new TypeError('The decrypted value is not JSON');
  }
}

/**
 * Moves a value to another key version (rotation). The plaintext exists only inside this call.
 * A value already under `to.version` is checked and returned unchanged.
 */
export function reencryptField(
  envelope: Uint8Array,
  from: KeySource,
  to: VersionedKey,
  context: FieldContext,
): Bytes {
  const bytes = asBuffer(envelope);
  if (readEnvelopeHeader(bytes).keyVersion === to.version) {
    decryptField(bytes, to, context).fill(0);
    return Buffer.from(bytes);
  }
  const plaintext = decryptField(bytes, from, context);
  try {
    return encryptField(plaintext, to, context);
  } finally {
    plaintext.fill(0);
  }
}
