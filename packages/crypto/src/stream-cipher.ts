import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { MAX_KEY_VERSION, uint32 } from './encoding';
import { DecryptionError } from './errors';
import { fieldAad, type FieldContext } from './field-context';
import { Format, HEADER_BYTES, TAG_BYTES, header, readEnvelopeHeader } from './envelope';
import { KEY_BYTES, assertVersionedKey, findKey, type KeySource, type VersionedKey } from './keys';

/*
 * Segmented AES-256-GCM for documents and photos (see README "Stream format").
 *
 * header   = 0x02 | key version (uint32 BE) | segment size S (uint32 BE) | salt (32) | nonce prefix (8)
 * segments = each S plaintext bytes (the last 0..S) sealed as ciphertext | tag (16)
 *
 * Each stream gets its own AES key, HKDF-SHA256(data key, salt, "lapata/stream-key/v1"), so
 * nonces never repeat across streams under one data key. Segment i uses the nonce
 * prefix | uint32 BE i, and its associated data is header | fieldAad(context, "stream") | final,
 * where final is 1 for the last segment and 0 otherwise. Reordering changes the nonce, dropping
 * the tail leaves a last segment sealed as non-final, and appending makes the real last segment
 * non-final: all three fail authentication.
 */

export const DEFAULT_SEGMENT_BYTES = 64 * 1024;
export const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;
const SALT_BYTES = 32;
const NONCE_PREFIX_BYTES = 8;
const STREAM_HEADER_BYTES = HEADER_BYTES + 4 + SALT_BYTES + NONCE_PREFIX_BYTES;
const STREAM_KEY_INFO = Buffer.from('lapata/stream-key/v1', 'utf8');
const FINAL = Buffer.from([1]);
const NOT_FINAL = Buffer.from([0]);

export interface EncryptStreamOptions {
  /** Plaintext bytes per segment, 1 B to 16 MiB; 64 KiB by default. */
  readonly segmentBytes?: number;
}

interface StreamParameters {
  readonly keyVersion: number;
  readonly segmentBytes: number;
  readonly key: KeyObject;
  readonly noncePrefix: Buffer;
  readonly aadPrefix: Buffer;
}

function streamKey(dataKey: KeyObject, salt: Buffer): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', dataKey, salt, STREAM_KEY_INFO, KEY_BYTES)));
}

function nonce(parameters: StreamParameters, index: number): Buffer {
  if (index > MAX_KEY_VERSION) throw new RangeError('The stream has too many segments');
  return Buffer.concat([parameters.noncePrefix, uint32(index)]);
}

function seal(parameters: StreamParameters, index: number, plaintext: Buffer, final: boolean): Buffer {
  const cipher = createCipheriv('aes-256-gcm', parameters.key, nonce(parameters, index), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.concat([parameters.aadPrefix, final ? FINAL : NOT_FINAL]));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function open(parameters: StreamParameters, index: number, sealed: Buffer, final: boolean): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', parameters.key, nonce(parameters, index), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.concat([parameters.aadPrefix, final ? FINAL : NOT_FINAL]));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError('authentication-failed', parameters.keyVersion);
  }
}

function assertSegmentBytes(segmentBytes: number): void {
  if (!Number.isInteger(segmentBytes) || segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
    throw new RangeError(`segmentBytes must be an integer from 1 to ${MAX_SEGMENT_BYTES}`);
  }
}

/**
 * A Transform that encrypts a document of any size in constant memory. Pipe the plaintext in and
 * store what comes out; `createDecryptStream` with the same context reads it back.
 */
export function createEncryptStream(
  key: VersionedKey,
  context: FieldContext,
  options: EncryptStreamOptions = {},
): Transform {
  assertVersionedKey(key);
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  assertSegmentBytes(segmentBytes);
  const salt = randomBytes(SALT_BYTES);
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const head = Buffer.concat([header(Format.Stream, key.version), uint32(segmentBytes), salt, noncePrefix]);
  const parameters: StreamParameters = {
    keyVersion: key.version,
    segmentBytes,
    key: streamKey(key.key, salt),
    noncePrefix,
    aadPrefix: Buffer.concat([head, fieldAad(context, 'stream')]),
  };

  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let headerSent = false;
  const sendHeader = (stream: Transform): void => {
    if (!headerSent) {
      stream.push(head);
      headerSent = true;
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        sendHeader(this);
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        let offset = 0;
        // Keep at least one byte back: only the end of input tells which segment is the last.
        while (pending.length - offset > segmentBytes) {
          this.push(seal(parameters, index++, pending.subarray(offset, offset + segmentBytes), false));
          offset += segmentBytes;
        }
        pending = Buffer.from(pending.subarray(offset));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        sendHeader(this);
        this.push(seal(parameters, index++, pending, true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

function readStreamHeader(head: Buffer, keys: KeySource, context: FieldContext): StreamParameters {
  const { format, keyVersion } = readEnvelopeHeader(head);
  if (format !== 'stream') throw new DecryptionError('unsupported-format');
  const segmentBytes = head.readUInt32BE(HEADER_BYTES);
  if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) throw new DecryptionError('malformed');
  const dataKey = findKey(keys, keyVersion);
  if (dataKey === undefined) throw new DecryptionError('unknown-key-version', keyVersion);
  const salt = head.subarray(HEADER_BYTES + 4, HEADER_BYTES + 4 + SALT_BYTES);
  return {
    keyVersion,
    segmentBytes,
    key: streamKey(dataKey, salt),
    noncePrefix: Buffer.from(head.subarray(HEADER_BYTES + 4 + SALT_BYTES)),
    aadPrefix: Buffer.concat([head, fieldAad(context, 'stream')]),
  };
}

/**
 * A Transform that decrypts what `createEncryptStream` wrote, failing with `DecryptionError` on
 * any alteration, truncation, reordering or wrong context. Each segment is released only once it
 * authenticates, but a later segment can still fail: a consumer must treat an error as "discard
 * everything received" (abort the HTTP response, delete the temporary file).
 */
export function createDecryptStream(keys: KeySource, context: FieldContext): Transform {
  let parameters: StreamParameters | undefined;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        if (parameters === undefined) {
          if (pending.length < STREAM_HEADER_BYTES) return callback();
          parameters = readStreamHeader(Buffer.from(pending.subarray(0, STREAM_HEADER_BYTES)), keys, context);
          pending = pending.subarray(STREAM_HEADER_BYTES);
        }
        const sealedBytes = parameters.segmentBytes + TAG_BYTES;
        let offset = 0;
        // A full segment followed by more bytes cannot be the last one.
        while (pending.length - offset > sealedBytes) {
          this.push(open(parameters, index++, pending.subarray(offset, offset + sealedBytes), false));
          offset += sealedBytes;
        }
        pending = Buffer.from(pending.subarray(offset));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (parameters === undefined || pending.length < TAG_BYTES) {
          throw new DecryptionError('truncated', parameters?.keyVersion);
        }
        this.push(open(parameters, index++, pending, true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
