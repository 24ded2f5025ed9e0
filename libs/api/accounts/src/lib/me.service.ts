import { Injectable } from '@nestjs/common';
import { AuthContext, type Principal, TenantContext, UnauthorizedError } from '@ratsinfo/api-core';
import type { Tenant } from '@ratsinfo/api-database';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import type { MyAuthorityDto } from '@ratsinfo/contracts';
import { MeRepository } from './me.repository';
import { toApiRole, TokenVerifier } from '@ratsinfo/api-access';

/**
 * "My authorities": where the signed-in person has a role, for the authority switcher. An
 * authority is a candidate only when the token belongs to it (one of its organizations in the
 * shared realm, or the issuer of its own realm) — the same rule the access guard applies — and
 * the account is then looked up inside that tenant's own RLS transaction, so no query ever sees
 * another tenant's accounts.
 */
@Injectable()
export class MeService {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly registry: TenantRegistry,
    private readonly tenant: TenantContext,
    private readonly auth: AuthContext,
    private readonly me: MeRepository,
  ) {}

  /** Verifies the `Authorization: Bearer …` header (this route has no tenant, so no guard rule checks it). */
  async authenticate(header: string | undefined): Promise<Principal> {
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=]*)$/.exec(header.trim()) : null;
    if (!match?.[1]) throw new UnauthorizedError(header ? 'The Authorization header must be "Bearer <access token>".' : 'Sign-in required.');
    const principal = await this.verifier.verify(match[1]);
    this.auth.setPrincipal(principal);
    return principal;
  }

  async authorities(p: Principal): Promise<MyAuthorityDto[]> {
    const candidates = (await this.registry.listActive()).filter((t) => this.belongsTo(p, t));
    const result: MyAuthorityDto[] = [];
    for (const t of candidates) {
      const roles = await this.tenant.run({ id: t.id, slug: t.slug }, () => this.me.rolesOf(p));
      if (roles.length > 0) result.push({ slug: t.slug, name: t.name, kind: t.kind, roles: roles.map(toApiRole) });
    }
    return result;
  }

  /** Stores the mail language on the caller's bound account in each of their authorities (each in its own RLS transaction). */
  async setLocale(p: Principal, locale: 'de' | 'en'): Promise<void> {
    const candidates = (await this.registry.listActive()).filter((t) => this.belongsTo(p, t));
    for (const t of candidates) await this.tenant.run({ id: t.id, slug: t.slug }, () => this.me.setLocale(p, locale));
  }

  private belongsTo(p: Principal, t: Tenant): boolean {
    if (t.identityIssuer) return p.issuer === t.identityIssuer;
    return p.issuer === this.registry.sharedIssuer() && p.organizations.includes(t.identityOrganizationAlias ?? t.slug);
  }
}
