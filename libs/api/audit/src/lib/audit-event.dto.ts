import type { AuditEvent } from '@ratsinfo/api-database';
import type { AuditEventDto } from '@ratsinfo/contracts';

/** One audit event as the office and the operator console show it. */
export function toAuditDto(
  e: Pick<AuditEvent, 'id' | 'occurredAt' | 'actorSubject' | 'actorName' | 'actingRole' | 'action' | 'entityType' | 'entityId' | 'changes'>,
  tenantSlug: string | null,
): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: { subject: e.actorSubject, name: e.actorName },
    actingRole: e.actingRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    tenantSlug,
    changes: (e.changes as Record<string, unknown> | null) ?? null,
  };
}
