import { common, day, opt, type Timestamps } from './mappers';
import type { OParlUrls } from './urls';

/**
 * Meetings, their agenda, papers, consultations and files as OParl 1.1 objects: pure functions.
 * What is public is decided before (libs/api/oparl/src/lib/content/public-rules.ts); these only
 * shape what they are given. Optional fields without a value are left out (never null), empty
 * lists too where the schema has no use for them; vendor extensions are prefixed `ratsinfo:`
 * (docs/oparl.md, "Objects and extensions").
 */

const iso = (d: Date) => d.toISOString();
const nonEmpty = <T>(list: readonly T[] | undefined): T[] | undefined => (list && list.length ? [...list] : undefined);

// ---------------------------------------------------------------- File

export interface FileVersionSource {
  fileName: string;
  mimeType: string;
  size: number | bigint;
  sha512: string;
  createdAt: Date;
}

export interface FileSource extends Timestamps {
  id: string;
  name: string;
  /** The version the file shows (current_version); null only for a file whose upload never finished. */
  version: FileVersionSource | null;
  /** Its owner: exactly one of them (a public owner, or the file is not public). */
  paperId?: string | null;
  meetingId?: string | null;
  agendaItemId?: string | null;
}

export interface FileExtras {
  /** The extracted text (left out of embedded files: fetch the file's id for it). */
  text?: string | null;
  /** The portal page the file is shown on (its owner's). */
  web?: string;
}

export const fileAccessUrl = (urls: OParlUrls, id: string) => `${urls.object('files', id)}/access`;
export const fileDownloadUrl = (urls: OParlUrls, id: string) => `${urls.object('files', id)}/download`;

export function toOParlFile(f: FileSource, urls: OParlUrls, extras: FileExtras = {}) {
  const v = f.version;
  return {
    ...common('File', urls.object('files', f.id), f),
    name: f.name,
    fileName: v?.fileName,
    mimeType: v?.mimeType,
    date: day(v?.createdAt),
    size: v ? Number(v.size) : undefined,
    sha512Checksum: v?.sha512,
    text: extras.text || undefined,
    accessUrl: fileAccessUrl(urls, f.id),
    downloadUrl: fileDownloadUrl(urls, f.id),
    meeting: f.meetingId ? [urls.object('meetings', f.meetingId)] : undefined,
    agendaItem: f.agendaItemId ? [urls.object('agendaItems', f.agendaItemId)] : undefined,
    paper: f.paperId ? [urls.object('papers', f.paperId)] : undefined,
    web: extras.web,
  };
}

// ---------------------------------------------------------------- AgendaItem

export interface AgendaItemSource extends Timestamps {
  id: string;
  meetingId: string;
  number: string | null;
  order: number;
  name: string;
  public: boolean;
  result: string | null;
  resolutionText: string | null;
}

export type VoteChoice = 'yes' | 'no' | 'abstain';

/** `ratsinfo:votes`: the counted result, the named votes and declared conflicts of interest (person ids). */
export interface AgendaItemVotes {
  mode?: 'counted' | 'named';
  yes?: number;
  no?: number;
  abstain?: number;
  named: { personId: string; vote: VoteChoice }[];
  conflicts: string[];
}

export interface AgendaItemExtras {
  /** The consultation deliberated here: only when its paper is public. */
  consultationId?: string | null;
  auxiliaryFiles?: readonly FileSource[];
  votes?: AgendaItemVotes | null;
  /** The item's moment in the meeting's recording. */
  recording?: { url: string; offsetSeconds: number } | null;
  /** The meeting's portal page. */
  web?: string;
}

export function toOParlAgendaItem(a: AgendaItemSource, urls: OParlUrls, extras: AgendaItemExtras = {}) {
  const votes = extras.votes;
  return {
    ...common('AgendaItem', urls.object('agendaItems', a.id), a),
    meeting: urls.object('meetings', a.meetingId),
    number: opt(a.number),
    order: a.order,
    name: a.name,
    public: a.public,
    consultation: extras.consultationId ? urls.object('consultations', extras.consultationId) : undefined,
    result: opt(a.result),
    resolutionText: opt(a.resolutionText),
    auxiliaryFile: nonEmpty(extras.auxiliaryFiles?.map((f) => toOParlFile(f, urls, { web: extras.web }))),
    web: extras.web,
    'ratsinfo:votes': votes
      ? {
          ...(votes.mode ? { mode: votes.mode, yes: votes.yes ?? 0, no: votes.no ?? 0, abstain: votes.abstain ?? 0 } : {}),
          named: votes.named.map((v) => ({ person: urls.object('persons', v.personId), vote: v.vote })),
          conflicts: votes.conflicts.map((id) => urls.object('persons', id)),
        }
      : undefined,
    'ratsinfo:recordingOffsetSeconds': extras.recording ? extras.recording.offsetSeconds : undefined,
    'ratsinfo:recordingUrl': extras.recording ? recordingAt(extras.recording.url, extras.recording.offsetSeconds) : undefined,
  };
}

/** A media fragment (`#t=`) at the item's moment; an existing fragment of the URL is replaced. */
export function recordingAt(url: string, offsetSeconds: number): string {
  const hash = url.indexOf('#');
  return `${hash >= 0 ? url.slice(0, hash) : url}#t=${offsetSeconds}`;
}

// ---------------------------------------------------------------- Location (inline)

/** The id of the free-text place of a meeting without a locations row: `…/locations/meeting-{meetingId}`. */
export const FREE_TEXT_LOCATION_PREFIX = 'meeting-';

/**
 * The place of a meeting that has only free text (location_text): a Location of its own under
 * the id `…/locations/meeting-{meetingId}`, with the meeting's timestamps.
 */
export function toOParlMeetingLocation(m: { id: string; locationText: string | null } & Timestamps, urls: OParlUrls) {
  if (!m.locationText) return undefined;
  return {
    ...common('Location', urls.object('locations', `${FREE_TEXT_LOCATION_PREFIX}${m.id}`), { createdAt: m.createdAt, updatedAt: m.updatedAt }),
    description: m.locationText,
    meetings: [urls.object('meetings', m.id)],
  };
}

// ---------------------------------------------------------------- Meeting

export interface MeetingSource extends Timestamps {
  id: string;
  organizationId: string;
  name: string;
  meetingState: string | null;
  cancelled: boolean;
  start: Date;
  end: Date | null;
  locationText: string | null;
}

/**
 * OParl's recommended words (Meeting.meetingState): `terminiert` (planned), `eingeladen` (from the
 * invitation until the minutes are approved), `durchgeführt` (minutes approved).
 */
const MEETING_STATE: Record<string, string> = {
  planned: 'terminiert',
  invited: 'eingeladen',
  running: 'eingeladen',
  held: 'eingeladen',
  minutes_drafted: 'eingeladen',
  minutes_approved: 'durchgeführt',
};

export interface AttendanceEntry {
  personId: string;
  status: 'present' | 'excused' | 'absent';
  role: 'member' | 'deputy' | 'guest';
  deputyForPersonId: string | null;
  arrivedAt: Date | null;
  leftAt: Date | null;
}

export interface MeetingExtras {
  /** An embedded Location (from the locations row or the free text); the free text by default. */
  location?: Record<string, unknown> | null;
  /** Persons present (held meetings only). */
  participantIds?: readonly string[];
  resultsProtocol?: FileSource | null;
  auxiliaryFiles?: readonly FileSource[];
  /** Per agenda item id. */
  items?: ReadonlyMap<string, AgendaItemExtras>;
  /** `ratsinfo:attendance` (held meetings only). */
  attendance?: readonly AttendanceEntry[] | null;
  web?: string;
}

/** A meeting with its agenda embedded (OParl: Meeting.agendaItem is a list of objects). */
export function toOParlMeeting(m: MeetingSource, urls: OParlUrls, agendaItems: readonly AgendaItemSource[] = [], extras: MeetingExtras = {}) {
  const web = extras.web;
  return {
    ...common('Meeting', urls.object('meetings', m.id), m),
    name: m.name,
    meetingState: m.meetingState ? (MEETING_STATE[m.meetingState] ?? m.meetingState) : undefined,
    cancelled: m.cancelled,
    start: iso(m.start),
    end: m.end ? iso(m.end) : undefined,
    location: extras.location === undefined ? toOParlMeetingLocation(m, urls) : (extras.location ?? undefined),
    organization: [urls.object('organizations', m.organizationId)],
    participant: nonEmpty(extras.participantIds?.map((id) => urls.object('persons', id))),
    resultsProtocol: extras.resultsProtocol ? toOParlFile(extras.resultsProtocol, urls, { web }) : undefined,
    auxiliaryFile: nonEmpty(extras.auxiliaryFiles?.map((f) => toOParlFile(f, urls, { web }))),
    agendaItem: agendaItems.map((a) => toOParlAgendaItem(a, urls, { web, ...extras.items?.get(a.id) })),
    web,
    'ratsinfo:attendance': extras.attendance
      ? extras.attendance.map((a) => ({
          person: urls.object('persons', a.personId),
          status: a.status,
          role: a.role,
          ...(a.deputyForPersonId ? { deputyFor: urls.object('persons', a.deputyForPersonId) } : {}),
          ...(a.status === 'present' && a.arrivedAt ? { arrivedAt: iso(a.arrivedAt) } : {}),
          ...(a.status === 'present' && a.leftAt ? { leftAt: iso(a.leftAt) } : {}),
        }))
      : undefined,
  };
}

// ---------------------------------------------------------------- Consultation

export interface ConsultationSource extends Timestamps {
  id: string;
  paperId: string;
  organizationId: string | null;
  authoritative: boolean;
  role: string | null;
  /** The public agenda item (of a living meeting) that deliberates it, if any. */
  agendaItem?: { id: string; meetingId: string } | null;
}

export function toOParlConsultation(c: ConsultationSource, urls: OParlUrls, extras: { web?: string } = {}) {
  return {
    ...common('Consultation', urls.object('consultations', c.id), c),
    paper: urls.object('papers', c.paperId),
    agendaItem: c.agendaItem ? urls.object('agendaItems', c.agendaItem.id) : undefined,
    meeting: c.agendaItem ? urls.object('meetings', c.agendaItem.meetingId) : undefined,
    organization: c.organizationId ? [urls.object('organizations', c.organizationId)] : undefined,
    authoritative: c.authoritative,
    role: opt(c.role),
    web: extras.web,
  };
}

// ---------------------------------------------------------------- Paper

export interface PaperSource extends Timestamps {
  id: string;
  name: string;
  reference: string;
  date: Date;
  paperTypeName: string | null;
  status: string;
}

/** `ratsinfo:status`: the paper's status and the public follow-up of its resolutions (as the portal shows it). */
export interface PaperResolutionSource {
  status: 'open' | 'in_progress' | 'done';
  agendaItemId: string;
  meetingId: string;
  resolutionText: string | null;
}

export interface PaperExtras {
  relatedPaperIds?: readonly string[];
  superordinatedPaperIds?: readonly string[];
  subordinatedPaperIds?: readonly string[];
  mainFile?: FileSource | null;
  auxiliaryFiles?: readonly FileSource[];
  originatorPersonIds?: readonly string[];
  originatorOrganizationIds?: readonly string[];
  consultations?: readonly ConsultationSource[];
  resolutions?: readonly PaperResolutionSource[];
  web?: string;
}

export function toOParlPaper(p: PaperSource, urls: OParlUrls, extras: PaperExtras = {}) {
  const web = extras.web;
  const paperUrls = (ids: readonly string[] | undefined) => nonEmpty(ids?.map((id) => urls.object('papers', id)));
  return {
    ...common('Paper', urls.object('papers', p.id), p),
    body: urls.body(),
    name: p.name,
    reference: p.reference,
    date: day(p.date),
    paperType: opt(p.paperTypeName),
    relatedPaper: paperUrls(extras.relatedPaperIds),
    superordinatedPaper: paperUrls(extras.superordinatedPaperIds),
    subordinatedPaper: paperUrls(extras.subordinatedPaperIds),
    mainFile: extras.mainFile ? toOParlFile(extras.mainFile, urls, { web }) : undefined,
    auxiliaryFile: nonEmpty(extras.auxiliaryFiles?.map((f) => toOParlFile(f, urls, { web }))),
    originatorPerson: nonEmpty(extras.originatorPersonIds?.map((id) => urls.object('persons', id))),
    originatorOrganization: nonEmpty(extras.originatorOrganizationIds?.map((id) => urls.object('organizations', id))),
    consultation: nonEmpty(extras.consultations?.map((c) => toOParlConsultation(c, urls, { web }))),
    web,
    'ratsinfo:status': {
      paper: p.status,
      resolutions: (extras.resolutions ?? []).map((r) => ({
        status: r.status,
        agendaItem: urls.object('agendaItems', r.agendaItemId),
        meeting: urls.object('meetings', r.meetingId),
        ...(r.resolutionText ? { resolutionText: r.resolutionText } : {}),
      })),
    },
  };
}
