import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { FileStorageModule, FilesModule } from '@ratsinfo/api-files';
import { BundleDownloadsService } from './bundle-downloads.service';
import { OfficeBundleController, PortalBundleController } from './bundle-downloads.controller';
import { BUNDLE_LIMITS, DEFAULT_BUNDLE_LIMITS, MeetingBundleGenerator } from './bundle-generator';
import { BundleRequestedHandler } from './bundle-requested.handler';

/**
 * The worker's side: the `bundle.meeting-requested` handler and the generator. Needs JobsModule
 * (global in the worker). The storage is the one FILE_STORAGE selects (FileStorageModule), as in the API's FilesModule
 * (which the worker does not load: it brings the HTTP side of files along).
 */
@Module({
  imports: [FileStorageModule],
  providers: [MeetingBundleGenerator, BundleRequestedHandler, { provide: BUNDLE_LIMITS, useValue: DEFAULT_BUNDLE_LIMITS }],
  exports: [MeetingBundleGenerator],
})
export class BundlesModule {}

/** The API's side: downloads on the portal and in the back office. */
@Module({
  imports: [FilesModule, CouncilModule],
  controllers: [OfficeBundleController, PortalBundleController],
  providers: [BundleDownloadsService],
})
export class BundleDownloadsModule {}
