import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { CooperativeDatabase, type Tenant } from '@ratsinfo/api-database';
import type { TenantSummary } from '@ratsinfo/contracts';

/** The cooperative's register of member authorities (cooperative-level, not tenant-owned). */
@Injectable()
export class TenantRegistry {
  constructor(
    private readonly db: CooperativeDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.db.tenants.findUnique({ where: { slug } });
  }

  findById(id: string): Promise<Tenant | null> {
    return this.db.tenants.findUnique({ where: { id } });
  }

  findByAgs(ags: string): Promise<Tenant | null> {
    return this.db.tenants.findUnique({ where: { ags } });
  }

  /** Every authority in any state, for the operator console. */
  listAll(): Promise<Tenant[]> {
    return this.db.tenants.findMany({ orderBy: [{ name: 'asc' }] });
  }

  listActive(): Promise<Tenant[]> {
    return this.db.tenants.findMany({ where: { status: 'active' }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  }

  /** Is `issuer` the issuer of some tenant's own realm? (Issuer allow-list for dedicated realms.) */
  async isTenantIssuer(issuer: string): Promise<boolean> {
    return (await this.db.tenants.count({ where: { identityIssuer: issuer, status: { not: 'provisioning' } } })) > 0;
  }

  sharedIssuer(): string {
    return `${this.config.AUTH_URL.replace(/\/$/, '')}/realms/${this.config.AUTH_REALM}`;
  }

  /** The realm the tenant's people sign in with. */
  loginRealm(t: Tenant): string {
    const m = t.identityIssuer?.match(/\/realms\/([^/]+)\/?$/);
    return m?.[1] ?? this.config.AUTH_REALM;
  }

  toSummary(t: Tenant): TenantSummary {
    return {
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      ags: t.ags,
      branding: { logoUrl: t.brandingLogoUrl, primaryColor: t.brandingPrimaryColor },
      loginRealm: this.loginRealm(t),
    };
  }
}
