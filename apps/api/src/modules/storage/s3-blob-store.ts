import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BlobNotFoundError, BlobStore, assertBlobKey } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, Garage, Ceph…); unset for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
}

/**
 * Blobs as objects in one bucket, uploaded in 5 MiB multipart parts as they stream in (at most
 * a few parts in memory, never the whole file). Credentials come from the SDK's standard chain.
 * An upload that fails is aborted by lib-storage, so no parts are left behind.
 */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3BlobStoreOptions, client?: S3Client) {
    super();
    this.client =
      client ??
      new S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
      });
  }

  async put(body: Readable): Promise<string> {
    const random = randomBytes(16).toString('hex');
    const key = `${random.slice(0, 2)}/${random}`;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    return key;
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error('The object store answered without a body stream');
      return object.Body;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new BlobNotFoundError();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}
