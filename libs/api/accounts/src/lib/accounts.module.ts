import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OfficeController } from './office.controller';
import { OfficeService } from './office.service';

/** The back office's accounts of one authority: users, roles, invitations, support access, audit log. */
@Module({
  imports: [TenancyModule],
  controllers: [OfficeController],
  providers: [OfficeService],
})
export class AccountsModule {}
