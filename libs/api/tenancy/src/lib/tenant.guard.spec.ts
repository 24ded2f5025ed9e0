import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext, TenantNotFoundError, TenantSuspendedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { TenantGuard, TenantRoute } from './tenant.guard';
import type { TenantRegistry } from './tenant-registry';

class Controller {
  @TenantRoute({ audience: 'public' })
  handler(): void {
    return undefined;
  }
}

const tenant = (status: Tenant['status']) => ({ id: '6f9f1c1e-0000-4000-8000-000000000001', slug: 'burg', status }) as Tenant;

function setup(found: Tenant | null) {
  const cls = ClsServiceManager.getClsService() as ClsService;
  const context = new TenantContext(cls);
  const registry = { findBySlug: jest.fn(async () => found) } as unknown as TenantRegistry;
  const guard = new TenantGuard(registry, context, new Reflector());
  const exec = (slug: string) =>
    ({
      getHandler: () => Controller.prototype.handler,
      getClass: () => Controller,
      switchToHttp: () => ({ getRequest: () => ({ params: { tenant: slug } }) }),
    }) as unknown as ExecutionContext;
  return { cls, context, registry, guard, exec };
}

describe('TenantGuard', () => {
  it('puts an active tenant into the request context', async () => {
    const { cls, context, guard, exec } = setup(tenant('active'));
    await cls.run(async () => {
      await expect(guard.canActivate(exec('burg'))).resolves.toBe(true);
      expect(context.require()).toEqual({ id: tenant('active').id, slug: 'burg' });
    });
  });

  it('answers 404 for an unknown slug', async () => {
    const { cls, guard, exec } = setup(null);
    await cls.run(() => expect(guard.canActivate(exec('nirgendwo'))).rejects.toBeInstanceOf(TenantNotFoundError));
  });

  it('does not even look up a malformed slug', async () => {
    const { cls, guard, exec, registry } = setup(tenant('active'));
    await cls.run(() => expect(guard.canActivate(exec('../etc'))).rejects.toBeInstanceOf(TenantNotFoundError));
    expect(registry.findBySlug).not.toHaveBeenCalled();
  });

  it('answers 410 for a suspended tenant on public routes', async () => {
    const { cls, guard, exec } = setup(tenant('suspended'));
    await cls.run(() => expect(guard.canActivate(exec('burg'))).rejects.toBeInstanceOf(TenantSuspendedError));
  });
});
