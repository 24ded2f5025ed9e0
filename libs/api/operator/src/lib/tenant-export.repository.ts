import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@ratsinfo/api-database';

/** Everything of the current tenant, for its export; the caller holds one snapshot transaction. */
@Injectable()
export class TenantExportRepository {
  async everything(tx: TenantTx) {
    return {
      organizations: await tx.organization.findMany({ orderBy: { createdAt: 'asc' } }),
      persons: await tx.person.findMany({ orderBy: { createdAt: 'asc' } }),
      memberships: await tx.membership.findMany({ orderBy: { createdAt: 'asc' } }),
      meetings: await tx.meeting.findMany({ orderBy: { start: 'asc' } }),
      agendaItems: await tx.agendaItem.findMany({ orderBy: [{ meetingId: 'asc' }, { order: 'asc' }] }),
      userAccounts: await tx.userAccount.findMany({ orderBy: { createdAt: 'asc' } }),
      supportAccessGrants: await tx.supportAccessGrant.findMany({ orderBy: { createdAt: 'asc' } }),
      auditEvents: await tx.auditEvent.findMany({ orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
    };
  }
}
