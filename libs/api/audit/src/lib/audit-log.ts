import { Injectable } from '@nestjs/common';
import { AuthContext, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, Prisma, type TenantTx } from '@ratsinfo/api-database';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, unknown> | null;
}

/**
 * Writes the audit trail. Tenant events are written inside the same transaction as the change
 * they describe (so there is never a change without its entry, nor an entry without its
 * change) and are protected by RLS like all tenant data; lifecycle events go to the
 * cooperative-level log, which outlives a deleted tenant.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly auth: AuthContext,
    private readonly tenant: TenantContext,
    private readonly coop: CooperativeDatabase,
  ) {}

  async tenantEvent(tx: TenantTx, e: AuditEntry): Promise<void> {
    const p = this.auth.principal();
    const session = this.auth.tenantSession();
    await tx.auditEvent.create({
      data: {
        tenantId: this.tenant.require().id,
        actorIssuer: p?.issuer ?? null,
        actorSubject: p?.subject ?? null,
        actorName: p?.name ?? null,
        actingRole: session?.actingRole ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        changes: (e.changes ?? Prisma.DbNull) as Prisma.InputJsonValue,
      },
    });
  }

  async cooperativeEvent(e: { action: string; targetTenantRef?: string | null; targetSlug?: string | null; changes?: Record<string, unknown> | null }): Promise<void> {
    const p = this.auth.principal();
    await this.coop.auditEvents.create({
      data: {
        actorIssuer: p?.issuer ?? null,
        actorSubject: p?.subject ?? null,
        actorName: p?.name ?? null,
        actingRole: p ? 'operator' : null,
        action: e.action,
        targetTenantRef: e.targetTenantRef ?? null,
        targetSlug: e.targetSlug ?? null,
        changes: (e.changes ?? Prisma.DbNull) as Prisma.InputJsonValue,
      },
    });
  }
}
