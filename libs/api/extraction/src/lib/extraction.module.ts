import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ratsinfo/api-database';
import { FileStorageModule } from '@ratsinfo/api-files';
import { TextExtractionHandler } from './extraction.handler';

/**
 * The worker's text extraction (`file.text-extraction-requested`). Needs JobsModule (global in
 * the worker). The storage adapter is the one FILE_STORAGE selects (FileStorageModule), as in FilesModule.
 */
@Module({
  imports: [DatabaseModule, FileStorageModule],
  providers: [TextExtractionHandler],
})
export class ExtractionModule {}
