// In `u` mode a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Canonical, unambiguous encoding of a list of strings: each part is its UTF-8 byte length as a
 * 32-bit big-endian integer followed by its bytes. Unlike a join on a separator, no two different
 * lists encode to the same bytes ("a|b","c" versus "a","b|c").
 */
export function encodeParts(parts: readonly string[]): Buffer {
  const buffers: Buffer[] = [];
  for (const [index, part] of parts.entries()) {
    if (typeof part !== 'string') {
      throw new TypeError(`Part ${index} must be a string`);
    }
    // A lone surrogate would be replaced by U+FFFD and collide with another string.
    if (LONE_SURROGATE.test(part)) {
      throw new TypeError(`Part ${index} is not well-formed Unicode`);
    }
    const bytes = Buffer.from(part, 'utf8');
    buffers.push(uint32(bytes.length), bytes);
  }
  return Buffer.concat(buffers);
}

export function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

export const MAX_KEY_VERSION = 0xffff_ffff;

export function assertKeyVersion(version: number, what = 'key version'): void {
  if (!Number.isInteger(version) || version < 1 || version > MAX_KEY_VERSION) {
    throw new RangeError(`The ${what} must be an integer from 1 to ${MAX_KEY_VERSION}`);
  }
}

/** Accepts Buffers and the plain Uint8Arrays Prisma returns for `Bytes` columns, without copying. */
/**
 * A Buffer over a plain ArrayBuffer: what Prisma's `Bytes` columns take (`Uint8Array<ArrayBuffer>`),
 * so ciphertexts and index values can be stored without a copy.
 */
export type Bytes = Buffer<ArrayBuffer>;

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict base64 (Buffer.from silently skips invalid characters, which would turn a typo into a
 * different key). Returns undefined when the text is not base64.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const trimmed = text.trim();
  return BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
}
