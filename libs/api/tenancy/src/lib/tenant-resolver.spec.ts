import { TenantContext, TenantNotFoundError, TenantSuspendedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { TenantResolver } from './tenant-resolver';
import type { TenantRegistry } from './tenant-registry';

const tenant = (status: Tenant['status']) => ({ id: '6f9f1c1e-0000-4000-8000-000000000001', slug: 'burg', status }) as Tenant;

function setup(found: Tenant | null) {
  const cls = ClsServiceManager.getClsService() as ClsService;
  const context = new TenantContext(cls);
  const registry = { findBySlug: jest.fn(async () => found) } as unknown as TenantRegistry;
  return { cls, context, registry, resolver: new TenantResolver(registry, context, cls) };
}

describe('TenantResolver', () => {
  it('puts an active tenant into the request context', async () => {
    const { cls, context, resolver } = setup(tenant('active'));
    await cls.run(async () => {
      await resolver.resolve('burg');
      expect(context.require()).toEqual({ id: tenant('active').id, slug: 'burg' });
      expect(resolver.current()).toMatchObject({ id: tenant('active').id, status: 'active' });
    });
  });

  it('answers 404 for an unknown slug', async () => {
    const { cls, resolver } = setup(null);
    await cls.run(() => expect(resolver.resolve('nirgendwo')).rejects.toBeInstanceOf(TenantNotFoundError));
  });

  it('does not even look up a malformed slug', async () => {
    const { cls, resolver, registry } = setup(tenant('active'));
    await cls.run(() => expect(resolver.resolve('../etc')).rejects.toBeInstanceOf(TenantNotFoundError));
    expect(registry.findBySlug).not.toHaveBeenCalled();
  });

  it('answers 410 for a suspended tenant', async () => {
    const { cls, resolver } = setup(tenant('suspended'));
    await cls.run(() => expect(resolver.resolve('burg')).rejects.toBeInstanceOf(TenantSuspendedError));
  });

  it('hides a tenant that is still being onboarded', async () => {
    const { cls, resolver } = setup(tenant('provisioning'));
    await cls.run(() => expect(resolver.resolve('burg')).rejects.toBeInstanceOf(TenantNotFoundError));
  });
});
