import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OfficeMeetingsController } from './office-meetings.controller';
import { PortalController } from './portal.controller';
import { PortalRepository } from './portal.repository';

@Module({
  imports: [TenancyModule],
  controllers: [PortalController, OfficeMeetingsController],
  providers: [PortalRepository],
})
export class CouncilModule {}
