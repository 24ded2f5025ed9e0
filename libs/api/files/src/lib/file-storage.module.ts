import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { FileStorage, LocalFolderStorage } from './file-storage';
import { S3Storage } from './s3-storage';

/** The adapter FILE_STORAGE selects: the local folder (default) or S3 (docs/adr/0021-storage-and-metrics.md). */
export function createFileStorage(config: AppConfig): FileStorage {
  return config.FILE_STORAGE === 's3' ? new S3Storage(config) : new LocalFolderStorage(config);
}

/**
 * The one binding of the FileStorage port. Every module that reads or writes blobs (files,
 * extraction, bundles, exports) imports this instead of choosing an adapter itself.
 */
@Module({
  providers: [{ provide: FileStorage, useFactory: createFileStorage, inject: [APP_CONFIG] }],
  exports: [FileStorage],
})
export class FileStorageModule {}
