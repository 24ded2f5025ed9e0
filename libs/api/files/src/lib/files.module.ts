import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from './bundle-requests';
import { FileStorage, LocalFolderStorage } from './file-storage';
import { FilesController, PortalFilesController } from './files.controller';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { OrphanBlobSweeper } from './orphan-blob-sweeper';

/** Files: storage port (local folder by default), uploads, versions, downloads, the orphan sweep. */
@Module({
  imports: [CouncilModule],
  controllers: [FilesController, PortalFilesController],
  providers: [MeetingBundleRequests, FilesService, FilesRepository, OrphanBlobSweeper, { provide: FileStorage, useClass: LocalFolderStorage }],
  exports: [MeetingBundleRequests, FileStorage, FilesRepository, FilesService, OrphanBlobSweeper],
})
export class FilesModule {}
