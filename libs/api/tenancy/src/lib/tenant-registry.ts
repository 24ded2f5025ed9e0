import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { CooperativeDatabase, type Tenant } from '@ratsinfo/api-database';
import type { TenantSummary } from '@ratsinfo/contracts';
import { PublicDataEvents } from './public-data-events';

/**
 * The cooperative's register of member authorities (cooperative-level, not tenant-owned).
 * Tenant records are resolved on every request, so they are held in memory; a trigger on
 * `tenants` notifies every replica of each committed change (PublicDataEvents), which drops
 * exactly that record. While no notification feed is connected, every lookup reads the database.
 */
@Injectable()
export class TenantRegistry {
  private readonly bySlug = new Map<string, Tenant>();

  constructor(
    private readonly db: CooperativeDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: PublicDataEvents,
  ) {
    events.onTenantChange((id) => {
      if (id === null) this.bySlug.clear();
      else for (const [slug, t] of this.bySlug) if (t.id === id) this.bySlug.delete(slug);
    });
  }

  /** The record held in memory, if any (the response cache's fast path may not wait for a query). */
  cachedBySlug(slug: string): Tenant | undefined {
    return this.events.trusted() ? this.bySlug.get(slug) : undefined;
  }

  async findBySlug(slug: string): Promise<Tenant | null> {
    const cached = this.cachedBySlug(slug);
    if (cached) return cached;
    const epoch = this.events.epoch();
    const tenant = await this.db.tenants.findUnique({ where: { slug } });
    // Not stored when a feed reconnected meanwhile: the record may predate a change missed in the gap.
    // Unknown slugs are not remembered: a tenant created a moment later must be found.
    if (tenant && epoch === this.events.epoch() && this.events.trusted()) this.bySlug.set(slug, Object.freeze(tenant));
    return tenant;
  }

  findById(id: string): Promise<Tenant | null> {
    for (const t of this.bySlug.values()) if (t.id === id && this.events.trusted()) return Promise.resolve(t);
    return this.db.tenants.findUnique({ where: { id } });
  }

  /**
   * The record as committed, never from memory, for code that has just changed it or must act on
   * its exact state (the operator console, provisioning). Drops this replica's copy, so the
   * next cached lookup cannot return the older record while the change notification is on its way.
   */
  async findFresh(id: string): Promise<Tenant | null> {
    for (const [slug, t] of this.bySlug) if (t.id === id) this.bySlug.delete(slug);
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

  /** The tenant's public-data version, from memory when known for sure, else from the database. */
  async publicDataVersion(tenantId: string): Promise<bigint> {
    const known = this.events.knownVersion(tenantId);
    if (known !== undefined) return known;
    const epoch = this.events.epoch();
    const v = await this.db.publicDataVersion(tenantId);
    if (v === null) throw new Error(`Tenant ${tenantId} has no public-data version.`);
    this.events.learn(tenantId, v, epoch);
    return v;
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
