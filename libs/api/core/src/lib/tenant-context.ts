import { Injectable } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { MissingTenantContextError } from './errors';

export interface TenantRef {
  id: string;
  slug: string;
}

const KEY = 'ratsinfo.tenant';

/**
 * The one accessor for "which tenant is this request (or job) acting for". It is set once, by
 * the tenant resolver, and `require()` throws when it is missing: a missing tenant is a bug,
 * never a reason to fall back to all tenants.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  set(tenant: TenantRef): void {
    const current = this.cls.get<TenantRef | undefined>(KEY);
    if (current && current.id !== tenant.id) {
      throw new Error('The tenant of a request cannot change once it is set.');
    }
    this.cls.set(KEY, Object.freeze({ ...tenant }));
  }

  require(): TenantRef {
    const t = this.cls.isActive() ? this.cls.get<TenantRef | undefined>(KEY) : undefined;
    if (!t) throw new MissingTenantContextError();
    return t;
  }

  /** Runs `fn` in a fresh context for `tenant` (jobs, scripts, tests). */
  run<T>(tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
    // Inherit the caller's context (e.g. the authenticated operator, for the audit trail).
    return this.cls.run({ ifNested: 'inherit' }, async () => {
      this.cls.set(KEY, Object.freeze({ ...tenant }));
      return fn();
    });
  }
}

/**
 * Fields every log line carries (pino `mixin`): the slug of the tenant the request or job acts
 * for, once it is known. Read from the request context, so lines logged before the tenant is
 * resolved (or outside any tenant) have none.
 */
export function logContext(): Record<string, unknown> {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return {};
  const tenant = cls.get<TenantRef | undefined>(KEY);
  return tenant ? { tenant: tenant.slug } : {};
}
