import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { CouncilService } from './council.service';
import { OfficeMeetingsController } from './office-meetings.controller';
import { PortalController } from './portal.controller';
import { PortalRepository } from './portal.repository';

@Module({
  imports: [TenancyModule],
  controllers: [PortalController, OfficeMeetingsController],
  providers: [CouncilService, PortalRepository],
})
export class CouncilModule {}
