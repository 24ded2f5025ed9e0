import { Module } from '@nestjs/common';
import { OfficeExportController } from './export.controller';
import { FirstAdminAccountRepository, OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorFirstAdminController } from './operator-first-admin.controller';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';

@Module({
  controllers: [OperatorController, OfficeExportController, OperatorFirstAdminController],
  providers: [OperatorTenantsService, TenantExporter, OperatorFirstAdminService, FirstAdminAccountRepository],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
