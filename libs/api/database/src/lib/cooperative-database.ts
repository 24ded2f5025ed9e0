import { Injectable } from '@nestjs/common';
import type { PrismaClient } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

/**
 * Access to cooperative-level tables (the tenant registry), which are not tenant-owned.
 * Named apart from TenantDatabase so that every use is visible in review. It runs without a
 * tenant in the session, so row-level security hides all tenant-owned rows from it.
 */
@Injectable()
export class CooperativeDatabase {
  constructor(private readonly prisma: PrismaService) {}

  /** Read-only: the application role may only read `tenants`; writes go through TenantLifecycle. */
  get tenants(): Pick<PrismaClient['tenant'], 'findUnique' | 'findFirst' | 'findMany' | 'count'> {
    return this.prisma.client.tenant;
  }

  get auditEvents() {
    return this.prisma.client.cooperativeAuditEvent;
  }

  /** The tenant's public-data version (moved by triggers in the same transaction as any public change). */
  async publicDataVersion(tenantId: string): Promise<bigint | null> {
    const t = await this.prisma.client.tenant.findUnique({ where: { id: tenantId }, select: { publicDataVersion: true } });
    return t?.publicDataVersion ?? null;
  }

  async ping(): Promise<void> {
    await this.prisma.client.$queryRaw`SELECT 1`;
  }
}
