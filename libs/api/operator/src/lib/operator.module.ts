import { Module } from '@nestjs/common';
import { OfficeExportController } from './export.controller';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';

@Module({
  controllers: [OperatorController, OfficeExportController],
  providers: [OperatorTenantsService, TenantExporter],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
