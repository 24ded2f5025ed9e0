import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { FileStorage, LocalFolderStorage } from './file-storage';
import { FilesController, PortalFilesController } from './files.controller';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { OrphanBlobSweeper } from './orphan-blob-sweeper';

/** Files: storage port (local folder by default), uploads, versions, downloads, the orphan sweep. */
@Module({
  imports: [CouncilModule],
  controllers: [FilesController, PortalFilesController],
  providers: [FilesService, FilesRepository, OrphanBlobSweeper, { provide: FileStorage, useClass: LocalFolderStorage }],
  exports: [FileStorage, FilesRepository, FilesService, OrphanBlobSweeper],
})
export class FilesModule {}
