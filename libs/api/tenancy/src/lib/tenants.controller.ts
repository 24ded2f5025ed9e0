import { Controller, Get } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import type { ListResponse, TenantSummary } from '@ratsinfo/contracts';
import { TenantRoute } from './tenant.guard';
import { TenantRegistry, toTenantSummary } from './tenant-registry';
import { TenantNotFoundError } from '@ratsinfo/api-core';

@Controller()
export class TenantsController {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
  ) {}

  /** The cooperative's active member authorities, for the landing page. */
  @Get('api/tenants')
  async list(): Promise<ListResponse<TenantSummary>> {
    return { data: (await this.registry.listActive()).map(toTenantSummary) };
  }

  @Get('api/portal/:tenant')
  @TenantRoute({ audience: 'public' })
  async one(): Promise<TenantSummary> {
    const { slug } = this.context.require();
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant) throw new TenantNotFoundError(slug);
    return toTenantSummary(tenant);
  }
}
