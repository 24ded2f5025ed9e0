import { Module } from '@nestjs/common';
import { TenantGuard } from './tenant.guard';
import { TenantRegistry } from './tenant-registry';
import { TenantsController } from './tenants.controller';

@Module({
  controllers: [TenantsController],
  providers: [TenantRegistry, TenantGuard],
  exports: [TenantRegistry, TenantGuard],
})
export class TenancyModule {}
