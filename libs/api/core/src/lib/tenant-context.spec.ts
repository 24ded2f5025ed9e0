import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { MissingTenantContextError } from './errors';
import { TenantContext } from './tenant-context';

describe('TenantContext', () => {
  const context = new TenantContext(ClsServiceManager.getClsService() as ClsService);
  const burg = { id: '6f9f1c1e-0000-4000-8000-000000000001', slug: 'burg' };

  it('throws outside any tenant context instead of falling back', () => {
    expect(() => context.require()).toThrow(MissingTenantContextError);
  });

  it('gives the tenant inside run()', async () => {
    await expect(context.run(burg, async () => context.require())).resolves.toEqual(burg);
  });

  it('refuses to switch the tenant of a running context', async () => {
    await context.run(burg, async () => {
      expect(() => context.set({ id: '6f9f1c1e-0000-4000-8000-000000000002', slug: 'genthin' })).toThrow('cannot change');
    });
  });

  it('does not leak the tenant out of run()', async () => {
    await context.run(burg, async () => undefined);
    expect(() => context.require()).toThrow(MissingTenantContextError);
  });
});
