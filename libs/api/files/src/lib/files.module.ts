import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from './bundle-requests';
import { FileStorageModule } from './file-storage.module';
import { FilesController, PortalFilesController } from './files.controller';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { OrphanBlobSweeper } from './orphan-blob-sweeper';

/** Files: storage port (FileStorageModule: local folder by default, or S3), uploads, versions, downloads, the orphan sweep. */
@Module({
  imports: [CouncilModule, FileStorageModule],
  controllers: [FilesController, PortalFilesController],
  providers: [MeetingBundleRequests, FilesService, FilesRepository, OrphanBlobSweeper],
  exports: [MeetingBundleRequests, FileStorageModule, FilesRepository, FilesService, OrphanBlobSweeper],
})
export class FilesModule {}
