import { MeetingSummaryDto, PortalMeetingDetail, Problem, ProblemType, TenantSummary } from '@ratsinfo/contracts';

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

export const jerichowerLand: TenantSummary = {
  slug: 'landkreis-jerichower-land',
  name: 'Landkreis Jerichower Land',
  kind: 'county',
  ags: '15086000',
  branding: { logoUrl: null, primaryColor: null },
  loginRealm: 'ratsinfo',
};

export const stadtrat = { id: 'org-stadtrat', name: 'Stadtrat', shortName: 'SR' };
export const bauausschuss = { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'BVA' };

export const councilMeeting: MeetingSummaryDto = {
  id: '11111111-1111-4111-8111-111111111111',
  name: '12. Sitzung des Stadtrates',
  start: '2026-03-12T17:00:00+01:00',
  end: '2026-03-12T20:30:00+01:00',
  locationText: 'Rathaus, Ratssaal, In der Alten Kaserne 2, 39288 Burg',
  meetingState: 'invited',
  cancelled: false,
  organization: stadtrat,
};

export const cancelledMeeting: MeetingSummaryDto = {
  id: '22222222-2222-4222-8222-222222222222',
  name: '5. Sitzung des Bau- und Vergabeausschusses',
  start: '2026-03-19T16:30:00+01:00',
  end: null,
  locationText: null,
  meetingState: 'planned',
  cancelled: true,
  organization: bauausschuss,
};

const item = { level: 1, urgent: false, paper: null, files: [] };

export const councilMeetingDetail: PortalMeetingDetail = {
  ...councilMeeting,
  cancelledReason: null,
  files: [],
  bundle: { available: true, failed: false, generatedAt: '2026-03-01T10:00:00.000Z', pageCount: 24, size: 1_234_567, url: `/api/portal/burg/meetings/${councilMeeting.id}/bundle` },
  agendaItems: [
    { ...item, id: 'a3', order: 3, number: 'Ö 3', name: 'Bebauungsplan Nr. 42 „Am Flickschuhpark“', result: null },
    { ...item, id: 'a1', order: 1, number: 'Ö 1', name: 'Eröffnung und Feststellung der Beschlussfähigkeit', result: null },
    { ...item, id: 'a2', order: 2, number: 'Ö 2', name: 'Haushaltssatzung 2026', result: 'beschlossen' },
  ],
};

export const problemJson = { 'Content-Type': 'application/problem+json' };

export const tenantNotFound: Problem = { type: ProblemType.tenantNotFound, title: 'Tenant not found', status: 404 };
export const tenantSuspended: Problem = { type: ProblemType.tenantSuspended, title: 'Tenant suspended', status: 410 };
export const notFound: Problem = { type: ProblemType.notFound, title: 'Not found', status: 404 };
