import { Module } from '@nestjs/common';
import { TenantRegistry } from './tenant-registry';
import { TenantResolver } from './tenant-resolver';
import { TenantsController } from './tenants.controller';

@Module({
  controllers: [TenantsController],
  providers: [TenantRegistry, TenantResolver],
  exports: [TenantRegistry, TenantResolver],
})
export class TenancyModule {}
