import { Injectable } from '@nestjs/common';
import { CooperativeDatabase, keysetNewestFirst, pageOf, type TenantTx } from '@ratsinfo/api-database';
import type { PageQuery } from '@ratsinfo/contracts';

/** Reading the audit trail, a page at a time (newest first, keyset cursor). */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly coop: CooperativeDatabase) {}

  /** The current tenant's events (RLS-scoped by the transaction). */
  async tenantPage(tx: TenantTx, q: PageQuery) {
    const rows = await tx.auditEvent.findMany(keysetNewestFirst('occurredAt', q.cursor, q.limit));
    return pageOf(rows, q.limit, (e) => e.occurredAt);
  }

  /** The cooperative's lifecycle events. */
  async cooperativePage(q: PageQuery) {
    const rows = await this.coop.auditEvents.findMany(keysetNewestFirst('occurredAt', q.cursor, q.limit));
    return pageOf(rows, q.limit, (e) => e.occurredAt);
  }
}
