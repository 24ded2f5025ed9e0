import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { PortalController } from './portal.controller';
import { PortalRepository } from './portal.repository';

@Module({
  imports: [TenancyModule],
  controllers: [PortalController],
  providers: [PortalRepository],
})
export class CouncilModule {}
