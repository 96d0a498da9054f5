import { DecryptionError } from './errors';
import { asBuffer } from './encoding';

/**
 * First byte of every ciphertext this library writes. Distinct values keep a wrapped key from
 * being read as a field value, a stream header as a wrapped key, and so on; a future format gets
 * a new byte and old values stay readable.
 */
export const Format = {
  Field: 0x01,
  Stream: 0x02,
  WrappedKey: 0x03,
} as const;
export type Format = (typeof Format)[keyof typeof Format];

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** Format byte and 32-bit big-endian key version. */
export const HEADER_BYTES = 5;

export function header(format: Format, keyVersion: number): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeUInt8(format, 0);
  bytes.writeUInt32BE(keyVersion, 1);
  return bytes;
}

export interface EnvelopeHeader {
  readonly format: 'field' | 'stream' | 'wrapped-key';
  readonly keyVersion: number;
}

const formatNames: Record<number, EnvelopeHeader['format']> = {
  [Format.Field]: 'field',
  [Format.Stream]: 'stream',
  [Format.WrappedKey]: 'wrapped-key',
};

/**
 * Reads the format and key version of any value this library wrote, without decrypting it: what
 * a rotation job uses to find values still under an old key version, and what a repository uses
 * to fetch the right key before decrypting.
 */
export function readEnvelopeHeader(value: Uint8Array): EnvelopeHeader {
  const bytes = asBuffer(value);
  if (bytes.length < HEADER_BYTES) throw new DecryptionError('malformed');
  const format = formatNames[bytes.readUInt8(0)];
  if (format === undefined) throw new DecryptionError('unsupported-format');
  const keyVersion = bytes.readUInt32BE(1);
  if (keyVersion === 0) throw new DecryptionError('malformed');
  return { format, keyVersion };
}
