import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import { PORTAL_RESULT_MEETING_STATES } from '@ratsinfo/contracts';
import { type AgendaItemExtras, type AgendaItemVotes, type AttendanceEntry, type ConsultationSource, type FileSource, toOParlMeetingLocation } from '../content-mappers';
import type { OParlContext } from '../list-source';
import { toOParlLocation } from '../mappers';
import { FILE_FLAGS_PUBLIC, PUBLIC_ITEM } from './public-rules';

/**
 * The Prisma selects of the content sources and the step from a row to the mappers' input.
 * Every relation is loaded by Prisma in one statement per relation for the whole page (never
 * per object), so a page costs a fixed number of statements whatever its size.
 */

const stamps = { createdAt: true, updatedAt: true, deletedAt: true } as const;

export const FILE_ORDER = [{ sortOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.FileOrderByWithRelationInput[];

/** A file with its versions' metadata (never their text: it can be large). */
export const fileSelect = {
  id: true,
  name: true,
  paperId: true,
  meetingId: true,
  agendaItemId: true,
  currentVersion: true,
  ...stamps,
  versions: { select: { number: true, fileName: true, mimeType: true, size: true, sha512: true, createdAt: true }, orderBy: { number: 'desc' } },
} as const satisfies Prisma.FileSelect;

export type FileRow = Prisma.FileGetPayload<{ select: typeof fileSelect }>;

/** Public files of an owner that is public itself (the embedding object). */
export const ownedPublicFiles = { where: FILE_FLAGS_PUBLIC, orderBy: FILE_ORDER, select: fileSelect } as const;

export function fileSource(f: FileRow): FileSource {
  const v = f.versions.find((x) => x.number === f.currentVersion) ?? f.versions[0] ?? null;
  return { id: f.id, name: f.name, createdAt: f.createdAt, updatedAt: f.updatedAt, paperId: f.paperId, meetingId: f.meetingId, agendaItemId: f.agendaItemId, version: v };
}

// ---------------------------------------------------------------- agenda items

const personAlive = { person: { deletedAt: null } } as const;

export const agendaItemSelect = {
  id: true,
  meetingId: true,
  number: true,
  order: true,
  name: true,
  public: true,
  result: true,
  resolutionText: true,
  voteMode: true,
  votesYes: true,
  votesNo: true,
  votesAbstain: true,
  recordingOffsetSeconds: true,
  ...stamps,
  consultation: { select: { id: true, deletedAt: true, paper: { select: { public: true, status: true, deletedAt: true } } } },
  files: ownedPublicFiles,
  namedVotes: { where: personAlive, orderBy: [{ person: { familyName: 'asc' } }, { person: { givenName: 'asc' } }, { personId: 'asc' }], select: { personId: true, vote: true } },
  voteConflicts: { where: personAlive, orderBy: [{ person: { familyName: 'asc' } }, { person: { givenName: 'asc' } }, { personId: 'asc' }], select: { personId: true } },
} as const satisfies Prisma.AgendaItemSelect;

export type AgendaItemRow = Prisma.AgendaItemGetPayload<{ select: typeof agendaItemSelect }>;

/** What an item needs to know of its meeting. */
export interface MeetingFacts {
  id: string;
  meetingState: string;
  cancelled: boolean;
  recordingUrl: string | null;
}

/** Held (and not cancelled): the portal shows results, attendance and votes only then. */
export const isHeld = (m: { meetingState: string; cancelled: boolean }) => !m.cancelled && (PORTAL_RESULT_MEETING_STATES as readonly string[]).includes(m.meetingState);

export function agendaItemExtras(a: AgendaItemRow, meeting: MeetingFacts, ctx: OParlContext): AgendaItemExtras {
  const c = a.consultation;
  const held = isHeld(meeting);
  const counted = a.voteMode !== null && a.votesYes !== null && a.votesNo !== null && a.votesAbstain !== null;
  const named = a.voteMode === 'named' ? a.namedVotes.map((v) => ({ personId: v.personId, vote: v.vote })) : [];
  const conflicts = a.voteConflicts.map((v) => v.personId);
  const votes: AgendaItemVotes | null =
    held && (counted || named.length || conflicts.length)
      ? { ...(counted ? { mode: a.voteMode ?? 'counted', yes: a.votesYes ?? 0, no: a.votesNo ?? 0, abstain: a.votesAbstain ?? 0 } : {}), named, conflicts }
      : null;
  return {
    consultationId: c && c.deletedAt === null && c.paper.public && c.paper.status !== 'draft' && c.paper.deletedAt === null ? c.id : null,
    auxiliaryFiles: a.files.map(fileSource),
    votes,
    recording: meeting.recordingUrl && a.recordingOffsetSeconds !== null ? { url: meeting.recordingUrl, offsetSeconds: a.recordingOffsetSeconds } : null,
    web: ctx.web.meeting(meeting.id),
  };
}

// ---------------------------------------------------------------- meetings

export const meetingSelect = {
  id: true,
  organizationId: true,
  name: true,
  meetingState: true,
  cancelled: true,
  start: true,
  end: true,
  locationId: true,
  locationText: true,
  recordingUrl: true,
  minutesFileId: true,
  ...stamps,
  location: { select: { id: true, description: true, room: true, streetAddress: true, postalCode: true, locality: true, ...stamps } },
  files: ownedPublicFiles,
  attendances: {
    where: personAlive,
    orderBy: [{ role: 'asc' }, { person: { familyName: 'asc' } }, { person: { givenName: 'asc' } }, { personId: 'asc' }],
    select: { personId: true, status: true, role: true, deputyForPersonId: true, arrivedAt: true, leftAt: true, deputyFor: { select: { deletedAt: true } } },
  },
  agendaItems: { where: { public: true, deletedAt: null }, orderBy: { order: 'asc' }, select: agendaItemSelect },
} as const satisfies Prisma.MeetingSelect;

export type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>;

/** The meeting's place: its locations row (when alive), else its free text as `…/locations/meeting-{id}`. */
export function meetingLocation(m: Pick<MeetingRow, 'id' | 'locationId' | 'locationText' | 'location' | 'createdAt' | 'updatedAt'>, ctx: OParlContext) {
  if (m.location) return m.location.deletedAt === null ? toOParlLocation(m.location, ctx.urls) : null;
  if (m.locationId === null) return toOParlMeetingLocation(m, ctx.urls) ?? null;
  return null;
}

export function meetingExtras(m: MeetingRow, ctx: OParlContext) {
  const held = isHeld(m);
  const minutes = m.minutesFileId ? m.files.find((f) => f.id === m.minutesFileId) : undefined;
  const attendance: AttendanceEntry[] | null = held
    ? m.attendances.map((a) => ({ personId: a.personId, status: a.status, role: a.role, deputyForPersonId: a.deputyFor?.deletedAt === null ? a.deputyForPersonId : null, arrivedAt: a.arrivedAt, leftAt: a.leftAt }))
    : null;
  return {
    location: meetingLocation(m, ctx),
    participantIds: held ? m.attendances.filter((a) => a.status === 'present').map((a) => a.personId) : [],
    resultsProtocol: minutes ? fileSource(minutes) : null,
    auxiliaryFiles: m.files.filter((f) => f !== minutes).map(fileSource),
    items: new Map(m.agendaItems.map((a) => [a.id, agendaItemExtras(a, m, ctx)])),
    attendance: attendance?.length ? attendance : null,
    web: ctx.web.meeting(m.id),
  };
}

// ---------------------------------------------------------------- consultations

export const consultationSelect = {
  id: true,
  paperId: true,
  organizationId: true,
  authoritative: true,
  role: true,
  ...stamps,
  organization: { select: { deletedAt: true } },
  agendaItems: { where: PUBLIC_ITEM, orderBy: [{ meeting: { start: 'asc' } }, { id: 'asc' }], select: { id: true, meetingId: true } },
} as const satisfies Prisma.ConsultationSelect;

export type ConsultationRow = Prisma.ConsultationGetPayload<{ select: typeof consultationSelect }>;

export function consultationSource(c: ConsultationRow): ConsultationSource {
  return {
    id: c.id,
    paperId: c.paperId,
    organizationId: c.organization.deletedAt === null ? c.organizationId : null,
    authoritative: c.authoritative,
    role: c.role,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    agendaItem: c.agendaItems[0] ?? null,
  };
}

// ---------------------------------------------------------------- papers

export const paperSelect = {
  id: true,
  name: true,
  reference: true,
  date: true,
  status: true,
  mainFileId: true,
  ...stamps,
  paperType: { select: { name: true } },
  consultations: { where: { deletedAt: null }, orderBy: { position: 'asc' }, select: consultationSelect },
  files: ownedPublicFiles,
} as const satisfies Prisma.PaperSelect;

/** What a paper refers to, read for a whole page in ONE statement (paperLinks). */
export interface PaperLinks {
  superordinated: string[];
  subordinated: string[];
  related: string[];
  originatorPersons: string[];
  originatorOrganizations: string[];
  resolutions: { status: 'open' | 'in_progress' | 'done'; agendaItemId: string; meetingId: string; resolutionText: string | null }[];
}

const emptyLinks = (): PaperLinks => ({ superordinated: [], subordinated: [], related: [], originatorPersons: [], originatorOrganizations: [], resolutions: [] });

interface LinkRow {
  paper_id: string;
  kind: 'super' | 'sub' | 'related' | 'person' | 'organization' | 'resolution';
  ref: string;
  data: { status: 'open' | 'in_progress' | 'done'; meetingId: string; resolutionText: string | null } | null;
}

/**
 * The papers' references, for a page of papers in one statement (instead of one per relation):
 * superordinated and subordinated papers, related papers (both directions of paper_relations, the
 * original of an amendment and its amendments), originators (not deleted) and the public
 * resolution follow-up as the portal shows it (public items of living, not cancelled meetings,
 * never `obsolete`). Every referenced paper is public (PUBLIC_PAPER's rule, in SQL).
 */
export async function paperLinks(tx: TenantTx, paperIds: readonly string[]): Promise<Map<string, PaperLinks>> {
  const out = new Map(paperIds.map((id) => [id, emptyLinks()]));
  if (!paperIds.length) return out;
  const ids = [...paperIds];
  const rows = await tx.$queryRaw<LinkRow[]>`
    WITH page AS (SELECT p.id, p.superordinate_paper_id, p.original_paper_id FROM papers p WHERE p.id = ANY(${ids}::uuid[])),
    links AS (
      SELECT page.id AS paper_id, 'super' AS kind, q.id AS ref, NULL::json AS data, q.date::text AS k1, q.reference AS k2
        FROM page JOIN papers q ON q.id = page.superordinate_paper_id AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
      UNION ALL
      SELECT q.superordinate_paper_id, 'sub', q.id, NULL, q.date::text, q.reference
        FROM papers q WHERE q.superordinate_paper_id = ANY(${ids}::uuid[]) AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
      UNION ALL
      SELECT page.id, 'related', q.id, NULL, q.date::text, q.reference
        FROM page JOIN papers q ON q.id = page.original_paper_id AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
      UNION ALL
      SELECT q.original_paper_id, 'related', q.id, NULL, q.date::text, q.reference
        FROM papers q WHERE q.original_paper_id = ANY(${ids}::uuid[]) AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
      UNION ALL
      SELECT r.paper_id, 'related', q.id, NULL, q.date::text, q.reference
        FROM paper_relations r JOIN papers q ON q.tenant_id = r.tenant_id AND q.id = r.related_paper_id AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
       WHERE r.paper_id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT r.related_paper_id, 'related', q.id, NULL, q.date::text, q.reference
        FROM paper_relations r JOIN papers q ON q.tenant_id = r.tenant_id AND q.id = r.paper_id AND q.public AND q.status <> 'draft' AND q.deleted_at IS NULL
       WHERE r.related_paper_id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT o.paper_id, 'person', pe.id, NULL, pe.family_name, pe.given_name
        FROM paper_originator_persons o JOIN persons pe ON pe.tenant_id = o.tenant_id AND pe.id = o.person_id AND pe.deleted_at IS NULL
       WHERE o.paper_id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT o.paper_id, 'organization', og.id, NULL, og.name, NULL
        FROM paper_originator_organizations o JOIN organizations og ON og.tenant_id = o.tenant_id AND og.id = o.organization_id AND og.deleted_at IS NULL
       WHERE o.paper_id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT r.paper_id, 'resolution', a.id, json_build_object('status', r.status, 'meetingId', a.meeting_id, 'resolutionText', a.resolution_text),
             to_char(m.start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), lpad(a."order"::text, 10, '0')
        FROM resolutions r
        JOIN agenda_items a ON a.tenant_id = r.tenant_id AND a.id = r.agenda_item_id AND a.public AND a.deleted_at IS NULL
        JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id AND m.deleted_at IS NULL AND NOT m.cancelled
       WHERE r.paper_id = ANY(${ids}::uuid[]) AND r.status <> 'obsolete'
    )
    SELECT DISTINCT paper_id::text, kind, ref::text, data::jsonb AS data, k1, k2 FROM links ORDER BY paper_id, kind, k1, k2, ref`;
  for (const r of rows) {
    const l = out.get(r.paper_id);
    if (!l) continue;
    if (r.kind === 'super') l.superordinated.push(r.ref);
    else if (r.kind === 'sub') l.subordinated.push(r.ref);
    else if (r.kind === 'related') l.related.push(r.ref);
    else if (r.kind === 'person') l.originatorPersons.push(r.ref);
    else if (r.kind === 'organization') l.originatorOrganizations.push(r.ref);
    else if (r.data) l.resolutions.push({ status: r.data.status, agendaItemId: r.ref, meetingId: r.data.meetingId, resolutionText: r.data.resolutionText });
  }
  return out;
}

export type PaperRow = Prisma.PaperGetPayload<{ select: typeof paperSelect }>;
