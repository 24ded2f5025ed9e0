import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
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
  exports: [TenantRegistry, TenantResolver, PublicCache, PublicCacheInterceptor, PublicDataEvents],
})
export class TenancyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PublicCacheMiddleware).forRoutes({ path: 'api/portal/*path', method: RequestMethod.GET }, { path: 'api/portal/:tenant', method: RequestMethod.GET });
  }
}
