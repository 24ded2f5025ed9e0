import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@ratsinfo/api-database';

const withGrantor = { grantedBy: { select: { displayName: true } } } as const;

/** Queries on the current tenant's support access grants (RLS-scoped by the transaction). */
@Injectable()
export class SupportAccessRepository {
  /** The grant that admits operators now, the longest-running first. */
  active(tx: TenantTx, now = new Date()) {
    return tx.supportAccessGrant.findFirst({ where: { revokedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: 'desc' } });
  }

  latest(tx: TenantTx, take: number) {
    return tx.supportAccessGrant.findMany({ orderBy: { createdAt: 'desc' }, take, include: withGrantor });
  }

  findById(tx: TenantTx, id: string) {
    return tx.supportAccessGrant.findUnique({ where: { id } });
  }

  create(tx: TenantTx, data: { tenantId: string; grantedById: string; reason: string; createdAt: Date; expiresAt: Date }) {
    return tx.supportAccessGrant.create({ data, include: withGrantor });
  }

  revoke(tx: TenantTx, id: string, at: Date) {
    return tx.supportAccessGrant.update({ where: { id }, data: { revokedAt: at }, include: withGrantor });
  }
}
