import { Injectable } from '@nestjs/common';
import { TenantContext, TenantNotFoundError, TenantSuspendedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { tenantSlugSchema } from '@ratsinfo/contracts';
import { TenantRegistry } from './tenant-registry';

/**
 * Resolves the `/{tenant}/…` path segment into the request's TenantContext, once per request
 * (called by the AccessGuard). Unknown slugs and tenants still being onboarded are 404;
 * suspended tenants are 410 Gone.
 */
@Injectable()
export class TenantResolver {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
  ) {}

  async resolve(slug: string): Promise<Tenant> {
    if (!tenantSlugSchema.safeParse(slug).success) throw new TenantNotFoundError(slug);
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant || tenant.status === 'provisioning') throw new TenantNotFoundError(slug);
    if (tenant.status === 'suspended') throw new TenantSuspendedError(slug);
    this.context.set({ id: tenant.id, slug: tenant.slug });
    return tenant;
  }
}
