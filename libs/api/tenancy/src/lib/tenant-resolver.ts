import { Injectable } from '@nestjs/common';
import { MissingTenantContextError, TenantContext, TenantNotFoundError, TenantSuspendedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { tenantSlugSchema } from '@ratsinfo/contracts';
import { ClsService } from 'nestjs-cls';
import { TenantRegistry } from './tenant-registry';

const RECORD = 'ratsinfo.tenantRecord';

/**
 * Resolves the `/{tenant}/…` path segment into the request's TenantContext, once per request
 * (called by the AccessGuard). Unknown slugs and tenants still being onboarded are 404;
 * suspended tenants are 410 Gone. The whole record stays in the request context (`current()`),
 * so nothing later in the request reads it again.
 */
@Injectable()
export class TenantResolver {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
  ) {}

  async resolve(slug: string): Promise<Tenant> {
    if (!tenantSlugSchema.safeParse(slug).success) throw new TenantNotFoundError(slug);
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant || tenant.status === 'provisioning') throw new TenantNotFoundError(slug);
    if (tenant.status === 'suspended') throw new TenantSuspendedError(slug);
    this.context.set({ id: tenant.id, slug: tenant.slug });
    this.cls.set(RECORD, tenant);
    return tenant;
  }

  /** The tenant this request resolved (its record as read at the start of the request). */
  current(): Tenant {
    const t = this.cls.isActive() ? this.cls.get<Tenant | undefined>(RECORD) : undefined;
    if (!t || t.id !== this.context.require().id) throw new MissingTenantContextError();
    return t;
  }
}
