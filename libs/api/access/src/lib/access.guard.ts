import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule, AuthContext, ForbiddenError, type Principal, UnauthorizedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { TenantRegistry, TenantResolver } from '@ratsinfo/api-tenancy';
import { OPERATOR_ROLE, type TenantRole } from '@ratsinfo/contracts';
import type { Request } from 'express';
import { strongestRole, toApiRole } from './roles';
import { TokenVerifier } from './token-verifier';
import { UserAccountsRepository } from './user-accounts.repository';

/**
 * The one guard in front of every route (registered globally). Deny by default: a route
 * without an access rule (`@Public`, `@OperatorOnly`, `@TenantAccess`) is refused, so a
 * forgotten decorator can never open a route. It resolves the `:tenant` path segment, verifies
 * the bearer token when the rule needs one, and decides:
 * - operator routes: the operator realm role in the shared realm;
 * - tenant routes: the tenant must be one of the token's organizations (or the token comes from
 *   the tenant's own realm), and the caller's account in the app's database must hold one of the
 *   route's roles. Operators get in only through an active support access grant, where allowed.
 * Objects of another tenant are then invisible anyway (RLS), so they answer 404.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: TenantResolver,
    private readonly registry: TenantRegistry,
    private readonly verifier: TokenVerifier,
    private readonly auth: AuthContext,
    private readonly accounts: UserAccountsRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return false;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${ctx.getClass().name}.${ctx.getHandler().name} has no access rule; refused.`);
      throw new ForbiddenError('This route is not open to anyone.');
    }
    const req = ctx.switchToHttp().getRequest<Request>();
    const slug = req.params?.['tenant'];
    const tenant = typeof slug === 'string' ? await this.resolver.resolve(slug) : null;

    switch (rule.kind) {
      case 'public':
        return true;
      case 'operator': {
        const p = await this.authenticate(req);
        if (!this.isOperator(p)) throw new ForbiddenError('This is for the cooperative’s operators.');
        return true;
      }
      case 'tenant': {
        if (!tenant) throw new Error(`TenantAccess on ${ctx.getClass().name}.${ctx.getHandler().name} needs a :tenant path segment.`);
        const p = await this.authenticate(req);
        return this.admitToTenant(p, tenant, rule.roles, rule.supportAccess);
      }
    }
  }

  private async authenticate(req: Request): Promise<Principal> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=]*)$/.exec(header.trim()) : null;
    if (!match?.[1]) throw new UnauthorizedError(header ? 'The Authorization header must be "Bearer <access token>".' : 'Sign-in required.');
    const principal = await this.verifier.verify(match[1]);
    this.auth.setPrincipal(principal);
    return principal;
  }

  private isOperator(p: Principal): boolean {
    return p.issuer === this.registry.sharedIssuer() && p.realmRoles.includes(OPERATOR_ROLE);
  }

  private belongsTo(p: Principal, tenant: Tenant): boolean {
    if (tenant.identityIssuer) return p.issuer === tenant.identityIssuer;
    return p.issuer === this.registry.sharedIssuer() && p.organizations.includes(tenant.identityOrganizationAlias ?? tenant.slug);
  }

  private async admitToTenant(p: Principal, tenant: Tenant, allowed: readonly TenantRole[], supportAccess: boolean): Promise<boolean> {
    if (!this.belongsTo(p, tenant)) {
      if (supportAccess && this.isOperator(p)) {
        const grant = await this.accounts.activeSupportGrant();
        if (grant) {
          this.auth.setTenantSession({ accountId: null, roles: [], actingRole: 'operator-support', supportGrant: { id: grant.id, expiresAt: grant.expiresAt } });
          return true;
        }
      }
      throw new ForbiddenError('You are not a member of this authority.');
    }
    const account = await this.accounts.findOrBind(p);
    const roles = (account?.roles ?? []).map(toApiRole);
    const acting = strongestRole(roles.filter((r) => allowed.includes(r)));
    if (!account || !acting) throw new ForbiddenError('Your account has no role here that allows this.');
    this.auth.setTenantSession({ accountId: account.id, roles, actingRole: acting, supportGrant: null });
    return true;
  }
}
