import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Public, Responds } from '@ratsinfo/api-core';
import { type ListResponse, listOf, type TenantSummary, tenantSummarySchema, type WebConfigDto, webConfigSchema } from '@ratsinfo/contracts';
import { TenantRegistry } from './tenant-registry';
import { TenantResolver } from './tenant-resolver';
import { PublicCacheInterceptor } from './public-cache.interceptor';

@Controller()
export class TenantsController {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly resolver: TenantResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The cooperative's active member authorities, for the landing page. */
  @Get('api/tenants')
  @Public()
  @Responds(listOf(tenantSummarySchema))
  async list(): Promise<ListResponse<TenantSummary>> {
    return { data: (await this.registry.listActive()).map((t) => this.registry.toSummary(t)) };
  }

  /** What the web app needs to sign people in. */
  @Get('api/config')
  @Public()
  @Responds(webConfigSchema)
  webConfig(): WebConfigDto {
    return { auth: { url: this.config.AUTH_URL, realm: this.config.AUTH_REALM, clientId: this.config.AUTH_WEB_CLIENT_ID } };
  }

  @Get('api/portal/:tenant')
  @Public()
  @Responds(tenantSummarySchema)
  @UseInterceptors(PublicCacheInterceptor)
  one(): TenantSummary {
    return this.registry.toSummary(this.resolver.current());
  }
}
