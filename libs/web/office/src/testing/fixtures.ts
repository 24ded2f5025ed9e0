import type { AuditEventDto, OfficeMeetingDto, PersonDto, SupportAccessGrantDto, TenantSessionDto, TenantSummary, UserAccountDto } from '@ratsinfo/contracts';

/** Monday, 2 March 2026, 10:00 in Berlin: "now" of the tests. */
export const NOW = new Date('2026-03-02T10:00:00+01:00');

export const burg: TenantSummary = {
  slug: 'burg',
  name: 'Stadt Burg',
  kind: 'town',
  ags: '15086015',
  branding: { logoUrl: null, primaryColor: '#1a5e9b' },
  loginRealm: 'ratsinfo',
};

/** An authority with its own realm. */
export const genthin: TenantSummary = { ...burg, slug: 'genthin', name: 'Stadt Genthin', ags: '15086040', loginRealm: 'ratsinfo-genthin' };

export function session(roles: TenantSessionDto['roles'], supportAccess: TenantSessionDto['supportAccess'] = null): TenantSessionDto {
  return {
    tenant: { slug: 'burg', name: 'Stadt Burg' },
    user: { id: 'u-clerk', displayName: 'Petra Schulz', email: 'petra.schulz@burg.example', personId: null },
    roles,
    supportAccess,
  };
}

export const activeGrant: SupportAccessGrantDto = {
  id: 'g-active',
  grantedBy: 'Anna Admin',
  reason: 'Import der Sitzungen prüfen',
  createdAt: '2026-03-02T08:00:00Z',
  expiresAt: '2026-03-02T13:00:00Z',
  revokedAt: null,
  active: true,
};

export const expiredGrant: SupportAccessGrantDto = {
  ...activeGrant,
  id: 'g-expired',
  reason: 'Fehler im Kalender',
  createdAt: '2026-02-01T08:00:00Z',
  expiresAt: '2026-02-01T12:00:00Z',
  active: false,
};

export const revokedGrant: SupportAccessGrantDto = { ...activeGrant, revokedAt: '2026-03-02T09:00:00Z', active: false };

/** Persons of the authority (portal API), sorted by family name as the API sends them. */
export const persons: PersonDto[] = [
  {
    id: '7d3f0b1e-5a2c-4c8e-9f10-3b6a2d4e5f01',
    name: 'Dr. Anna Lehmann',
    familyName: 'Lehmann',
    givenName: 'Anna',
    formOfAddress: 'Frau',
    title: 'Dr.',
    memberships: [],
  },
  {
    id: '0b6f3f8e-3c1a-4f55-9d7e-2a6c1e0f4b11',
    name: 'Karl Meier',
    familyName: 'Meier',
    givenName: 'Karl',
    formOfAddress: 'Herr',
    title: null,
    memberships: [
      { id: 'm1', organization: { id: 'org-stadtrat', name: 'Stadtrat', shortName: 'SR' }, role: 'Mitglied', votingRight: true, startDate: null, endDate: null },
      { id: 'm2', organization: { id: 'org-bau', name: 'Bauausschuss', shortName: 'BA' }, role: 'Vorsitz', votingRight: true, startDate: null, endDate: null },
    ],
  },
];

export const users: UserAccountDto[] = [
  { id: 'u-clerk', email: 'petra.schulz@burg.example', displayName: 'Petra Schulz', roles: ['tenant-admin', 'clerk'], personId: null, linked: true, lastSeenAt: '2026-03-01T16:00:00Z' },
  { id: 'u-member', email: 'karl.meier@burg.example', displayName: 'Karl Meier', roles: ['member'], personId: persons[1].id, linked: false, lastSeenAt: null },
];

export const officeMeeting: OfficeMeetingDto = {
  id: '11111111-1111-4111-8111-111111111111',
  name: '12. Sitzung des Stadtrates',
  start: '2026-03-12T17:00:00+01:00',
  end: '2026-03-12T20:30:00+01:00',
  locationText: 'Rathaus, Ratssaal',
  location: null,
  meetingState: 'invited',
  cancelled: false,
  cancelledReason: null,
  version: 3,
  organization: { id: 'org-stadtrat', name: 'Stadtrat', shortName: 'SR' },
  agendaItems: [
    { id: 'a2', order: 2, number: 'N 1', level: 1, name: 'Grundstücksangelegenheiten', result: null, public: false, urgent: false, urgentReason: null, consultation: null, files: [] },
    { id: 'a1', order: 1, number: 'Ö 1', level: 1, name: 'Eröffnung', result: null, public: true, urgent: false, urgentReason: null, consultation: null, files: [] },
  ],
  withheldNonPublicItems: 0,
  bundles: {
    public: { available: true, failed: false, generatedAt: '2026-03-01T10:00:00.000Z', pageCount: 24, size: 1_234_567, url: '/api/office/burg/meetings/m1/bundle?variant=public' },
    full: { available: true, failed: false, generatedAt: '2026-03-01T10:00:00.000Z', pageCount: 31, size: 2_345_678, url: '/api/office/burg/meetings/m1/bundle?variant=full' },
  },
};

export function auditEvents(count: number, offset = 0): AuditEventDto[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${offset + i}`,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 8) - (offset + i) * 60_000).toISOString(),
    actor: { subject: 's-admin', name: 'Anna Admin' },
    actingRole: 'tenant-admin',
    action: 'user-account.roles-changed',
    entityType: 'user-account',
    entityId: 'u-member',
    tenantSlug: 'burg',
    changes: null,
  }));
}

export const problemJson = { 'Content-Type': 'application/problem+json' };
