import { Injectable } from '@nestjs/common';
import { CooperativeDatabase, type Tenant } from '@ratsinfo/api-database';
import type { TenantSummary } from '@ratsinfo/contracts';

/** The cooperative's register of member authorities (cooperative-level, not tenant-owned). */
@Injectable()
export class TenantRegistry {
  constructor(private readonly db: CooperativeDatabase) {}

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.db.tenants.findUnique({ where: { slug } });
  }

  listActive(): Promise<Tenant[]> {
    return this.db.tenants.findMany({ where: { status: 'active' }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  }
}

export function toTenantSummary(t: Tenant): TenantSummary {
  return {
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    ags: t.ags,
    branding: { logoUrl: t.brandingLogoUrl, primaryColor: t.brandingPrimaryColor },
  };
}
