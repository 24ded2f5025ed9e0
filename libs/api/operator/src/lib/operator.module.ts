import { Module } from '@nestjs/common';
import { AccountsModule } from '@ratsinfo/api-accounts';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { OfficeExportController } from './export.controller';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';

@Module({
  imports: [TenancyModule, AccountsModule],
  controllers: [OperatorController, OfficeExportController],
  providers: [OperatorTenantsService, TenantExporter, TenantExportRepository],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
