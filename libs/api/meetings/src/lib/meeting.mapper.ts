import type { AgendaFileDto, AgendaConsultationRefDto, OfficeAgendaItemDto, OfficeMeetingSummaryDto } from '@ratsinfo/contracts';
import type { Prisma } from '@ratsinfo/api-database';

/** What every meeting read includes: the body, the room. */
export const meetingInclude = {
  organization: { select: { id: true, name: true, shortName: true } },
  location: { select: { id: true, description: true, room: true, streetAddress: true, postalCode: true, locality: true } },
} as const satisfies Prisma.MeetingInclude;

/** What every agenda read includes: the paper through the consultation, the living files with their versions' metadata. */
export const agendaItemInclude = {
  consultation: {
    select: {
      id: true,
      organizationId: true,
      authoritative: true,
      role: true,
      deletedAt: true,
      paper: { select: { id: true, reference: true, name: true, public: true, status: true, deletedAt: true } },
    },
  },
  files: {
    where: { deletedAt: null },
    orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, name: true, public: true, currentVersion: true, versions: { select: { number: true, fileName: true, mimeType: true, size: true } } },
  },
} as const satisfies Prisma.AgendaItemInclude;

export type MeetingRow = Prisma.MeetingGetPayload<{ include: typeof meetingInclude }>;
export type AgendaItemRow = Prisma.AgendaItemGetPayload<{ include: typeof agendaItemInclude }>;

export function toMeetingSummary(m: MeetingRow): OfficeMeetingSummaryDto {
  return {
    id: m.id,
    name: m.name,
    start: m.start.toISOString(),
    end: m.end ? m.end.toISOString() : null,
    locationText: m.locationText,
    location: m.location,
    meetingState: m.meetingState,
    cancelled: m.cancelled,
    cancelledReason: m.cancelledReason,
    organization: m.organization,
    version: m.version,
  };
}

/**
 * What a reader sees of one item. `mayReadNonPublic`: clerks always; a member by the visibility
 * rule for the meeting's body. Members never see a draft paper, nor a non-public file they may
 * not read.
 */
export function toAgendaItemDto(a: AgendaItemRow, reader: { staff: boolean; mayReadNonPublic: boolean }): OfficeAgendaItemDto {
  const c = a.consultation;
  const paperVisible = c && !c.deletedAt && !c.paper.deletedAt && (reader.staff || (c.paper.status !== 'draft' && (c.paper.public || reader.mayReadNonPublic)));
  const consultation: AgendaConsultationRefDto | null = paperVisible
    ? { id: c.id, organizationId: c.organizationId, authoritative: c.authoritative, role: c.role, paper: { id: c.paper.id, reference: c.paper.reference, name: c.paper.name, public: c.paper.public } }
    : null;
  const files: AgendaFileDto[] = [];
  for (const f of a.files) {
    if (!f.public && !reader.mayReadNonPublic) continue;
    const v = f.versions.find((x) => x.number === f.currentVersion);
    if (!v) continue;
    files.push({ id: f.id, name: f.name, fileName: v.fileName, mimeType: v.mimeType, size: Number(v.size), public: f.public && a.public });
  }
  return {
    id: a.id,
    order: a.order,
    number: a.number,
    level: a.level === 2 ? 2 : 1,
    name: a.name,
    public: a.public,
    result: a.result,
    urgent: a.urgent,
    urgentReason: a.urgentReason,
    consultation,
    files,
  };
}
