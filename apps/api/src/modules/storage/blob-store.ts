import type { Readable } from 'node:stream';

/**
 * Where encrypted blobs live. Keys are chosen here, never by a caller or a user (no file names, no
 * paths), so a stored object reveals nothing and cannot be made to collide with another.
 * Implementations store only ciphertext: encryption happens before `put` (EncryptedFileService).
 */
export abstract class BlobStore {
  /** Stores the whole stream under a new random key and returns the key; nothing is kept on failure. */
  abstract put(body: Readable): Promise<string>;
  /** The stored bytes; fails with BlobNotFoundError when the key holds nothing. */
  abstract get(key: string): Promise<Readable>;
  /** Removes the blob; removing a missing blob is not an error (deletes are retried). */
  abstract delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor() {
    super('No stored blob has this key');
  }
}

/** 128 random bits in hex, fanned out by the first two characters: `3f/3fa9…`. */
export const BLOB_KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

export function assertBlobKey(key: string): void {
  // Keys come from our own rows, but a path built from a malformed one must never leave the store.
  if (!BLOB_KEY_PATTERN.test(key)) throw new Error('Malformed blob key');
}
