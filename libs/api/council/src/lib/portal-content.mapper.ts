import type { Meeting, Organization } from '@ratsinfo/api-database';
import {
  BundleRoutes,
  type MeetingBundleInfo,
  type PaperDerivation,
  type PortalAgendaItem,
  type PortalConsultation,
  PortalContentRoutes,
  type PortalFile,
  type PortalMeetingDetail,
  type PortalMember,
  type PortalOrganization,
  type PortalOrganizationRef,
  type PortalPaper,
  type PortalPaperRef,
  type PortalPerson,
  type PortalPersonMembership,
  type PortalPersonRef,
} from '@ratsinfo/contracts';
import { personDisplayName, toMeetingSummary } from './portal.mapper';
import type { PublicResolutionRow } from './portal.repository';

const day = (d: Date) => d.toISOString().slice(0, 10);
const optionalDay = (d: Date | null) => (d ? day(d) : null);

type OrganizationRefRow = Pick<Organization, 'id' | 'name' | 'shortName' | 'organizationType'>;
type PersonRefRow = { id: string; title: string | null; givenName: string; familyName: string; affix: string | null };

export interface PaperRefRow {
  id: string;
  reference: string;
  name: string;
  date: Date;
  status: 'draft' | 'released' | 'withdrawn';
  derivation: PaperDerivation | null;
  paperType: { id: string; name: string; abbreviation: string };
}

interface LinkedPaperRow extends PaperRefRow {
  public: boolean;
  deletedAt: Date | null;
}

export interface FileRow {
  id: string;
  name: string;
  updatedAt: Date;
  currentVersion: number;
  versions: { number: number; fileName: string; mimeType: string; size: bigint; sha512: string }[];
}

/** The rule of the public side for a paper reached through a link (to-one relations cannot be filtered in the query). */
export function isPublicPaper<P extends Pick<LinkedPaperRow, 'public' | 'status' | 'deletedAt'>>(p: P | null): p is P {
  return !!p && p.public && p.status !== 'draft' && p.deletedAt === null;
}

export function toOrganizationRef(o: OrganizationRefRow): PortalOrganizationRef {
  return { id: o.id, name: o.name, shortName: o.shortName, organizationType: o.organizationType };
}

export function toPersonRef(p: PersonRefRow): PortalPersonRef {
  return { id: p.id, name: personDisplayName(p) };
}

export function toPaperRef(p: PaperRefRow): PortalPaperRef {
  if (p.status === 'draft') throw new Error('a draft paper must never reach the portal');
  return {
    id: p.id,
    reference: p.reference,
    name: p.name,
    date: day(p.date),
    paperType: { id: p.paperType.id, name: p.paperType.name, abbreviation: p.paperType.abbreviation },
    status: p.status,
    derivation: p.derivation,
  };
}

/** A public file as the portal links it; null when its current version is missing (an upload in flight). */
export function toPortalFile(tenantSlug: string, f: FileRow): PortalFile | null {
  const v = f.versions.find((x) => x.number === f.currentVersion);
  if (!v) return null;
  return {
    id: f.id,
    name: f.name,
    fileName: v.fileName,
    mimeType: v.mimeType,
    size: Number(v.size),
    sha512Checksum: v.sha512,
    modifiedAt: f.updatedAt.toISOString(),
    accessUrl: PortalContentRoutes.fileContent(tenantSlug, f.id),
    downloadUrl: PortalContentRoutes.fileDownload(tenantSlug, f.id),
  };
}

function files(tenantSlug: string, rows: FileRow[]): PortalFile[] {
  return rows.map((f) => toPortalFile(tenantSlug, f)).filter((f): f is PortalFile => f !== null);
}

const byDateThenReference = (a: PortalPaperRef, b: PortalPaperRef) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference, 'de');

export interface PaperDetailRow extends PaperRefRow {
  responsibleDepartment: string | null;
  mainFileId: string | null;
  createdAt: Date;
  updatedAt: Date;
  originatorPersons: { person: PersonRefRow }[];
  originatorOrganizations: { organization: OrganizationRefRow }[];
  consultations: {
    id: string;
    position: number;
    authoritative: boolean;
    role: string | null;
    organization: OrganizationRefRow;
    agendaItems: { id: string; number: string | null; result: string | null; meeting: { id: string; name: string; start: Date; cancelled: boolean; meetingState: Meeting['meetingState'] } }[];
  }[];
  files: FileRow[];
  original: LinkedPaperRow | null;
  superordinate: LinkedPaperRow | null;
  derivatives: PaperRefRow[];
  subordinates: PaperRefRow[];
  relations: { related: PaperRefRow }[];
  relatedTo: { paper: PaperRefRow }[];
  resolutions: PublicResolutionRow[];
}

function toConsultation(c: PaperDetailRow['consultations'][number]): PortalConsultation {
  // A step is on one agenda; should it have been put on more than one (deferred and taken up
  // again), the latest meeting tells where it stands.
  const item = [...c.agendaItems].sort((a, b) => b.meeting.start.getTime() - a.meeting.start.getTime())[0];
  return {
    id: c.id,
    position: c.position,
    organization: toOrganizationRef(c.organization),
    authoritative: c.authoritative,
    role: c.role,
    meeting: item
      ? { id: item.meeting.id, name: item.meeting.name, start: item.meeting.start.toISOString(), cancelled: item.meeting.cancelled, meetingState: item.meeting.meetingState }
      : null,
    agendaItem: item ? { id: item.id, number: item.number, result: item.result } : null,
  };
}

export function toPortalPaper(tenantSlug: string, p: PaperDetailRow): PortalPaper {
  const all = files(tenantSlug, p.files);
  const related = new Map<string, PortalPaperRef>();
  for (const r of p.relations) related.set(r.related.id, toPaperRef(r.related));
  for (const r of p.relatedTo) related.set(r.paper.id, toPaperRef(r.paper));
  return {
    ...toPaperRef(p),
    responsibleDepartment: p.responsibleDepartment,
    originatorPersons: p.originatorPersons.map((o) => toPersonRef(o.person)).sort((a, b) => a.name.localeCompare(b.name, 'de')),
    originatorOrganizations: p.originatorOrganizations.map((o) => toOrganizationRef(o.organization)).sort((a, b) => a.name.localeCompare(b.name, 'de')),
    consultations: p.consultations.map(toConsultation),
    mainFile: all.find((f) => f.id === p.mainFileId) ?? null,
    auxiliaryFiles: all.filter((f) => f.id !== p.mainFileId),
    originalPaper: isPublicPaper(p.original) ? toPaperRef(p.original) : null,
    derivativePapers: p.derivatives.map(toPaperRef),
    superordinatePaper: isPublicPaper(p.superordinate) ? toPaperRef(p.superordinate) : null,
    subordinatePapers: p.subordinates.map(toPaperRef),
    relatedPapers: [...related.values()].sort(byDateThenReference),
    resolutions: p.resolutions.map((r) => ({
      meeting: { id: r.meeting_id, name: r.meeting_name, start: r.meeting_start.toISOString() },
      agendaItemNumber: r.agenda_item_number,
      status: r.status,
      resolutionText: r.resolution_text,
    })),
    createdAt: p.createdAt.toISOString(),
    modifiedAt: p.updatedAt.toISOString(),
  };
}

interface MembershipRow {
  id: string;
  role: string | null;
  votingRight: boolean;
  startDate: Date | null;
  endDate: Date | null;
  onBehalfOf: (OrganizationRefRow & { deletedAt: Date | null }) | null;
  deputyFor: (PersonRefRow & { deletedAt: Date | null }) | null;
}

/** A membership's faction and principal, unless deleted (the link would lead to a 404). */
function membershipLinks(m: MembershipRow): { onBehalfOf: PortalOrganizationRef | null; deputyFor: PortalPersonRef | null } {
  return {
    onBehalfOf: m.onBehalfOf && m.onBehalfOf.deletedAt === null ? toOrganizationRef(m.onBehalfOf) : null,
    deputyFor: m.deputyFor && m.deputyFor.deletedAt === null ? toPersonRef(m.deputyFor) : null,
  };
}

/** Chairs and their deputies first (Vorsitz, stellv. Vorsitz), then members, then deputies; by family name within. */
function roleRank(role: string | null, deputy: boolean): number {
  const r = (role ?? '').toLowerCase();
  if (/vorsitz|chair/.test(r)) return /stellv|deputy|vice/.test(r) ? 1 : 0;
  if (deputy || /stellv|vertret|deputy/.test(r)) return 3;
  return 2;
}

export function toPortalMember(m: MembershipRow & { person: PersonRefRow }): PortalMember {
  return {
    id: m.id,
    person: toPersonRef(m.person),
    role: m.role,
    votingRight: m.votingRight,
    startDate: optionalDay(m.startDate),
    endDate: optionalDay(m.endDate),
    ...membershipLinks(m),
  };
}

export interface OrganizationDetailRows {
  organization: Organization & {
    parent: (OrganizationRefRow & { deletedAt: Date | null }) | null;
    children: OrganizationRefRow[];
    location: { description: string; room: string | null; streetAddress: string | null; postalCode: string | null; locality: string | null; deletedAt: Date | null } | null;
    memberships: (MembershipRow & { person: PersonRefRow & { familyName: string } })[];
  };
  upcoming: (Meeting & { organization: { id: string; name: string; shortName: string | null } })[];
  past: (Meeting & { organization: { id: string; name: string; shortName: string | null } })[];
  term: { id: string; name: string; startDate: Date; endDate: Date | null } | null;
}

export function toPortalOrganization({ organization: o, upcoming, past, term }: OrganizationDetailRows): PortalOrganization {
  const members = [...o.memberships].sort(
    (a, b) =>
      roleRank(a.role, !!a.deputyFor) - roleRank(b.role, !!b.deputyFor) ||
      a.person.familyName.localeCompare(b.person.familyName, 'de') ||
      a.person.givenName.localeCompare(b.person.givenName, 'de'),
  );
  const location = o.location && o.location.deletedAt === null ? o.location : null;
  return {
    ...toOrganizationRef(o),
    classification: o.classification,
    startDate: optionalDay(o.startDate),
    endDate: optionalDay(o.endDate),
    website: o.website,
    parent: o.parent && o.parent.deletedAt === null ? toOrganizationRef(o.parent) : null,
    subOrganizations: o.children.map(toOrganizationRef),
    location: location
      ? { description: location.description, room: location.room, streetAddress: location.streetAddress, postalCode: location.postalCode, locality: location.locality }
      : null,
    currentTerm: term ? { id: term.id, name: term.name, startDate: day(term.startDate), endDate: optionalDay(term.endDate) } : null,
    members: members.map(toPortalMember),
    upcomingMeetings: upcoming.map(toMeetingSummary),
    pastMeetings: past.map(toMeetingSummary),
  };
}

export interface PersonDetailRow {
  id: string;
  familyName: string;
  givenName: string;
  formOfAddress: string | null;
  title: string | null;
  affix: string | null;
  life: string | null;
  photoFile: (FileRow & { personId: string | null; public: boolean; deletedAt: Date | null }) | null;
  memberships: (MembershipRow & { organization: OrganizationRefRow })[];
  originatedPapers: { paper: PaperRefRow }[];
}

export function toPortalPerson(tenantSlug: string, p: PersonDetailRow, today: Date): PortalPerson {
  const photo = p.photoFile && p.photoFile.public && p.photoFile.deletedAt === null && p.photoFile.personId === p.id ? toPortalFile(tenantSlug, p.photoFile) : null;
  const memberships: PortalPersonMembership[] = p.memberships
    .map((m) => ({
      id: m.id,
      organization: toOrganizationRef(m.organization),
      role: m.role,
      votingRight: m.votingRight,
      startDate: optionalDay(m.startDate),
      endDate: optionalDay(m.endDate),
      ...membershipLinks(m),
      current: m.endDate === null || m.endDate.getTime() >= today.getTime(),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || a.organization.name.localeCompare(b.organization.name, 'de') || (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  return {
    id: p.id,
    name: personDisplayName(p),
    familyName: p.familyName,
    givenName: p.givenName,
    formOfAddress: p.formOfAddress,
    title: p.title,
    affix: p.affix,
    life: p.life,
    photo,
    memberships,
    papers: p.originatedPapers.map((o) => toPaperRef(o.paper)),
  };
}

export interface BundleRow {
  storageKey: string | null;
  size: bigint | null;
  pageCount: number | null;
  generatedAt: Date | null;
  error: string | null;
}

/** A bundle's facts for a meeting page; without a row (never generated) it is not available yet. */
export function toBundleInfo(row: BundleRow | undefined, url: string): MeetingBundleInfo {
  const available = !!row?.storageKey;
  return {
    available,
    failed: !available && !!row?.error,
    generatedAt: available && row?.generatedAt ? row.generatedAt.toISOString() : null,
    pageCount: available ? (row?.pageCount ?? null) : null,
    size: available && row?.size !== null && row?.size !== undefined ? Number(row.size) : null,
    url,
  };
}

export interface PortalMeetingRow extends Meeting {
  organization: { id: string; name: string; shortName: string | null };
  files: FileRow[];
  bundles: BundleRow[];
  agendaItems: {
    id: string;
    order: number;
    number: string | null;
    name: string;
    result: string | null;
    level: number;
    urgent: boolean;
    public: boolean;
    files: FileRow[];
    consultation: {
      deletedAt: Date | null;
      paper: { id: string; reference: string; name: string; public: boolean; status: PaperRefRow['status']; deletedAt: Date | null; files: FileRow[] };
    } | null;
  }[];
}

export function toPortalMeeting(tenantSlug: string, m: PortalMeetingRow): PortalMeetingDetail {
  const agendaItems: PortalAgendaItem[] = m.agendaItems
    .filter((a) => a.public)
    .map((a) => {
      // The paper (and its files) only when the paper itself is public and the step still exists.
      const paper = a.consultation && a.consultation.deletedAt === null && isPublicPaper(a.consultation.paper) ? a.consultation.paper : null;
      return {
        id: a.id,
        order: a.order,
        number: a.number,
        name: a.name,
        result: a.result,
        level: a.level,
        urgent: a.urgent,
        paper: paper ? { id: paper.id, reference: paper.reference, name: paper.name } : null,
        files: [...files(tenantSlug, a.files), ...(paper ? files(tenantSlug, paper.files) : [])],
      };
    });
  return {
    ...toMeetingSummary(m),
    cancelledReason: m.cancelled ? m.cancelledReason : null,
    agendaItems,
    files: files(tenantSlug, m.files),
    bundle: toBundleInfo(m.bundles[0], BundleRoutes.portal(tenantSlug, m.id)),
  };
}
