import { toAuditDto } from './audit-event.dto';

describe('toAuditDto', () => {
  it('maps a stored event to the DTO the office and the operator console read', () => {
    const occurredAt = new Date('2026-03-01T09:30:00.123Z');
    expect(
      toAuditDto(
        { id: 'e-1', occurredAt, actorSubject: 'sub-1', actorName: 'Anna Admin', actingRole: 'tenant-admin', action: 'user-account.roles-changed', entityType: 'user-account', entityId: 'a-1', changes: { after: ['clerk'] } },
        'moeckern',
      ),
    ).toEqual({
      id: 'e-1',
      occurredAt: '2026-03-01T09:30:00.123Z',
      actor: { subject: 'sub-1', name: 'Anna Admin' },
      actingRole: 'tenant-admin',
      action: 'user-account.roles-changed',
      entityType: 'user-account',
      entityId: 'a-1',
      tenantSlug: 'moeckern',
      changes: { after: ['clerk'] },
    });
  });

  it('gives null, not an empty object, when an event has no changes', () => {
    const dto = toAuditDto({ id: 'e-2', occurredAt: new Date(), actorSubject: null, actorName: null, actingRole: null, action: 'x', entityType: 'y', entityId: null, changes: null }, null);
    expect(dto.changes).toBeNull();
    expect(dto.actor).toEqual({ subject: null, name: null });
  });
});
