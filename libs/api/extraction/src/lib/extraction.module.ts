import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ratsinfo/api-database';
import { FileStorage, LocalFolderStorage } from '@ratsinfo/api-files';
import { TextExtractionHandler } from './extraction.handler';

/**
 * The worker's text extraction (`file.text-extraction-requested`). Needs JobsModule (global in
 * the worker). The storage adapter is the files library's default (local folder), as in FilesModule.
 */
@Module({
  imports: [DatabaseModule],
  providers: [TextExtractionHandler, { provide: FileStorage, useClass: LocalFolderStorage }],
})
export class ExtractionModule {}
