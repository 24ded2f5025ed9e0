import type { AgendaConsultationRefDto, AgendaFileDto, MeetingState, OfficeAgendaItemDto, OfficeMeetingSummaryDto } from '@ratsinfo/contracts';
import type { BundleRow } from '@ratsinfo/api-council';
import type { Prisma } from '@ratsinfo/api-database';

/** What the meeting list includes: the body, the room. */
export const meetingInclude = {
  organization: { select: { id: true, name: true, shortName: true } },
  location: { select: { id: true, description: true, room: true, streetAddress: true, postalCode: true, locality: true } },
} as const satisfies Prisma.MeetingInclude;

export interface MeetingRow {
  id: string;
  name: string;
  start: Date;
  end: Date | null;
  locationText: string | null;
  meetingState: MeetingState;
  cancelled: boolean;
  cancelledReason: string | null;
  version: number;
  organizationId: string;
  organization: { id: string; name: string; shortName: string | null };
  location: { id: string; description: string; room: string | null; streetAddress: string | null; postalCode: string | null; locality: string | null } | null;
  /** Only in the single-meeting read (the list leaves them out). */
  bundles?: (BundleRow & { variant: string })[];
}

export interface AgendaItemRow {
  id: string;
  order: number;
  number: string | null;
  name: string;
  public: boolean;
  result: string | null;
  level: number;
  urgent: boolean;
  urgentReason: string | null;
  consultation: {
    id: string;
    organizationId: string;
    authoritative: boolean;
    role: string | null;
    deleted: boolean;
    paper: { id: string; reference: string; name: string; public: boolean; status: string; deleted: boolean };
  } | null;
  /** Living files with their current version's metadata. */
  files: { id: string; name: string; public: boolean; fileName: string; mimeType: string; size: number }[];
}

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
 * rule for the meeting's body. Members never see a draft paper, nor a non-public file or paper
 * they may not read.
 */
export function toAgendaItemDto(a: AgendaItemRow, reader: { staff: boolean; mayReadNonPublic: boolean }): OfficeAgendaItemDto {
  const c = a.consultation;
  const paperVisible = c && !c.deleted && !c.paper.deleted && (reader.staff || (c.paper.status !== 'draft' && (c.paper.public || reader.mayReadNonPublic)));
  const consultation: AgendaConsultationRefDto | null = paperVisible
    ? { id: c.id, organizationId: c.organizationId, authoritative: c.authoritative, role: c.role, paper: { id: c.paper.id, reference: c.paper.reference, name: c.paper.name, public: c.paper.public } }
    : null;
  const files: AgendaFileDto[] = a.files
    .filter((f) => f.public || reader.mayReadNonPublic)
    // A file of a non-public item is never public, whatever its own flag says.
    .map((f) => ({ ...f, public: f.public && a.public }));
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
