import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { generateDataKey } from '@lapata/crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, ConfigError } from '../../config/app-config';
import { testKeyEnv } from '../../testing/test-env';
import { BlobNotFoundError, type BlobStore } from './blob-store';
import { DamagedFileError, EncryptedFileService } from './encrypted-file.service';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same behaviour from every driver. */
function behavesAsABlobStore(name: string, make: () => BlobStore) {
  describe(name, () => {
    it('stores a stream under a fresh random key, reads it back and deletes it', async () => {
      const store = make();
      const content = randomBytes(6 * 1024 * 1024 + 17);
      const key = await store.put(Readable.from([content.subarray(0, 1000), content.subarray(1000)]));
      expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(await store.put(Readable.from([Buffer.from('x')]))).not.toBe(key);
      expect(Buffer.compare(await readAll(await store.get(key)), content)).toBe(0);
      await store.delete(key);
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      await store.delete(key);
    });

    it('refuses malformed keys', async () => {
      await expect(make().get('../../etc/passwd')).rejects.toThrow('Malformed blob key');
    });

    it('encrypts, hashes and checks what EncryptedFileService stores', async () => {
      const files = new EncryptedFileService(make());
      const key = { version: 1, key: generateDataKey() };
      const context = { organizationId: 'org', table: 'filing_versions', column: 'content', rowId: 'case/version' };
      const content = randomBytes(200 * 1024);
      const stored = await files.store(Readable.from([content]), key, context);
      expect(stored.sizeBytes).toBe(content.length);
      const opened = await files.open(stored.storageKey, [key], context, stored);
      expect(Buffer.compare(await readAll(opened), content)).toBe(0);
      // Bound to its row: the same blob opened as another record fails before any byte.
      await expect(files.open(stored.storageKey, [key], { ...context, rowId: 'case/other' }, stored)).rejects.toBeInstanceOf(DamagedFileError);
      // A recorded hash that does not match fails at the end.
      const wrongHash = await files.open(stored.storageKey, [key], context, { ...stored, sha256: Buffer.alloc(32) });
      await expect(readAll(wrongHash)).rejects.toBeInstanceOf(DamagedFileError);
    });
  });
}

describe('blob stores', () => {
  let directory: string;
  let s3rver: S3rver;
  let endpoint: string;
  const clients: S3BlobStore[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lapata-blobs-'));
    s3rver = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(directory, 's3rver'),
      configureBuckets: [{ name: 'lapata-test', configs: [] }],
    });
    const address = (await s3rver.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await s3rver?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  behavesAsABlobStore('local files', () => new LocalBlobStore(join(directory, 'local')));
  behavesAsABlobStore('S3-compatible object storage (s3rver)', () => {
    const store = new S3BlobStore(
      { bucket: 'lapata-test', region: 'us-east-1', endpoint, forcePathStyle: true },
      new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    );
    clients.push(store);
    return store;
  });

  it('leaves nothing half-written in the local store when the stream fails', async () => {
    const store = new LocalBlobStore(join(directory, 'failing'));
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('client went away');
    expect(await readdir(join(directory, 'failing', 'partial'))).toEqual([]);
    expect(await readdir(join(directory, 'failing', 'blobs')).catch(() => [])).toEqual([]);
  });
});

describe('storage configuration', () => {
  const DATABASE_URL = 'postgresql://lapata@127.0.0.1:5432/lapata';

  it('defaults to encrypted files under .data/storage and 25 MB documents', () => {
    const config = AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv() });
    expect(config.storage).toEqual({ driver: 'local', directory: './.data/storage' });
    expect(config.maxDocumentBytes).toBe(25 * 1024 * 1024);
  });

  it('reads the S3 settings, and names each wrong one', () => {
    const config = AppConfig.fromEnv({
      DATABASE_URL,
      ...testKeyEnv(),
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'lapata-docs',
      S3_ENDPOINT: 'https://s3.example.org',
      S3_REGION: 'eu-central-1',
      LAPATA_MAX_DOCUMENT_BYTES: '5000000',
    });
    expect(config.storage).toEqual({ driver: 's3', bucket: 'lapata-docs', region: 'eu-central-1', endpoint: 'https://s3.example.org', forcePathStyle: true });
    expect(config.maxDocumentBytes).toBe(5_000_000);
    expect(JSON.stringify(config)).toContain('s3 bucket lapata-docs');

    let problems: readonly string[] = [];
    try {
      AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv(), STORAGE_DRIVER: 'ftp', LAPATA_MAX_DOCUMENT_BYTES: '12' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect([...problems].sort()).toEqual(['LAPATA_MAX_DOCUMENT_BYTES must be at least 1024 bytes', 'STORAGE_DRIVER must be local or s3']);
    try {
      AppConfig.fromEnv({ DATABASE_URL, ...testKeyEnv(), STORAGE_DRIVER: 's3' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual(['S3_BUCKET is required when STORAGE_DRIVER is s3']);
  });
});
