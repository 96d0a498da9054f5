import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { BlobStore } from './blob-store';
import { EncryptedFileService } from './encrypted-file.service';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { DocumentUploadMiddleware, PhotoUploadMiddleware } from './upload-spool';

export function createBlobStore(config: AppConfig): BlobStore {
  const storage = config.storage;
  if (storage.driver === 's3') {
    return new S3BlobStore({
      bucket: storage.bucket,
      region: storage.region,
      endpoint: storage.endpoint,
      forcePathStyle: storage.forcePathStyle,
    });
  }
  return new LocalBlobStore(storage.directory);
}

/** Encrypted file storage for every module that keeps documents or photos. */
@Global()
@Module({
  providers: [
    { provide: BlobStore, inject: [AppConfig], useFactory: createBlobStore },
    EncryptedFileService,
    PhotoUploadMiddleware,
    DocumentUploadMiddleware,
  ],
  exports: [BlobStore, EncryptedFileService, PhotoUploadMiddleware, DocumentUploadMiddleware],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(BlobStore) private readonly blobs: BlobStore) {}

  onApplicationShutdown(): void {
    if (this.blobs instanceof S3BlobStore) this.blobs.close();
  }
}
