import { Module } from '@nestjs/common';
import { PublicCache } from './public-cache';
import { PublicCacheInterceptor } from './public-cache.interceptor';
import { PublicCacheMiddleware } from './public-cache.middleware';
import { PublicDataEvents } from './public-data-events';
import { TenantRegistry } from './tenant-registry';
import { TenantResolver } from './tenant-resolver';
import { TenantsController } from './tenants.controller';

@Module({
  controllers: [TenantsController],
  providers: [TenantRegistry, TenantResolver, PublicDataEvents, PublicCache, PublicCacheInterceptor, PublicCacheMiddleware],
  exports: [TenantRegistry, TenantResolver, PublicCache, PublicCacheInterceptor, PublicCacheMiddleware, PublicDataEvents],
})
export class TenancyModule {}
