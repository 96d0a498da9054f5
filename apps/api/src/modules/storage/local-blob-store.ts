import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, BlobStore, assertBlobKey } from './blob-store';
import { makePrivateDirectory } from '../../common/fs/private-directory';

/**
 * Blobs as files under one directory: `<dir>/blobs/3f/3fa9…`. A blob is written to
 * `<dir>/partial/` first and renamed into place only once complete and flushed to disk, so a crash
 * or an aborted upload never leaves a half-written blob under a real key.
 */
export class LocalBlobStore extends BlobStore {
  private readonly root: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async put(body: Readable): Promise<string> {
    const random = randomBytes(16).toString('hex');
    const key = `${random.slice(0, 2)}/${random}`;
    const partial = join(this.root, 'partial', `${random}.part`);
    await makePrivateDirectory(this.root);
    await mkdir(dirname(partial), { recursive: true, mode: 0o700 });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const target = this.path(key);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return key;
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    const stream = createReadStream(path);
    // Open before answering so that a missing blob is an error here, not in the middle of a response.
    await new Promise<void>((done, fail) => {
      stream.once('open', () => done());
      stream.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'ENOENT' ? new BlobNotFoundError() : error));
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** The file of a key (tests tamper with it). */
  path(key: string): string {
    assertBlobKey(key);
    return join(this.root, 'blobs', key);
  }
}
