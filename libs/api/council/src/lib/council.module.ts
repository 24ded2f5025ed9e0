import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { CouncilService } from './council.service';
import { PortalController } from './portal.controller';
import { AuthoritySettingsController } from './authority-settings.controller';
import { AuthoritySettingsService } from './authority-settings.service';
import { NonPublicAccess } from './non-public-access';
import { PortalRepository } from './portal.repository';

@Module({
  imports: [TenancyModule],
  controllers: [PortalController, AuthoritySettingsController],
  providers: [CouncilService, PortalRepository, NonPublicAccess, AuthoritySettingsService],
  exports: [NonPublicAccess],
})
export class CouncilModule {}
