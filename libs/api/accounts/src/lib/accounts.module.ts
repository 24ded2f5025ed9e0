import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';
import { OfficeController } from './office.controller';
import { OfficeService } from './office.service';

/** The back office's accounts of one authority: users, roles, invitations, support access, audit log. */
@Module({
  imports: [TenancyModule],
  controllers: [OfficeController, MeController],
  providers: [OfficeService, MeService, MeRepository],
})
export class AccountsModule {}
