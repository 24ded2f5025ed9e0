import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { CouncilService } from './council.service';
import { PortalController } from './portal.controller';
import { AuthoritySettingsController } from './authority-settings.controller';
import { AuthoritySettingsService } from './authority-settings.service';
import { NonPublicAccess } from './non-public-access';
import { PortalRepository } from './portal.repository';
import { FeedsController } from './feeds/feeds.controller';
import { FeedsRepository } from './feeds/feeds.repository';
import { FeedsService } from './feeds/feeds.service';
import { MembersSearchController, PortalSearchController } from './search/search.controller';
import { SearchService } from './search/search.service';

@Module({
  imports: [TenancyModule],
  controllers: [PortalController, FeedsController, AuthoritySettingsController, PortalSearchController, MembersSearchController],
  providers: [CouncilService, PortalRepository, NonPublicAccess, AuthoritySettingsService, FeedsService, FeedsRepository, SearchService],
  exports: [NonPublicAccess],
})
export class CouncilModule {}
