import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@lapata/contracts';
import { createDecryptStream, createEncryptStream, type FieldContext, type KeySource, type VersionedKey } from '@lapata/crypto';
import { ApiError } from '../../common/errors/api-error';
import { BlobStore } from './blob-store';

export interface StoredFile {
  storageKey: string;
  /** SHA-256 of the plaintext, computed while it streamed through. */
  sha256: Buffer;
  sizeBytes: number;
}

/** The stored copy no longer decrypts or no longer matches its recorded hash. */
export class DamagedFileError extends ApiError {
  constructor() {
    super(500, ErrorCode.InternalError, 'The stored copy of this file is damaged and cannot be opened. Report it with the request id.');
  }
}

/** Counts and hashes what passes through; `check` fails the stream at its end if either is off. */
function measure(check?: { sha256: Uint8Array; sizeBytes: number }) {
  const hash = createHash('sha256');
  let size = 0;
  const result = { sha256: Buffer.alloc(0), sizeBytes: 0 };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      result.sha256 = hash.digest();
      result.sizeBytes = size;
      if (check && (size !== check.sizeBytes || !result.sha256.equals(Buffer.from(check.sha256)))) {
        callback(new DamagedFileError());
        return;
      }
      callback();
    },
  });
  return { stream, result };
}

/**
 * Documents and photos at rest: encrypted as a stream with the case's data key, bound to the row
 * that owns them (organisation, table, row id), and hashed on the way in and checked on the way out.
 * Nothing here holds a whole file in memory.
 */
@Injectable()
export class EncryptedFileService {
  private readonly logger = new Logger(EncryptedFileService.name);

  constructor(private readonly blobs: BlobStore) {}

  async store(plaintext: Readable, key: VersionedKey, context: FieldContext): Promise<StoredFile> {
    const measured = measure();
    const body = new PassThrough();
    const piping = pipeline(plaintext, measured.stream, createEncryptStream(key, context), body);
    const [put, piped] = await Promise.allSettled([this.blobs.put(body), piping]);
    if (put.status === 'fulfilled' && piped.status === 'fulfilled') {
      return { storageKey: put.value, ...measured.result };
    }
    if (put.status === 'fulfilled') await this.remove(put.value);
    throw piped.status === 'rejected' ? piped.reason : (put as PromiseRejectedResult).reason;
  }

  /**
   * The plaintext of a stored file. Waits for the first authenticated bytes, so that a blob damaged
   * at its start (or missing) fails before any answer is sent; damage further on errors the stream,
   * and the response must then be aborted, never completed.
   */
  async open(
    storageKey: string,
    keys: KeySource,
    context: FieldContext,
    expected: { sha256: Uint8Array; sizeBytes: number },
  ): Promise<Readable> {
    const source = await this.blobs.get(storageKey);
    const decrypt = createDecryptStream(keys, context);
    const verify = measure(expected).stream;
    const output = new PassThrough();
    pipeline(source, decrypt, verify, output).catch((error: unknown) => {
      if (!(error instanceof DamagedFileError)) this.logger.error({ err: error }, 'A stored file failed to decrypt');
      output.destroy(new DamagedFileError());
    });
    const iterator = output[Symbol.asyncIterator]();
    let first: IteratorResult<Buffer>;
    try {
      first = (await iterator.next()) as IteratorResult<Buffer>;
    } catch {
      throw new DamagedFileError();
    }
    return Readable.from(
      (async function* () {
        if (first.done) return;
        yield first.value;
        for (;;) {
          const next = (await iterator.next()) as IteratorResult<Buffer>;
          if (next.done) return;
          yield next.value;
        }
      })(),
      { objectMode: false },
    );
  }

  /** Deletes a blob; a failure is logged (the blob is ciphertext no row points to) and not thrown. */
  async remove(storageKey: string): Promise<void> {
    try {
      await this.blobs.delete(storageKey);
    } catch (error) {
      this.logger.error({ err: error }, 'An unreferenced blob could not be deleted');
    }
  }
}
