import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AccessNotice } from './access-notice';
import { AccountsRepository } from './accounts.repository';
import { OfficeController } from './office.controller';
import { OfficeService } from './office.service';
import { SupportAccessRepository } from './support-access.repository';

/** The back office's accounts of one authority: users, roles, invitations, support access, audit log. */
@Module({
  imports: [TenancyModule],
  controllers: [OfficeController],
  providers: [OfficeService, AccountsRepository, SupportAccessRepository, AccessNotice],
  exports: [AccountsRepository, AccessNotice],
})
export class AccountsModule {}
