import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext, TenantNotFoundError, TenantSuspendedError } from '@ratsinfo/api-core';
import { tenantSlugSchema } from '@ratsinfo/contracts';
import type { Request } from 'express';
import { TenantRegistry } from './tenant-registry';

const TENANT_ROUTE = 'ratsinfo:tenant-route';
export interface TenantRouteOptions {
  /** Public pages: a suspended tenant answers 410 Gone. */
  audience: 'public';
}

/**
 * Resolves the `:tenant` path segment into the request's TenantContext, once per request.
 * Without it, tenant-scoped data access throws (no tenant), so a route cannot silently run
 * unscoped. Unknown slugs are 404, suspended tenants 410 on public routes.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<TenantRouteOptions | undefined>(TENANT_ROUTE, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request>();
    const slug = req.params['tenant'];
    if (typeof slug !== 'string' || !options) {
      throw new Error('TenantGuard used on a route without a :tenant parameter or @TenantRoute options.');
    }
    if (!tenantSlugSchema.safeParse(slug).success) throw new TenantNotFoundError(slug);
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant) throw new TenantNotFoundError(slug);
    if (tenant.status === 'suspended' && options.audience === 'public') throw new TenantSuspendedError(slug);
    this.context.set({ id: tenant.id, slug: tenant.slug });
    return true;
  }
}

/** Marks a controller or route as acting for the tenant named by its `:tenant` path segment. */
export function TenantRoute(options: TenantRouteOptions) {
  return applyDecorators(SetMetadata(TENANT_ROUTE, options), UseGuards(TenantGuard));
}
