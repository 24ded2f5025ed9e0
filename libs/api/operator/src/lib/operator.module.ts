import { Module } from '@nestjs/common';
import { AccountsModule } from '@ratsinfo/api-accounts';
import { FilesModule } from '@ratsinfo/api-files';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OfficeExportController } from './export.controller';
import { FirstAdminAccountRepository, OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorFirstAdminController } from './operator-first-admin.controller';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';
import { TenantExportsService } from './tenant-exports.service';

/** The API's side: operator console, onboarding requests, export requests and downloads (the work runs in the worker: TenantJobsModule). */
@Module({
  imports: [TenancyModule, AccountsModule, FilesModule],
  controllers: [OperatorController, OfficeExportController, OperatorFirstAdminController],
  providers: [OperatorTenantsService, TenantExporter, TenantExportRepository, TenantExportsService, OperatorFirstAdminService, FirstAdminAccountRepository],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
