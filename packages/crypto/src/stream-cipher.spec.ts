import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors';
import { readEnvelopeHeader } from './envelope';
import type { FieldContext } from './field-context';
import { generateDataKey, type KeySource, type VersionedKey } from './keys';
import { DEFAULT_SEGMENT_BYTES, createDecryptStream, createEncryptStream } from './stream-cipher';

const HEADER = 49;
const TAG = 16;

function filingContext(): FieldContext {
  return { organizationId: randomUUID(), table: 'filing_versions', column: 'content', rowId: randomUUID() };
}

/** Feeds `input` in chunks of irregular sizes, as a socket or a file would. */
function chunked(input: Buffer, sizes: number[] = [1, 7, 4096, 65_535, 65_537, 200_000]): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0, turn = 0; offset < input.length; turn++) {
    const size = sizes[turn % sizes.length] as number;
    chunks.push(input.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(chunks);
}

async function collect(source: Readable, transform: NodeJS.ReadWriteStream): Promise<Buffer> {
  const output: Buffer[] = [];
  await pipeline(source, transform, async (stream: AsyncIterable<Buffer | string>) => {
    for await (const chunk of stream) output.push(Buffer.from(chunk));
  });
  return Buffer.concat(output);
}

function encrypt(
  plaintext: Buffer,
  key: VersionedKey,
  context: FieldContext,
  segmentBytes?: number,
): Promise<Buffer> {
  return collect(chunked(plaintext), createEncryptStream(key, context, { segmentBytes }));
}

function decrypt(ciphertext: Buffer, keys: KeySource, context: FieldContext): Promise<Buffer> {
  return collect(chunked(ciphertext, [3, 70_000, 1, 9000]), createDecryptStream(keys, context));
}

/** Splits a stream's ciphertext into header and sealed segments. */
function segments(ciphertext: Buffer, segmentBytes: number): { header: Buffer; sealed: Buffer[] } {
  const sealed: Buffer[] = [];
  for (let offset = HEADER; offset < ciphertext.length; offset += segmentBytes + TAG) {
    sealed.push(ciphertext.subarray(offset, offset + segmentBytes + TAG));
  }
  return { header: ciphertext.subarray(0, HEADER), sealed };
}

async function decryptionFailure(run: Promise<unknown>): Promise<DecryptionError> {
  const error = await run.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DecryptionError);
  return error as DecryptionError;
}

describe('stream encryption', () => {
  const key: VersionedKey = { version: 4, key: generateDataKey() };
  const context = filingContext();
  const document = randomBytes(5 * 1024 * 1024 + 12_345);
  const encrypted = encrypt(document, key, context);

  it('round-trips a 5 MB document in 64 KiB segments', async () => {
    const ciphertext = await encrypted;
    const segmentCount = Math.ceil(document.length / DEFAULT_SEGMENT_BYTES);
    expect(ciphertext.length).toBe(HEADER + document.length + segmentCount * TAG);
    expect(readEnvelopeHeader(ciphertext)).toEqual({ format: 'stream', keyVersion: 4 });
    expect((await decrypt(ciphertext, key, context)).equals(document)).toBe(true);
  });

  it('round-trips the empty document and exact multiples of the segment size', async () => {
    for (const length of [0, 1, 1024, 3072, 3073]) {
      const plaintext = randomBytes(length);
      const ciphertext = await encrypt(plaintext, key, context, 1024);
      expect(ciphertext.length).toBe(HEADER + length + Math.max(1, Math.ceil(length / 1024)) * TAG);
      expect((await decrypt(ciphertext, key, context)).equals(plaintext)).toBe(true);
    }
  });

  it('fails when the stream is cut at a segment boundary', async () => {
    const ciphertext = await encrypted;
    const cut = ciphertext.subarray(0, HEADER + 10 * (DEFAULT_SEGMENT_BYTES + TAG));
    expect((await decryptionFailure(decrypt(cut, key, context))).reason).toBe('authentication-failed');
  });

  it('fails when the stream is cut inside a segment, or inside the header', async () => {
    const ciphertext = await encrypted;
    await decryptionFailure(decrypt(ciphertext.subarray(0, ciphertext.length - 1), key, context));
    expect((await decryptionFailure(decrypt(ciphertext.subarray(0, HEADER + 10), key, context))).reason).toBe(
      'truncated',
    );
    expect((await decryptionFailure(decrypt(ciphertext.subarray(0, 30), key, context))).reason).toBe(
      'truncated',
    );
    expect((await decryptionFailure(decrypt(Buffer.alloc(0), key, context))).reason).toBe('truncated');
  });

  it('fails when two segments are swapped, one is dropped or one is repeated', async () => {
    const { header, sealed } = segments(await encrypted, DEFAULT_SEGMENT_BYTES);
    const [first, second, ...rest] = sealed as [Buffer, Buffer, ...Buffer[]];
    for (const altered of [
      [second, first, ...rest],
      [first, ...rest],
      [first, second, second, ...rest],
      [first, second, ...rest, rest[rest.length - 1] as Buffer],
    ]) {
      await decryptionFailure(decrypt(Buffer.concat([header, ...altered]), key, context));
    }
  });

  it('fails on a flipped bit in the header, a segment or a tag', async () => {
    const ciphertext = await encrypted;
    for (const index of [0, 4, 6, 20, 45, HEADER, HEADER + 70_000, ciphertext.length - 1]) {
      const tampered = Buffer.from(ciphertext);
      tampered[index] = (tampered[index] as number) ^ 0x04;
      await decryptionFailure(decrypt(tampered, key, context));
    }
  });

  it('fails for another filing, another key, or a key version it does not have', async () => {
    const ciphertext = await encrypted;
    await decryptionFailure(decrypt(ciphertext, key, { ...context, rowId: randomUUID() }));
    expect(
      (await decryptionFailure(decrypt(ciphertext, { version: 4, key: generateDataKey() }, context))).reason,
    ).toBe('authentication-failed');
    const unknown = await decryptionFailure(decrypt(ciphertext, { version: 5, key: key.key }, context));
    expect([unknown.reason, unknown.keyVersion]).toEqual(['unknown-key-version', 4]);
  });

  it('does not splice segments of two streams of the same filing and key', async () => {
    const plaintext = randomBytes(4096);
    const one = segments(await encrypt(plaintext, key, context, 1024), 1024);
    const two = segments(await encrypt(plaintext, key, context, 1024), 1024);
    const spliced = Buffer.concat([one.header, one.sealed[0] as Buffer, ...two.sealed.slice(1)]);
    await decryptionFailure(decrypt(spliced, key, context));
  });

  it('refuses a field value where a stream is expected', async () => {
    const fieldLike = Buffer.concat([Buffer.from([0x01, 0, 0, 0, 4]), randomBytes(80)]);
    expect((await decryptionFailure(decrypt(fieldLike, key, context))).reason).toBe('unsupported-format');
  });

  it('checks the segment size', () => {
    expect(() => createEncryptStream(key, context, { segmentBytes: 0 })).toThrow(RangeError);
    expect(() => createEncryptStream(key, context, { segmentBytes: 17 * 1024 * 1024 })).toThrow(RangeError);
  });
});
