import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import {
  createDecryptStream,
  createEncryptStream,
  generateDataKey,
  type FieldContext,
  type VersionedKey,
} from '@lapata/crypto';
import { ErrorCode } from '@lapata/contracts';
import { ApiError, ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';

/** The file part of a multipart upload, kept on disk encrypted with a key that lives only in memory. */
export interface SpooledFile {
  readonly path: string;
  readonly key: VersionedKey;
  readonly context: FieldContext;
  readonly sizeBytes: number;
  /** The part was longer than the route allows; the excess was read and thrown away. */
  readonly tooLarge: boolean;
}

export interface SpooledUpload {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: SpooledFile | null;
  /** More than one file, or a file under another field name than `file`. */
  readonly unexpectedFiles: boolean;
}

export interface RequestWithUpload extends Request {
  upload?: SpooledUpload;
}

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const SPOOL_DIR = join(tmpdir(), 'lapata-upload-spool');

/** The uploaded file's plaintext, read back from the spool. */
export function readSpooledFile(file: SpooledFile): Readable {
  const decrypt = createDecryptStream([file.key], file.context);
  const source = createReadStream(file.path);
  source.once('error', (error) => decrypt.destroy(error));
  return source.pipe(decrypt);
}

function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

async function spoolFile(stream: Readable & { truncated?: boolean }): Promise<SpooledFile> {
  await mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  const path = join(SPOOL_DIR, randomBytes(16).toString('hex'));
  const key: VersionedKey = { version: 1, key: generateDataKey() };
  const context: FieldContext = { organizationId: null, table: 'upload_spool', column: 'content', rowId: randomUUID() };
  let sizeBytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(stream, count, createEncryptStream(key, context), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, key, context, sizeBytes, tooLarge: stream.truncated === true };
}

/**
 * Reads a multipart upload BEFORE the request's database transaction opens: a slow phone
 * connection may take minutes to send 25 MB, and a transaction must not stay open that long.
 * The file streams to a temporary file encrypted with a random in-memory key (plaintext never
 * touches the disk), at most `maxBytes` of it; the use case then checks access, content and size
 * and stores it under the case's key. The spool is deleted when the response ends, however it ends.
 * An aborted upload never reaches the use case, so it leaves no row and no blob.
 *
 * Only requests that carry a cookie are spooled; anything else goes straight to the route, which
 * answers 401 (or, for a body that is not multipart, 400 once access is checked).
 */
abstract class UploadSpoolMiddleware implements NestMiddleware {
  protected abstract maxBytes(): number;

  // Async so that a rejection reaches Nest's exception filter (the usual error body), not Express's.
  async use(request: RequestWithUpload, response: Response, next: NextFunction): Promise<void> {
    if (!request.headers.cookie || !isMultipart(request)) {
      next();
      return;
    }
    let upload: SpooledUpload;
    try {
      upload = await this.spool(request);
    } catch (error) {
      // The client went away mid-upload: there is nobody to answer.
      if (request.socket.destroyed || response.destroyed) return;
      throw error instanceof ApiError
        ? error
        : new ValidationError({ file: ['The upload was interrupted. Try again.'] }, 'The upload was interrupted.');
    }
    request.upload = upload;
    const discard = () => void (upload.file && rm(upload.file.path, { force: true }));
    if (response.writableFinished || response.destroyed) discard();
    else response.once('close', discard);
    next();
  }

  private async spool(request: Request): Promise<SpooledUpload> {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 1, fileSize: this.maxBytes(), fields: 20, fieldSize: 16 * 1024, parts: 30, headerPairs: 50 },
      });
    } catch {
      throw new ValidationError({ file: ['Send the file as multipart/form-data.'] }, 'The upload is not valid multipart/form-data.');
    }
    const fields: Record<string, string> = {};
    let file: Promise<SpooledFile> | undefined;
    let fileStream: Readable | undefined;
    let unexpectedFiles = false;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      // busboy destroys a part's stream with an error when the body stops short; that can happen
      // before the spool's pipeline listens (it first awaits the folder), and an 'error' event with
      // no listener would crash the process. The pipeline still sees the stream's error.
      stream.on('error', () => undefined);
      if (file || name !== 'file') {
        unexpectedFiles = true;
        stream.resume();
        return;
      }
      fileStream = stream;
      file = spoolFile(stream);
      // Handled below; until then a rejection must not count as unhandled.
      file.catch(() => undefined);
    });
    parser.on('filesLimit', () => {
      unexpectedFiles = true;
    });
    try {
      await pipeline(request, parser);
    } catch (error) {
      // busboy does not always end the part's stream when the body stops short: end it here so
      // the spool's own pipeline fails and removes its file.
      fileStream?.destroy(error instanceof Error ? error : new Error('The upload stopped'));
      const spooled = await file?.catch(() => undefined);
      if (spooled) await rm(spooled.path, { force: true });
      throw error;
    }
    return { fields, file: file ? await file : null, unexpectedFiles };
  }
}

@Injectable()
export class PhotoUploadMiddleware extends UploadSpoolMiddleware {
  protected maxBytes(): number {
    return PHOTO_MAX_BYTES;
  }
}

@Injectable()
export class DocumentUploadMiddleware extends UploadSpoolMiddleware {
  constructor(private readonly config: AppConfig) {
    super();
  }

  protected maxBytes(): number {
    return this.config.maxDocumentBytes;
  }
}

/** The spooled file, or the 4xx that says what is wrong with the upload. */
export function requireSpooledFile(upload: SpooledUpload | undefined, maxBytes: number): SpooledFile {
  if (!upload?.file) {
    throw new ValidationError({ file: ['Choose a file to upload (multipart/form-data, field "file").'] }, 'No file was sent.');
  }
  if (upload.unexpectedFiles) throw new ValidationError({ file: ['Send one file at a time.'] }, 'Send one file at a time.');
  if (upload.file.tooLarge) throw new FileTooLargeError(maxBytes);
  if (upload.file.sizeBytes === 0) throw new ValidationError({ file: ['The file is empty.'] }, 'The file is empty.');
  return upload.file;
}

export class FileTooLargeError extends ApiError {
  constructor(maxBytes: number) {
    const megabytes = Math.floor(maxBytes / (1024 * 1024));
    const limit = megabytes >= 1 ? `${megabytes} MB` : `${maxBytes} bytes`;
    super(413, ErrorCode.PayloadTooLarge, `The file is larger than ${limit}.`, { file: [`The file is larger than ${limit}.`] });
  }
}
