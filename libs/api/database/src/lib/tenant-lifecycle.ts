import { Injectable } from '@nestjs/common';
import { type MemberVisibility, Prisma, type TenantKind } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';
import type { TenantTx } from './tenant-database';

export interface TenantRegistration {
  slug: string;
  name: string;
  kind: TenantKind;
  ags: string;
  noticePeriodDays: number;
  brandingLogoUrl: string | null;
  brandingPrimaryColor: string | null;
  identityDedicatedRealm: boolean;
  identityIssuer: string | null;
  identityOrganizationAlias: string | null;
  onboarding: Prisma.InputJsonValue;
}

/**
 * The only writes to the tenant registry. The application role may not insert, update or
 * delete `tenants` rows; each lifecycle step is a SECURITY DEFINER function in the database
 * that does exactly one thing and checks its preconditions (migration
 * 20261202100000_platform_isolation, docs/adr/0011-tenant-lifecycle-functions.md), so a bug in
 * the API cannot rewrite or wipe an authority. Refused transitions raise SQLSTATE 55000, which
 * the problem filter answers with 409.
 */
@Injectable()
export class TenantLifecycle {
  constructor(private readonly prisma: PrismaService) {}

  /** Registers an authority in state `provisioning`; returns its id. */
  async register(r: TenantRegistration): Promise<string> {
    const rows = await this.prisma.client.$queryRaw<{ id: string }[]>`
      SELECT app_tenant_register(${r.slug}, ${r.name}, ${r.kind}::tenant_kind, ${r.ags}, ${r.noticePeriodDays}::int,
        ${r.brandingLogoUrl}, ${r.brandingPrimaryColor}, ${r.identityDedicatedRealm}, ${r.identityIssuer},
        ${r.identityOrganizationAlias}, ${JSON.stringify(r.onboarding)}::jsonb)::text AS id`;
    const id = rows[0]?.id;
    if (!id) throw new Error('app_tenant_register returned no id');
    return id;
  }

  async saveOnboarding(id: string, onboarding: Prisma.InputJsonValue, identityOrganizationId: string | null = null): Promise<void> {
    await this.prisma.client.$executeRaw`SELECT app_tenant_save_onboarding(${id}::uuid, ${JSON.stringify(onboarding)}::jsonb, ${identityOrganizationId})`;
  }

  /** provisioning → active, active ⇄ suspended. Returns the status before. */
  async setStatus(id: string, status: 'active' | 'suspended'): Promise<string> {
    const rows = await this.prisma.client.$queryRaw<{ before: string }[]>`SELECT app_tenant_set_status(${id}::uuid, ${status}::tenant_status)::text AS before`;
    return rows[0]?.before ?? status;
  }

  async markExported(id: string): Promise<Date> {
    const rows = await this.prisma.client.$queryRaw<{ at: Date }[]>`SELECT app_tenant_mark_exported(${id}::uuid) AS at`;
    const at = rows[0]?.at;
    if (!at) throw new Error('app_tenant_mark_exported found no tenant');
    return at;
  }

  /** Deletes a suspended, exported authority whose slug is repeated; every tenant row goes with it. */
  async delete(id: string, confirmSlug: string): Promise<void> {
    await this.prisma.client.$executeRaw`SELECT app_tenant_delete(${id}::uuid, ${confirmSlug})`;
  }

  /** Inside the tenant's own transaction (TenantDatabase): the function only touches that tenant. */
  async setMemberVisibility(tx: TenantTx, visibility: MemberVisibility): Promise<void> {
    const value = visibility === 'all_bodies' ? 'all-bodies' : 'own-bodies';
    await tx.$executeRaw`SELECT app_tenant_set_member_visibility(${value}::member_visibility)`;
  }
}
