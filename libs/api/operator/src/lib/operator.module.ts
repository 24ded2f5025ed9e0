import { Module } from '@nestjs/common';
import { OperatorController } from './operator.controller';
import { OperatorTenantsService } from './operator-tenants.service';
import { TenantExporter } from './tenant-export';

@Module({
  controllers: [OperatorController],
  providers: [OperatorTenantsService, TenantExporter],
  exports: [OperatorTenantsService],
})
export class OperatorModule {}
