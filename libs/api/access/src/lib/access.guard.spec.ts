import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthContext, ForbiddenError, Public } from '@ratsinfo/api-core';
import type { TenantRegistry, TenantResolver } from '@ratsinfo/api-tenancy';
import { AccessGuard } from './access.guard';
import type { TokenVerifier } from './token-verifier';
import type { UserAccountsRepository } from './user-accounts.repository';

class Routes {
  forgotten(): void {
    return undefined;
  }
  @Public()
  open(): void {
    return undefined;
  }
}

function context(handler: () => void): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ params: {}, headers: {} }) }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const guard = new AccessGuard(
    new Reflector(),
    {} as TenantResolver,
    {} as TenantRegistry,
    {} as TokenVerifier,
    {} as AuthContext,
    {} as UserAccountsRepository,
  );

  it('refuses a route that states no access rule (deny by default)', async () => {
    await expect(guard.canActivate(context(Routes.prototype.forgotten))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets anyone call a public route without a tenant', async () => {
    await expect(guard.canActivate(context(Routes.prototype.open))).resolves.toBe(true);
  });
});
