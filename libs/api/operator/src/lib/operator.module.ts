import { Module } from '@nestjs/common';
import { AccountsModule } from '@ratsinfo/api-accounts';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OfficeExportController } from './export.controller';
import { FirstAdminAccountRepository, OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorFirstAdminController } from './operator-first-admin.controller';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';

@Module({
  imports: [TenancyModule, AccountsModule],
  controllers: [OperatorController, OfficeExportController, OperatorFirstAdminController],
  providers: [OperatorTenantsService, TenantExporter, TenantExportRepository, OperatorFirstAdminService, FirstAdminAccountRepository],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
