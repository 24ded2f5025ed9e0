/**
 * Demo data for Ratsinfo: a small cooperative of member authorities in the Landkreis Jerichower Land
 * (Saxony-Anhalt) with councils, committees, factions, members, a year of meetings and agendas.
 *
 * `buildDemoData(referenceDate)` is pure and deterministic: no clock, no randomness, no I/O. Every id
 * is a UUID v5 (SHA-1, RFC 9562) over DEMO_UUID_NAMESPACE and a stable key such as
 * `burg/meeting/council/2026-12-10`, and every "random" choice is a hash of a stable key. The same
 * reference date therefore always yields the same rows, and meetings that fall on the same day under
 * two reference dates keep their id.
 *
 * Rows are plain objects whose keys are the SQL column names (snake_case, see prisma/schema.prisma).
 * `date` columns are 'YYYY-MM-DD' strings, `timestamptz` columns ISO-8601 UTC strings; created_at /
 * updated_at are left to the database defaults.
 *
 * The meeting calendar is anchored at the start of the legislative term (2024-07-01), not at the
 * reference date: each body meets on a fixed weekday every n weeks, moved past holidays and the
 * summer / Christmas breaks. The reference date only selects the window (6 months before to
 * 6 months after) and decides the states (held, minutes approved, invited, planned). It is meant to
 * be a date within the term (2024-07-01 … 2029); memberships that ended carry fixed dates in 2025/26.
 */
import { DEMO_UUID_NAMESPACE, demoUuid, hashFrac, hashInt, pick, shuffled } from './demo-ids.mts';
import { buildCouncilContent } from './demo-papers.mts';
import type {
  ConsultationRow, DemoDocument, DraftItem, DraftMeeting, FileRow, PaperNumberCounterRow, PaperOriginatorOrganizationRow,
  PaperOriginatorPersonRow, PaperRelationRow, PaperRow, PaperTypeRow,
} from './demo-papers.mts';
export type * from './demo-papers.mts';
import { berlinLocalToUtc } from '../../../libs/shared/berlin-time/src/lib/berlin-time.ts';
import { applyMeetingService } from './demo-meeting-service.mts';
import type {
  AbsenceNoticeRow, MeetingAttendanceRow, MeetingLinkRow, NamedVoteRow, ResolutionNoteRow, ResolutionRow, VoteConflictRow,
} from './demo-meeting-service.mts';
export type * from './demo-meeting-service.mts';

// ---------------------------------------------------------------------------------------------
// Public constants and row types
// ---------------------------------------------------------------------------------------------

export { DEMO_UUID_NAMESPACE, demoUuid };

/** The one human who sits on two councils (Kreistag and Stadtrat Burg): one Person row in each tenant. */
export const TWO_COUNCILS_PERSON_EMAIL = 'katrin.lehmann@example.org';

/** First day of the legislative term (Kommunalwahl Sachsen-Anhalt 9 June 2024). */
export const LEGISLATIVE_TERM_START = '2024-07-01';

/**
 * Tables in foreign-key order: insert in this order, delete in reverse. Two links point backwards
 * and are set once their target exists: papers.main_file_id (files reference their paper) and
 * file_versions, whose size and checksum the seed knows only after rendering `documents`.
 */
export const TABLE_INSERTION_ORDER = [
  'tenants', 'legislative_terms', 'locations', 'organizations', 'persons', 'memberships', 'meetings',
  'paper_types', 'paper_number_counters', 'papers', 'paper_originator_persons', 'paper_originator_organizations', 'paper_relations',
  'consultations', 'agenda_items', 'files',
  // the meeting service (demo-meeting-service.mts); resolutions, their notes and the meetings' links to items follow in seed.mts
  'meeting_attendances', 'absence_notices', 'vote_conflicts', 'named_votes',
] as const;
export type TableName = (typeof TABLE_INSERTION_ORDER)[number];

export type TenantKind = 'county' | 'town' | 'municipality' | 'municipal_association';
export type TenantStatus = 'active' | 'suspended';
export type OrganizationType = 'council' | 'committee' | 'faction' | 'other';
export type MeetingState = 'planned' | 'invited' | 'running' | 'held' | 'minutes_drafted' | 'minutes_approved';

/** The demo authorities publish their open data under CC BY 4.0 (OParl Body.license). */
export const DEMO_OPARL_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  kind: TenantKind;
  ags: string;
  status: TenantStatus;
  identity_issuer: string | null;
  identity_organization_alias: string | null;
  branding_logo_url: string | null;
  branding_primary_color: string | null;
  notice_period_days: number;
  /** OParl Body license (URL). */
  oparl_license: string | null;
}

export interface LegislativeTermRow {
  id: string;
  tenant_id: string;
  name: string;
  start_date: string;
  end_date: string | null;
}

export interface LocationRow {
  id: string;
  tenant_id: string;
  description: string;
  room: string | null;
  street_address: string | null;
  postal_code: string | null;
  locality: string | null;
}

export interface OrganizationRow {
  id: string;
  tenant_id: string;
  name: string;
  short_name: string | null;
  organization_type: OrganizationType;
  classification: string | null;
  start_date: string | null;
  end_date: string | null;
  website: string | null;
  parent_id: string | null;
  location_id: string | null;
}

export interface PersonRow {
  id: string;
  tenant_id: string;
  family_name: string;
  given_name: string;
  form_of_address: string | null;
  title: string | null;
  affix: string | null;
  gender: string | null;
  email: string | null;
}

export interface MembershipRow {
  id: string;
  tenant_id: string;
  person_id: string;
  organization_id: string;
  role: string | null;
  voting_right: boolean;
  start_date: string | null;
  end_date: string | null;
  /** The faction the person sits for (council and committee seats of faction members). */
  on_behalf_of_id: string | null;
  /** A deputy membership: the member this person stands in for. */
  deputy_for_id: string | null;
}

export interface MeetingRow {
  id: string;
  tenant_id: string;
  organization_id: string;
  name: string;
  start: string;
  end: string | null;
  location_text: string | null;
  meeting_state: MeetingState;
  cancelled: boolean;
  cancelled_reason: string | null;
  location_id: string | null;
  /** When the session was opened and closed (held meetings and the live one; demo-meeting-service.mts). */
  started_at: string | null;
  closed_at: string | null;
}

export interface AgendaItemRow {
  id: string;
  tenant_id: string;
  meeting_id: string;
  order: number;
  number: string | null;
  name: string;
  public: boolean;
  result: string | null;
  resolution_text: string | null;
  /** 1, or 2 for a sub-item (Ö 7.1) of the item before it */
  level: 1 | 2;
  consultation_id: string | null;
  urgent: boolean;
  urgent_reason: string | null;
  /** The recorded decision of a held meeting (demo-meeting-service.mts); null elsewhere. */
  result_kind: AgendaResultKind | null;
  vote_mode: 'counted' | 'named' | null;
  votes_yes: number | null;
  votes_no: number | null;
  votes_abstain: number | null;
  decided_at: string | null;
  minutes_text: string | null;
  /** "Genehmigung der Niederschrift": the earlier meeting whose minutes this item approves. */
  approves_minutes_of_meeting_id: string | null;
}

export type AgendaResultKind = 'accepted' | 'rejected' | 'referred' | 'postponed' | 'taken_note';

export interface DemoData {
  referenceDate: string;
  tenants: TenantRow[];
  legislative_terms: LegislativeTermRow[];
  locations: LocationRow[];
  organizations: OrganizationRow[];
  persons: PersonRow[];
  memberships: MembershipRow[];
  meetings: MeetingRow[];
  paper_types: PaperTypeRow[];
  paper_number_counters: PaperNumberCounterRow[];
  papers: PaperRow[];
  paper_originator_persons: PaperOriginatorPersonRow[];
  paper_originator_organizations: PaperOriginatorOrganizationRow[];
  paper_relations: PaperRelationRow[];
  consultations: ConsultationRow[];
  agenda_items: AgendaItemRow[];
  files: FileRow[];
  meeting_attendances: MeetingAttendanceRow[];
  absence_notices: AbsenceNoticeRow[];
  vote_conflicts: VoteConflictRow[];
  named_votes: NamedVoteRow[];
  /** Set on the resolutions the DB trigger creates for accepted items (matched by agenda item). */
  resolutions: ResolutionRow[];
  resolution_notes: ResolutionNoteRow[];
  /** meetings.current_agenda_item_id / minutes_approved_by_item_id, set once the items exist. */
  meeting_links: MeetingLinkRow[];
  /** The files' first versions, to be rendered (see demo-documents.mts) and stored by the seed. */
  documents: DemoDocument[];
}

export type DemoRow =
  | TenantRow | LegislativeTermRow | LocationRow | OrganizationRow | PersonRow | MembershipRow | MeetingRow | AgendaItemRow
  | PaperTypeRow | PaperNumberCounterRow | PaperRow | PaperOriginatorPersonRow | PaperOriginatorOrganizationRow | PaperRelationRow
  | ConsultationRow | FileRow | MeetingAttendanceRow | AbsenceNoticeRow | VoteConflictRow | NamedVoteRow;

export interface TableRows {
  table: TableName;
  rows: DemoRow[];
}

/** All rows, table by table, in insertion (foreign-key) order. */
export function listRowsInInsertionOrder(data: DemoData): TableRows[] {
  return TABLE_INSERTION_ORDER.map((table) => ({ table, rows: data[table] as DemoRow[] }));
}

/**
 * One tenant's rows in insertion order: its `tenants` row first, then its tenant-owned rows
 * (what one seed transaction with `app.tenant_id` set to that tenant inserts).
 */
export function listTenantRowsInInsertionOrder(data: DemoData, tenantId: string): TableRows[] {
  return TABLE_INSERTION_ORDER.map((table) => ({
    table,
    rows:
      table === 'tenants'
        ? data.tenants.filter((t) => t.id === tenantId)
        : (data[table] as Array<DemoRow & { tenant_id: string }>).filter((r) => r.tenant_id === tenantId),
  }));
}

// ---------------------------------------------------------------------------------------------
// Calendar: civil days, Europe/Berlin local time, holidays of Saxony-Anhalt
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1-based). */
function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function dayFromIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y, m, d);
}

function civil(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function germanDate(day: number): string {
  const { y, m, d } = civil(day);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The one Berlin-time utility of API, web and seed (loaded by path: Node runs the seed without the workspace's path aliases). */
export { berlinLocalToUtc } from '../../../libs/shared/berlin-time/src/lib/berlin-time.ts';

function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(y, month, day);
}

const holidayCache = new Map<number, Set<number>>();

/** Public holidays in Saxony-Anhalt (incl. Heilige Drei Könige and Reformationstag). */
function holidays(y: number): Set<number> {
  let set = holidayCache.get(y);
  if (!set) {
    const easter = easterSunday(y);
    set = new Set([
      dayNumber(y, 1, 1), dayNumber(y, 1, 6), easter - 2, easter + 1, dayNumber(y, 5, 1), easter + 39, easter + 50,
      dayNumber(y, 10, 3), dayNumber(y, 10, 31), dayNumber(y, 12, 25), dayNumber(y, 12, 26),
    ]);
    holidayCache.set(y, set);
  }
  return set;
}

/** No meetings on holidays, in the summer break (13 July – 16 August) or between Christmas and Epiphany. */
function isBlocked(day: number): boolean {
  const { y, m, d } = civil(day);
  if (holidays(y).has(day)) return true;
  if ((m === 7 && d >= 13) || (m === 8 && d <= 16)) return true;
  if ((m === 12 && d >= 19) || (m === 1 && d <= 6)) return true;
  return false;
}

const TERM_START_DAY = dayFromIso(LEGISLATIVE_TERM_START);

interface ScheduleSpec {
  /** 1 = Monday … 5 = Friday */
  weekday: number;
  /** Europe/Berlin local start time, HH:MM */
  time: string;
  cadenceWeeks: number;
  offsetWeeks: number;
}

/**
 * All meeting days of a body from the start of the term up to `untilDay`. A regular date that falls
 * on a holiday, into a break or onto a day another body of the same authority already meets is
 * moved on by a week; if that brings it within half a cadence of the next regular date, it is
 * dropped instead (the next regular meeting is soon enough). `occupied` is shared between the
 * bodies of one authority and updated.
 */
function meetingDays(spec: ScheduleSpec, untilDay: number, occupied: Set<number>): number[] {
  let first = TERM_START_DAY + spec.offsetWeeks * 7;
  while (weekday(first) !== spec.weekday) first++;
  const step = spec.cadenceWeeks * 7;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const nominal = first + k * step;
    if (nominal > untilDay) break;
    let day = nominal;
    while (isBlocked(day) || occupied.has(day)) day += 7;
    if (day !== nominal && nominal + step - day < step / 2) continue;
    if (out.length > 0 && day <= out[out.length - 1]) continue;
    if (day > untilDay) break;
    out.push(day);
    occupied.add(day);
  }
  return out;
}

function addMonthsUtc(date: Date, months: number): number {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

// ---------------------------------------------------------------------------------------------
// The cooperative: tenant specifications
// ---------------------------------------------------------------------------------------------

type Area = 'haupt' | 'finanzen' | 'bau' | 'soziales' | 'bildung' | 'jugend';
type Gender = 'female' | 'male';
type AdvisorKind = 'sachkundig' | 'jha_voting' | 'jha_advisory';

interface BodySpec {
  key: string;
  name: string;
  shortName: string;
  /** "des Bauausschusses" */
  genitive: string;
  /** "Der Bauausschuss" */
  nominative: string;
  schedule: ScheduleSpec;
  location: string;
  areas: readonly Area[];
  /** Probability of a non-public part. */
  nonPublicRate: number;
}

interface CommitteeSpec extends BodySpec {
  /** Seats of council members (allocated to factions by d'Hondt). */
  seats: number;
  /** The Landrat / Bürgermeister chairs it (Kreisausschuss, Hauptausschuss). */
  chairedByHead?: boolean;
  advisors?: ReadonlyArray<{ kind: AdvisorKind; count: number }>;
}

interface FactionSpec {
  key: string;
  name: string;
  shortName: string;
  seats: number;
}

interface LocalSpec {
  /** "Burg", "Landkreis Jerichower Land" */
  place: string;
  /** "der Stadt Burg" */
  authorityGenitive: string;
  villages: readonly string[];
  streets: readonly string[];
  developmentAreas: ReadonlyArray<{ no: string; name: string }>;
  schools: readonly string[];
  daycare: readonly string[];
  associations: readonly string[];
}

interface TenantSpec {
  slug: string;
  name: string;
  kind: TenantKind;
  ags: string;
  status: TenantStatus;
  color: string;
  noticePeriodDays: number;
  scope: 'county' | 'town';
  /** Landrat / Bürgermeister */
  head: { gender: Gender; male: string; female: string };
  council: BodySpec & { classification: string };
  committees: readonly CommitteeSpec[];
  /** In the order in which chairs are handed out (not by size). */
  factions: readonly FactionSpec[];
  /** Months before/after the reference date covered by meetings. */
  windowMonths: number;
  /** A council member who resigned (a successor from the same list took over). */
  resignation?: { factionKey: string; lastDay: string };
  /** A council member who changed factions. */
  factionSwitch?: { fromKey: string; toKey: string; lastDay: string };
  /** A committee seat handed over within a faction. */
  seatChange?: { committeeKey: string; lastDay: string };
  /** Whether a second (future) committee meeting is cancelled. */
  cancelFutureMeeting: boolean;
  /** Where the two-council person sits in the list of her faction (0 = faction chair). */
  twoCouncilPerson?: { factionKey: string; position: number };
}

const KREISVERWALTUNG = 'Kreisverwaltung Jerichower Land, Bahnhofstraße 9, 39288 Burg';
const RATHAUS_BURG = 'Rathaus Burg, In der Alten Kaserne 2, 39288 Burg';
const RATHAUS_GENTHIN = 'Rathaus Genthin, Marktplatz 3, 39307 Genthin';
const RATHAUS_GOMMERN = 'Rathaus Gommern, Platz des Friedens 10, 39245 Gommern';

const TENANT_SPECS: readonly TenantSpec[] = [
  {
    slug: 'landkreis-jerichower-land',
    name: 'Landkreis Jerichower Land',
    kind: 'county',
    ags: '15086000',
    status: 'active',
    color: '#1f5f8b',
    noticePeriodDays: 10,
    scope: 'county',
    head: { gender: 'male', male: 'Landrat', female: 'Landrätin' },
    council: {
      key: 'council', name: 'Kreistag', shortName: 'KT', classification: 'Kreistag',
      genitive: 'des Kreistages', nominative: 'Der Kreistag',
      schedule: { weekday: 3, time: '17:00', cadenceWeeks: 6, offsetWeeks: 0 },
      location: 'Sitzungssaal der Kreisverwaltung, Bahnhofstraße 9, 39288 Burg',
      areas: ['haupt', 'finanzen', 'bau', 'bildung', 'jugend', 'soziales'], nonPublicRate: 0.85,
    },
    committees: [
      {
        key: 'kreisausschuss', name: 'Kreisausschuss', shortName: 'KA', genitive: 'des Kreisausschusses', nominative: 'Der Kreisausschuss',
        seats: 14, chairedByHead: true, areas: ['haupt', 'finanzen', 'bau', 'bildung'], nonPublicRate: 0.9,
        schedule: { weekday: 3, time: '17:00', cadenceWeeks: 6, offsetWeeks: 4 }, location: `Kleiner Sitzungssaal, ${KREISVERWALTUNG}`,
      },
      {
        key: 'finanzen', name: 'Ausschuss für Finanzen', shortName: 'FinA', genitive: 'des Ausschusses für Finanzen', nominative: 'Der Ausschuss für Finanzen',
        seats: 11, areas: ['finanzen'], nonPublicRate: 0.6,
        schedule: { weekday: 1, time: '17:00', cadenceWeeks: 6, offsetWeeks: 3 }, location: `Kleiner Sitzungssaal, ${KREISVERWALTUNG}`,
      },
      {
        key: 'bau', name: 'Bauausschuss', shortName: 'BauA', genitive: 'des Bauausschusses', nominative: 'Der Bauausschuss',
        seats: 11, areas: ['bau'], nonPublicRate: 0.6,
        schedule: { weekday: 2, time: '17:00', cadenceWeeks: 7, offsetWeeks: 1 }, location: `Beratungsraum 1.14, ${KREISVERWALTUNG}`,
      },
      {
        key: 'bildung', name: 'Ausschuss für Bildung, Kultur und Sport', shortName: 'BKS',
        genitive: 'des Ausschusses für Bildung, Kultur und Sport', nominative: 'Der Ausschuss für Bildung, Kultur und Sport',
        seats: 11, areas: ['bildung'], nonPublicRate: 0.4, advisors: [{ kind: 'sachkundig', count: 3 }],
        schedule: { weekday: 4, time: '17:00', cadenceWeeks: 8, offsetWeeks: 2 }, location: `Beratungsraum 1.14, ${KREISVERWALTUNG}`,
      },
      {
        key: 'jugendhilfe', name: 'Jugendhilfeausschuss', shortName: 'JHA', genitive: 'des Jugendhilfeausschusses', nominative: 'Der Jugendhilfeausschuss',
        seats: 6, areas: ['jugend'], nonPublicRate: 0.3,
        advisors: [{ kind: 'jha_voting', count: 4 }, { kind: 'jha_advisory', count: 2 }],
        schedule: { weekday: 2, time: '17:00', cadenceWeeks: 8, offsetWeeks: 5 }, location: `Kleiner Sitzungssaal, ${KREISVERWALTUNG}`,
      },
    ],
    factions: [
      { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 13 },
      { key: 'afd', name: 'AfD-Fraktion', shortName: 'AfD', seats: 14 },
      { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 6 },
      { key: 'fw', name: 'Fraktion Freie Wähler/Bauernverband', shortName: 'FW/BV', seats: 5 },
      { key: 'linke', name: 'Fraktion DIE LINKE', shortName: 'DIE LINKE', seats: 4 },
      { key: 'fdp-gruene', name: 'Fraktion FDP/BÜNDNIS 90/DIE GRÜNEN', shortName: 'FDP/GRÜNE', seats: 4 },
    ],
    windowMonths: 6,
    resignation: { factionKey: 'afd', lastDay: '2025-03-31' },
    factionSwitch: { fromKey: 'fw', toKey: 'cdu', lastDay: '2025-09-30' },
    cancelFutureMeeting: true,
    twoCouncilPerson: { factionKey: 'cdu', position: 3 },
  },
  {
    slug: 'burg',
    name: 'Stadt Burg',
    kind: 'town',
    ags: '15086015',
    status: 'active',
    color: '#b3122e',
    noticePeriodDays: 7,
    scope: 'town',
    head: { gender: 'male', male: 'Bürgermeister', female: 'Bürgermeisterin' },
    council: {
      key: 'council', name: 'Stadtrat', shortName: 'SR', classification: 'Stadtrat',
      genitive: 'des Stadtrates', nominative: 'Der Stadtrat',
      schedule: { weekday: 4, time: '18:00', cadenceWeeks: 5, offsetWeeks: 0 },
      location: `Ratssaal, ${RATHAUS_BURG}`,
      areas: ['haupt', 'finanzen', 'bau', 'soziales'], nonPublicRate: 0.85,
    },
    committees: [
      {
        key: 'hauptausschuss', name: 'Hauptausschuss', shortName: 'HA', genitive: 'des Hauptausschusses', nominative: 'Der Hauptausschuss',
        seats: 10, chairedByHead: true, areas: ['haupt', 'finanzen'], nonPublicRate: 0.9,
        schedule: { weekday: 4, time: '18:00', cadenceWeeks: 5, offsetWeeks: 3 }, location: `Beratungsraum 1.12, ${RATHAUS_BURG}`,
      },
      {
        key: 'bau-vergabe', name: 'Bau- und Vergabeausschuss', shortName: 'BVA', genitive: 'des Bau- und Vergabeausschusses',
        nominative: 'Der Bau- und Vergabeausschuss', seats: 9, areas: ['bau'], nonPublicRate: 0.6,
        advisors: [{ kind: 'sachkundig', count: 2 }],
        schedule: { weekday: 1, time: '18:00', cadenceWeeks: 5, offsetWeeks: 2 }, location: `Beratungsraum 1.12, ${RATHAUS_BURG}`,
      },
      {
        key: 'finanzen', name: 'Finanzausschuss', shortName: 'FA', genitive: 'des Finanzausschusses', nominative: 'Der Finanzausschuss',
        seats: 9, areas: ['finanzen'], nonPublicRate: 0.6, advisors: [{ kind: 'sachkundig', count: 1 }],
        schedule: { weekday: 2, time: '18:00', cadenceWeeks: 6, offsetWeeks: 2 }, location: `Beratungsraum 1.12, ${RATHAUS_BURG}`,
      },
      {
        key: 'soziales', name: 'Sozialausschuss', shortName: 'SozA', genitive: 'des Sozialausschusses', nominative: 'Der Sozialausschuss',
        seats: 9, areas: ['soziales'], nonPublicRate: 0.4, advisors: [{ kind: 'sachkundig', count: 3 }],
        schedule: { weekday: 3, time: '18:30', cadenceWeeks: 6, offsetWeeks: 1 }, location: `Beratungsraum 2.05, ${RATHAUS_BURG}`,
      },
    ],
    factions: [
      { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 9 },
      { key: 'afd', name: 'AfD-Fraktion', shortName: 'AfD', seats: 11 },
      { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 5 },
      { key: 'fw', name: 'Fraktion Freie Wähler Burg', shortName: 'FW Burg', seats: 5 },
      { key: 'linke', name: 'Fraktion DIE LINKE', shortName: 'DIE LINKE', seats: 3 },
      { key: 'fdp-gruene', name: 'Fraktion FDP/GRÜNE', shortName: 'FDP/GRÜNE', seats: 3 },
    ],
    windowMonths: 6,
    resignation: { factionKey: 'afd', lastDay: '2025-06-30' },
    seatChange: { committeeKey: 'finanzen', lastDay: '2025-12-31' },
    cancelFutureMeeting: false,
    twoCouncilPerson: { factionKey: 'cdu', position: 0 },
  },
  {
    slug: 'genthin',
    name: 'Stadt Genthin',
    kind: 'town',
    ags: '15086040',
    status: 'active',
    color: '#2e6b30',
    noticePeriodDays: 7,
    scope: 'town',
    head: { gender: 'female', male: 'Bürgermeister', female: 'Bürgermeisterin' },
    council: {
      key: 'council', name: 'Stadtrat', shortName: 'SR', classification: 'Stadtrat',
      genitive: 'des Stadtrates', nominative: 'Der Stadtrat',
      schedule: { weekday: 4, time: '18:30', cadenceWeeks: 5, offsetWeeks: 0 },
      location: `Ratssaal, ${RATHAUS_GENTHIN}`,
      areas: ['haupt', 'finanzen', 'bau', 'soziales'], nonPublicRate: 0.85,
    },
    committees: [
      {
        key: 'hauptausschuss', name: 'Hauptausschuss', shortName: 'HA', genitive: 'des Hauptausschusses', nominative: 'Der Hauptausschuss',
        seats: 8, chairedByHead: true, areas: ['haupt', 'finanzen'], nonPublicRate: 0.9,
        schedule: { weekday: 1, time: '18:00', cadenceWeeks: 5, offsetWeeks: 3 }, location: `Beratungsraum, ${RATHAUS_GENTHIN}`,
      },
      {
        key: 'bau-umwelt', name: 'Bau- und Umweltausschuss', shortName: 'BUA', genitive: 'des Bau- und Umweltausschusses',
        nominative: 'Der Bau- und Umweltausschuss', seats: 7, areas: ['bau'], nonPublicRate: 0.6,
        advisors: [{ kind: 'sachkundig', count: 2 }],
        schedule: { weekday: 2, time: '18:00', cadenceWeeks: 6, offsetWeeks: 1 }, location: `Beratungsraum, ${RATHAUS_GENTHIN}`,
      },
      {
        key: 'finanzen', name: 'Finanzausschuss', shortName: 'FA', genitive: 'des Finanzausschusses', nominative: 'Der Finanzausschuss',
        seats: 7, areas: ['finanzen'], nonPublicRate: 0.6, advisors: [{ kind: 'sachkundig', count: 1 }],
        schedule: { weekday: 3, time: '18:00', cadenceWeeks: 6, offsetWeeks: 2 }, location: `Beratungsraum, ${RATHAUS_GENTHIN}`,
      },
      {
        key: 'bildung-soziales', name: 'Ausschuss für Bildung, Soziales und Kultur', shortName: 'BSK',
        genitive: 'des Ausschusses für Bildung, Soziales und Kultur', nominative: 'Der Ausschuss für Bildung, Soziales und Kultur',
        seats: 7, areas: ['soziales'], nonPublicRate: 0.4, advisors: [{ kind: 'sachkundig', count: 2 }],
        schedule: { weekday: 2, time: '18:30', cadenceWeeks: 8, offsetWeeks: 4 }, location: `Beratungsraum, ${RATHAUS_GENTHIN}`,
      },
    ],
    factions: [
      { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 8 },
      { key: 'afd', name: 'AfD-Fraktion', shortName: 'AfD', seats: 8 },
      { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 4 },
      { key: 'pro-genthin', name: 'Fraktion Pro Genthin', shortName: 'Pro Genthin', seats: 5 },
      { key: 'linke', name: 'Fraktion DIE LINKE', shortName: 'DIE LINKE', seats: 3 },
    ],
    windowMonths: 6,
    resignation: { factionKey: 'afd', lastDay: '2025-11-30' },
    cancelFutureMeeting: true,
  },
  {
    slug: 'gommern',
    name: 'Stadt Gommern',
    kind: 'town',
    ags: '15086055',
    status: 'active',
    color: '#7a1f2b',
    noticePeriodDays: 7,
    scope: 'town',
    head: { gender: 'male', male: 'Bürgermeister', female: 'Bürgermeisterin' },
    council: {
      key: 'council', name: 'Stadtrat', shortName: 'SR', classification: 'Stadtrat',
      genitive: 'des Stadtrates', nominative: 'Der Stadtrat',
      schedule: { weekday: 4, time: '18:00', cadenceWeeks: 6, offsetWeeks: 0 },
      location: `Ratssaal, ${RATHAUS_GOMMERN}`,
      areas: ['haupt', 'finanzen', 'bau', 'soziales'], nonPublicRate: 0.85,
    },
    committees: [
      {
        key: 'hauptausschuss', name: 'Hauptausschuss', shortName: 'HA', genitive: 'des Hauptausschusses', nominative: 'Der Hauptausschuss',
        seats: 8, chairedByHead: true, areas: ['haupt', 'finanzen'], nonPublicRate: 0.9,
        schedule: { weekday: 4, time: '18:00', cadenceWeeks: 6, offsetWeeks: 4 }, location: `Sitzungszimmer, ${RATHAUS_GOMMERN}`,
      },
      {
        key: 'bau-vergabe', name: 'Bau- und Vergabeausschuss', shortName: 'BVA', genitive: 'des Bau- und Vergabeausschusses',
        nominative: 'Der Bau- und Vergabeausschuss', seats: 7, areas: ['bau'], nonPublicRate: 0.6,
        advisors: [{ kind: 'sachkundig', count: 2 }],
        schedule: { weekday: 2, time: '18:00', cadenceWeeks: 6, offsetWeeks: 2 }, location: `Sitzungszimmer, ${RATHAUS_GOMMERN}`,
      },
      {
        key: 'finanzen-wirtschaft', name: 'Finanz- und Wirtschaftsausschuss', shortName: 'FWA', genitive: 'des Finanz- und Wirtschaftsausschusses',
        nominative: 'Der Finanz- und Wirtschaftsausschuss', seats: 7, areas: ['finanzen'], nonPublicRate: 0.6,
        advisors: [{ kind: 'sachkundig', count: 1 }],
        schedule: { weekday: 1, time: '18:00', cadenceWeeks: 8, offsetWeeks: 3 }, location: `Sitzungszimmer, ${RATHAUS_GOMMERN}`,
      },
      {
        key: 'soziales-kultur-sport', name: 'Ausschuss für Soziales, Kultur und Sport', shortName: 'SKS',
        genitive: 'des Ausschusses für Soziales, Kultur und Sport', nominative: 'Der Ausschuss für Soziales, Kultur und Sport',
        seats: 7, areas: ['soziales'], nonPublicRate: 0.4, advisors: [{ kind: 'sachkundig', count: 1 }],
        schedule: { weekday: 3, time: '18:30', cadenceWeeks: 8, offsetWeeks: 1 }, location: `Sitzungszimmer, ${RATHAUS_GOMMERN}`,
      },
    ],
    factions: [
      { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 9 },
      { key: 'afd', name: 'AfD-Fraktion', shortName: 'AfD', seats: 7 },
      { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 4 },
      { key: 'fwg', name: 'Fraktion Freie Wählergemeinschaft Gommern', shortName: 'FWG Gommern', seats: 5 },
      { key: 'linke', name: 'Fraktion DIE LINKE', shortName: 'DIE LINKE', seats: 3 },
    ],
    windowMonths: 6,
    resignation: { factionKey: 'afd', lastDay: '2026-01-31' },
    cancelFutureMeeting: false,
  },
  {
    slug: 'elbe-parey',
    name: 'Gemeinde Elbe-Parey',
    kind: 'municipality',
    ags: '15086035',
    status: 'suspended',
    color: '#2a6f97',
    noticePeriodDays: 7,
    scope: 'town',
    head: { gender: 'female', male: 'Bürgermeister', female: 'Bürgermeisterin' },
    council: {
      key: 'council', name: 'Gemeinderat', shortName: 'GR', classification: 'Gemeinderat',
      genitive: 'des Gemeinderates', nominative: 'Der Gemeinderat',
      schedule: { weekday: 2, time: '18:30', cadenceWeeks: 6, offsetWeeks: 0 },
      location: 'Sitzungsraum der Gemeindeverwaltung, Ernst-Thälmann-Straße 15, 39317 Elbe-Parey',
      areas: ['haupt', 'finanzen', 'bau', 'soziales'], nonPublicRate: 0.8,
    },
    committees: [
      {
        key: 'haupt-finanzen', name: 'Haupt- und Finanzausschuss', shortName: 'HFA', genitive: 'des Haupt- und Finanzausschusses',
        nominative: 'Der Haupt- und Finanzausschuss', seats: 4, chairedByHead: true, areas: ['haupt', 'finanzen'], nonPublicRate: 0.8,
        schedule: { weekday: 2, time: '18:30', cadenceWeeks: 6, offsetWeeks: 3 },
        location: 'Sitzungsraum der Gemeindeverwaltung, Ernst-Thälmann-Straße 15, 39317 Elbe-Parey',
      },
    ],
    factions: [
      { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 4 },
      { key: 'wg', name: 'Fraktion Wählergemeinschaft Elbe-Parey', shortName: 'WG Elbe-Parey', seats: 3 },
    ],
    windowMonths: 3,
    cancelFutureMeeting: false,
  },
];

const LOCAL: Record<string, LocalSpec> = {
  'landkreis-jerichower-land': {
    place: 'Landkreis Jerichower Land',
    authorityGenitive: 'des Landkreises Jerichower Land',
    villages: ['Biederitz', 'Möser', 'Möckern', 'Jerichow', 'Genthin', 'Gommern', 'Burg', 'Elbe-Parey', 'Loburg', 'Tucheim'],
    streets: ['K 1201', 'K 1205', 'K 1209', 'K 1212', 'K 1216', 'K 1224', 'K 1230'],
    developmentAreas: [],
    schools: ['Roland-Gymnasium Burg', 'Bismarck-Gymnasium Genthin', 'Berufsbildende Schulen Jerichower Land', 'Sekundarschule Möckern', 'Förderschule „Am Wasserturm“ Burg'],
    daycare: [],
    associations: ['Kinder- und Jugendring Jerichower Land e. V.', 'Sportjugend im KreisSportBund Jerichower Land', 'Jugendhaus „Oase“ e. V.', 'Familienzentrum Genthin e. V.'],
  },
  burg: {
    place: 'Burg',
    authorityGenitive: 'der Stadt Burg',
    villages: ['Burg', 'Schartau', 'Detershagen', 'Ihleburg', 'Niegripp', 'Parchau', 'Reesen'],
    streets: ['Schartauer Straße', 'Berliner Straße', 'Zerbster Straße', 'Blumenthaler Straße', 'Koloniestraße', 'Brüderstraße', 'Magdeburger Chaussee', 'Grabower Straße'],
    developmentAreas: [
      { no: '47', name: 'Wohnpark An der Ihle' },
      { no: '52', name: 'Gewerbegebiet Burg-Süd, 2. Änderung' },
      { no: '55', name: 'Am Weinberg' },
      { no: '58', name: 'Sondergebiet Photovoltaik Niegripp' },
      { no: '61', name: 'Mühlenfeld Schartau' },
    ],
    schools: ['Grundschule „Lindenhof“', 'Grundschule Burg-Süd', 'Grundschule Niegripp', 'Gemeinschaftsschule „Carl von Clausewitz“'],
    daycare: ['Spatzennest', 'Sonnenschein', 'Pusteblume', 'Ihlezwerge'],
    associations: ['Burger Sportverein 1990 e. V.', 'Heimatverein Burg e. V.', 'Burger Kultur- und Kunstverein e. V.'],
  },
  genthin: {
    place: 'Genthin',
    authorityGenitive: 'der Stadt Genthin',
    villages: ['Genthin', 'Altenplathow', 'Fienerode', 'Gladau', 'Mützel', 'Paplitz', 'Tucheim', 'Parchen'],
    streets: ['Brandenburger Straße', 'Mühlenstraße', 'Große Schulstraße', 'Altenplathower Straße', 'Friedenstraße', 'Jerichower Straße'],
    developmentAreas: [
      { no: '21', name: 'Wohngebiet Altenplathower Feld' },
      { no: '24', name: 'Gewerbegebiet Genthin-Nord' },
      { no: '27', name: 'Sondergebiet Solarpark Fienerode' },
      { no: '29', name: 'Wohnen am Kanal' },
    ],
    schools: ['Grundschule „Uhlandschule“', 'Grundschule Tucheim', 'Gemeinschaftsschule Genthin'],
    daycare: ['Regenbogen', 'Kinderland', 'Waldwichtel'],
    associations: ['SV Chemie Genthin e. V.', 'Kulturverein Genthin e. V.', 'Förderverein Kreismuseum e. V.'],
  },
  gommern: {
    place: 'Gommern',
    authorityGenitive: 'der Stadt Gommern',
    villages: ['Gommern', 'Dannigkow', 'Dornburg', 'Karith', 'Leitzkau', 'Menz', 'Nedlitz', 'Prödel', 'Vehlitz', 'Wahlitz', 'Plötzky', 'Pretzien'],
    streets: ['Magdeburger Straße', 'Walther-Rathenau-Straße', 'Manheimer Straße', 'Salzstraße', 'Karither Straße', 'Bahnhofstraße'],
    developmentAreas: [
      { no: '12', name: 'Wohngebiet Am Kulk' },
      { no: '15', name: 'Gewerbegebiet Gommern-West' },
      { no: '18', name: 'Sondergebiet Photovoltaik Dannigkow' },
    ],
    schools: ['Grundschule Gommern', 'Grundschule Leitzkau', 'Sekundarschule Gommern'],
    daycare: ['Zwergenland', 'Märchenland', 'Kulkspatzen'],
    associations: ['SV Eintracht Gommern e. V.', 'Heimatverein Gommern e. V.', 'Kulturförderverein Wasserburg e. V.'],
  },
  'elbe-parey': {
    place: 'Elbe-Parey',
    authorityGenitive: 'der Gemeinde Elbe-Parey',
    villages: ['Parey', 'Bergzow', 'Derben', 'Ferchland', 'Güsen', 'Hohenseeden', 'Zerben'],
    streets: ['Ernst-Thälmann-Straße', 'Genthiner Straße', 'Dorfstraße', 'Am Deich'],
    developmentAreas: [{ no: '6', name: 'Wohngebiet Am Sportplatz Güsen' }],
    schools: ['Grundschule Parey', 'Grundschule Güsen'],
    daycare: ['Elbspatzen', 'Kinderland Güsen'],
    associations: ['SV Concordia Parey e. V.', 'Heimatverein Derben e. V.'],
  },
};

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const GIVEN_FEMALE = [
  'Sabine', 'Petra', 'Kerstin', 'Anke', 'Heike', 'Silke', 'Manuela', 'Simone', 'Claudia', 'Susanne', 'Andrea', 'Ines',
  'Doreen', 'Mandy', 'Nicole', 'Franziska', 'Christin', 'Anja', 'Birgit', 'Cornelia', 'Steffi', 'Juliane', 'Maria',
  'Sandra', 'Kathleen', 'Yvonne', 'Antje', 'Grit', 'Jana', 'Katja', 'Marlies', 'Ute', 'Monika', 'Gabriele', 'Bärbel',
  'Elke', 'Carolin', 'Lisa', 'Julia', 'Sophie',
] as const;

const GIVEN_MALE = [
  'Andreas', 'Thomas', 'Michael', 'Frank', 'Jens', 'Steffen', 'Uwe', 'Ralf', 'Torsten', 'Mario', 'Matthias', 'Sven',
  'Marko', 'Daniel', 'Martin', 'Stefan', 'Karsten', 'Dirk', 'Lars', 'René', 'Holger', 'Jörg', 'Olaf', 'Peter',
  'Hans-Jürgen', 'Detlef', 'Bernd', 'Lutz', 'Heiko', 'Ronny', 'Enrico', 'Tobias', 'Christian', 'Florian', 'Maik',
  'Rüdiger', 'Wolfgang', 'Klaus-Dieter', 'Norbert', 'Gerd',
] as const;

/** Family names; "Lehmann" is deliberately missing (reserved for the two-council person). */
const FAMILY_NAMES = [
  'Müller', 'Schmidt', 'Schulze', 'Schulz', 'Fischer', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch',
  'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner',
  'Krause', 'Köhler', 'Herrmann', 'König', 'Walter', 'Kaiser', 'Fuchs', 'Peters', 'Scholz', 'Möller', 'Weiß', 'Jung',
  'Hahn', 'Vogel', 'Friedrich', 'Günther', 'Berger', 'Winkler', 'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Schuster',
  'Ludwig', 'Böhm', 'Winter', 'Kraus', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Seidel', 'Heinrich', 'Brandt',
  'Schreiber', 'Dietrich', 'Ziegler', 'Kühn', 'Pohl', 'Engel', 'Horn', 'Busch', 'Bergmann', 'Voigt', 'Sauer', 'Arnold',
  'Pfeiffer', 'Wendt', 'Zander', 'Pietsch', 'Kupfer', 'Thiele', 'Hesse', 'Gerlach', 'Bauer', 'Haase', 'Ebert', 'Kunze',
  'Nitsche', 'Reinhardt', 'Rudolph', 'Kretschmer', 'Schilling', 'Beyer', 'Jahn', 'Wegener', 'Förster', 'Ritter',
  'Böttcher', 'Heise', 'Rösler', 'Kirchhoff', 'Stolze', 'Hennig', 'Gottschalk', 'Lindner', 'Matthes', 'Ulrich',
  'Marquardt', 'Wittig', 'Tietz', 'Bartels', 'Köpke', 'Pahl', 'Rietz', 'Schenk', 'Siebert', 'Thom',
] as const;

function emailLocalPart(s: string): string {
  return s
    .toLowerCase()
    .replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue').replaceAll('ß', 'ss').replaceAll('é', 'e')
    .replace(/[^a-z0-9-]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Agenda item catalogue
// ---------------------------------------------------------------------------------------------

type ItemKind = 'decision' | 'info' | 'motion';

interface ItemContext {
  t: TenantSpec;
  local: LocalSpec;
  /** calendar year and month of the meeting */
  year: number;
  month: number;
  /** Stable per tenant/template/quarter, so a proposal travels from committee to council under one title. */
  p: <T>(items: readonly T[], salt: string) => T;
  n: (modulo: number, salt: string) => number;
  factionName: string;
  headGenitive: string;
}

interface ItemTemplate {
  key: string;
  scope: 'county' | 'town' | 'both';
  areas: readonly Area[];
  kind: ItemKind;
  /** committees decide this themselves (e.g. Vergaben in the Bau- und Vergabeausschuss) */
  committeeDecides?: boolean;
  /** only in these months */
  months?: readonly number[];
  /** needs the tenant to have local data of this sort */
  needs?: 'developmentAreas' | 'daycare';
  title: (c: ItemContext) => string;
}

/** Budget season: the draft for next year is debated from September, sometimes adopted in spring. */
const BUDGET_MONTHS = [9, 10, 11, 12, 1, 2, 3];
const budgetYear = (c: ItemContext) => (c.month >= 9 ? c.year + 1 : c.year);

const MOTIONS = [
  'Prüfauftrag zur Einrichtung eines Bürgerbusses',
  'Verbesserung der Beleuchtung des Radweges nach {village}',
  'Kostenfreies Parken in der Innenstadt an den Adventssamstagen',
  'Einrichtung eines Kinder- und Jugendparlaments',
  'Zusätzliche Sitzbänke und Abfallbehälter im Stadtpark',
  'Prüfung einer Photovoltaikanlage auf dem Dach der {school}',
  'Livestream der öffentlichen Sitzungen',
  'Sanierung des Spielplatzes in {village}',
] as const;

const COUNTY_MOTIONS = [
  'Prüfauftrag zur Ausweitung des Rufbus-Angebotes in den Abendstunden',
  'Schülerbeförderung: kostenfreie Beförderung ab der 11. Klasse',
  'Bericht zur Situation der Hausärztinnen und Hausärzte im ländlichen Raum',
  'Livestream der öffentlichen Sitzungen des Kreistages',
  'Radwegelückenschluss an der {road}',
  'Prüfung eines kreiseigenen Förderprogramms für Dorfgemeinschaftshäuser',
] as const;

const ITEM_TEMPLATES: readonly ItemTemplate[] = [
  // --- Bauen, Planen (town) ---
  {
    key: 'bplan-aufstellung', scope: 'town', areas: ['bau'], kind: 'decision', needs: 'developmentAreas',
    title: (c) => { const a = c.p(c.local.developmentAreas, 'area'); return `Bebauungsplan Nr. ${a.no} „${a.name}“ – Aufstellungsbeschluss`; },
  },
  {
    key: 'bplan-entwurf', scope: 'town', areas: ['bau'], kind: 'decision', needs: 'developmentAreas',
    title: (c) => { const a = c.p(c.local.developmentAreas, 'area'); return `Bebauungsplan Nr. ${a.no} „${a.name}“ – Billigung des Entwurfs und Beschluss über die öffentliche Auslegung`; },
  },
  {
    key: 'bplan-satzung', scope: 'town', areas: ['bau'], kind: 'decision', needs: 'developmentAreas',
    title: (c) => { const a = c.p(c.local.developmentAreas, 'area'); return `Bebauungsplan Nr. ${a.no} „${a.name}“ – Abwägungs- und Satzungsbeschluss`; },
  },
  {
    key: 'vergabe-strasse', scope: 'town', areas: ['bau'], kind: 'decision', committeeDecides: true,
    title: (c) => `Vergabe: Straßenausbau ${c.p(c.local.streets, 'street')} (${c.n(3, 'section') + 1}. Bauabschnitt) – Los ${c.n(2, 'lot') + 1} Straßen- und Tiefbauarbeiten`,
  },
  {
    key: 'strassenausbau-variante', scope: 'town', areas: ['bau'], kind: 'decision',
    title: (c) => `Straßenausbau ${c.p(c.local.streets, 'street')} – Beschluss über die Ausbauvariante und die Beteiligung der Anlieger`,
  },
  {
    key: 'kita-sanierung', scope: 'town', areas: ['bau', 'soziales'], kind: 'decision', needs: 'daycare',
    title: (c) => `Energetische Sanierung der Kindertagesstätte „${c.p(c.local.daycare, 'kita')}“ – Bau- und Finanzierungsbeschluss`,
  },
  {
    key: 'einvernehmen-36', scope: 'town', areas: ['bau'], kind: 'decision', committeeDecides: true,
    title: (c) => `Gemeindliches Einvernehmen nach § 36 BauGB – Neubau eines Einfamilienhauses, Gemarkung ${c.p(c.local.villages, 'village')}, Flur ${c.n(9, 'flur') + 1}, Flurstück ${c.n(400, 'fs') + 12}/${c.n(9, 'fs2') + 1}`,
  },
  {
    key: 'fnp-aenderung', scope: 'town', areas: ['bau'], kind: 'decision',
    title: (c) => `${c.n(6, 'fnp') + 2}. Änderung des Flächennutzungsplanes im Bereich ${c.p(c.local.villages, 'village')} – Aufstellungsbeschluss`,
  },
  {
    key: 'planung-sporthalle', scope: 'town', areas: ['bau'], kind: 'decision', committeeDecides: true,
    title: (c) => `Vergabe von Planungsleistungen (Leistungsphasen 1–4 HOAI) für die Sanierung der Sporthalle der ${c.p(c.local.schools, 'school')}`,
  },
  {
    key: 'sachstand-bau', scope: 'both', areas: ['bau'], kind: 'info',
    title: (c) => `Sachstandsbericht zu den Hoch- und Tiefbaumaßnahmen ${c.year}`,
  },
  {
    key: 'feuerwehr-hlf', scope: 'town', areas: ['haupt', 'bau'], kind: 'decision', committeeDecides: true,
    title: (c) => `Vergabe: Lieferung eines Hilfeleistungslöschgruppenfahrzeuges (HLF 10) für die Ortsfeuerwehr ${c.p(c.local.villages, 'village')}`,
  },
  // --- Bauen (county) ---
  {
    key: 'kreisstrasse', scope: 'county', areas: ['bau'], kind: 'decision', committeeDecides: true,
    title: (c) => { const [a, b] = shuffled(c.local.villages, `${c.t.slug}/ks/${c.year}/${c.n(97, 'pair')}`); return `Vergabe: Ausbau der ${c.p(c.local.streets, 'road')} zwischen ${a} und ${b} – Straßenbauarbeiten`; },
  },
  {
    key: 'radweg-kreis', scope: 'county', areas: ['bau'], kind: 'decision',
    title: (c) => { const [a, b] = shuffled(c.local.villages, `${c.t.slug}/rw/${c.year}/${c.n(97, 'pair')}`); return `Radwegebau an der ${c.p(c.local.streets, 'road')} ${a}–${b} – Bau- und Finanzierungsbeschluss`; },
  },
  {
    key: 'schulbau-kreis', scope: 'county', areas: ['bau', 'bildung'], kind: 'decision',
    title: (c) => `Sanierung und Erweiterung der ${c.p(c.local.schools, 'school')} – Baubeschluss`,
  },
  {
    key: 'ftz', scope: 'county', areas: ['bau', 'haupt'], kind: 'info',
    title: () => 'Neubau des Feuerwehrtechnischen Zentrums in Burg – Sachstandsbericht',
  },
  {
    key: 'planung-schule-kreis', scope: 'county', areas: ['bau'], kind: 'decision', committeeDecides: true,
    title: (c) => `Vergabe von Planungsleistungen für den Ersatzneubau der Sporthalle der ${c.p(c.local.schools, 'school')}`,
  },
  // --- Finanzen ---
  {
    key: 'haushalt', scope: 'both', areas: ['finanzen'], kind: 'decision', months: BUDGET_MONTHS,
    title: (c) => `Haushaltssatzung und Haushaltsplan ${c.local.authorityGenitive} für das Haushaltsjahr ${budgetYear(c)}`,
  },
  {
    key: 'jahresabschluss', scope: 'both', areas: ['finanzen'], kind: 'decision', months: [5, 6, 7, 8, 9, 10, 11, 12],
    title: (c) => `Feststellung des Jahresabschlusses ${c.year - 2} und Entlastung ${c.headGenitive}`,
  },
  {
    key: 'ueberplanmaessig', scope: 'both', areas: ['finanzen'], kind: 'decision', committeeDecides: true,
    title: (c) => `Überplanmäßige Aufwendungen im Haushaltsjahr ${c.year} – ${c.p(['Winterdienst', 'Energiekosten der Schulen', 'Unterhaltung der Straßenbeleuchtung', 'Kosten der Kindertagesbetreuung', 'Unterhaltung von Gebäuden'], 'purpose')}`,
  },
  {
    key: 'haushaltsvollzug', scope: 'both', areas: ['finanzen'], kind: 'info',
    title: (c) => `Bericht über den Haushaltsvollzug ${c.month <= 4 ? c.year - 1 : c.year} – Stand ${c.month <= 4 ? '31.12.' : c.month <= 7 ? '31.03.' : c.month <= 10 ? '30.06.' : '30.09.'}`,
  },
  {
    key: 'hebesatz', scope: 'town', areas: ['finanzen'], kind: 'decision', months: [9, 10, 11, 12],
    title: (c) => `Satzung über die Festsetzung der Hebesätze für die Grund- und Gewerbesteuer (Hebesatzsatzung) ab ${c.year + 1}`,
  },
  {
    key: 'beteiligungsbericht', scope: 'both', areas: ['finanzen'], kind: 'info', months: [4, 5, 6, 7, 8, 9, 10],
    title: (c) => `Beteiligungsbericht ${c.year - 1} ${c.local.authorityGenitive}`,
  },
  {
    key: 'hundesteuer', scope: 'town', areas: ['finanzen'], kind: 'decision',
    title: (c) => `${c.n(3, 'n') + 1}. Satzung zur Änderung der Hundesteuersatzung ${c.local.authorityGenitive}`,
  },
  {
    key: 'kreisumlage', scope: 'county', areas: ['finanzen'], kind: 'info', months: [8, 9, 10, 11],
    title: (c) => `Anhörung der kreisangehörigen Gemeinden zur Kreisumlage ${c.year + 1} – Auswertung der Stellungnahmen`,
  },
  {
    key: 'abfallgebuehren', scope: 'county', areas: ['finanzen', 'haupt'], kind: 'decision', months: [9, 10, 11, 12],
    title: (c) => `Satzung über die Gebühren der Abfallentsorgung im Landkreis Jerichower Land (Abfallgebührensatzung) ${c.year + 1}`,
  },
  // --- Soziales, Kita, Kultur (town) ---
  {
    key: 'kita-gebuehren', scope: 'town', areas: ['soziales'], kind: 'decision',
    title: (c) => `${c.n(4, 'n') + 1}. Satzung zur Änderung der Satzung über die Erhebung von Kostenbeiträgen für die Inanspruchnahme von Kindertageseinrichtungen (Kita-Gebührensatzung)`,
  },
  {
    key: 'vereinsfoerderung', scope: 'town', areas: ['soziales'], kind: 'decision', committeeDecides: true, months: [10, 11, 12, 1, 2, 3],
    title: (c) => `Vereinsförderung ${c.month >= 9 ? c.year + 1 : c.year} – Verteilung der Zuschüsse an Sport- und Kulturvereine`,
  },
  {
    key: 'gleichstellung', scope: 'both', areas: ['soziales', 'haupt'], kind: 'info', months: [2, 3, 4, 5, 6],
    title: (c) => `Tätigkeitsbericht der Gleichstellungsbeauftragten ${c.year - 1}`,
  },
  {
    key: 'kita-bedarf', scope: 'town', areas: ['soziales'], kind: 'info',
    title: (c) => `Bedarfsplanung Kindertagesbetreuung ${c.year}/${c.year + 1} – Auslastung der Einrichtungen`,
  },
  {
    key: 'spielplatz', scope: 'town', areas: ['soziales', 'bau'], kind: 'decision',
    title: (c) => `Fortschreibung des Spielplatzkonzeptes ${c.local.authorityGenitive}`,
  },
  {
    key: 'strassenname', scope: 'town', areas: ['soziales', 'haupt'], kind: 'decision', needs: 'developmentAreas',
    title: (c) => `Benennung einer Straße im Baugebiet „${c.p(c.local.developmentAreas, 'area').name}“`,
  },
  {
    key: 'senioren', scope: 'town', areas: ['soziales'], kind: 'info',
    title: (c) => `Bericht des Seniorenbeirates ${c.local.authorityGenitive}`,
  },
  {
    key: 'kultur-sommer', scope: 'town', areas: ['soziales'], kind: 'info', months: [9, 10, 11, 12, 1, 2],
    title: (c) => `Auswertung der Veranstaltungssaison ${c.month >= 9 ? c.year : c.year - 1} und Planung des Kulturprogramms`,
  },
  {
    key: 'vereinsrichtlinie', scope: 'town', areas: ['soziales'], kind: 'decision',
    title: (c) => `Richtlinie über die Förderung von Vereinen ${c.local.authorityGenitive} – Neufassung`,
  },
  // --- Bildung, Kultur, Sport (county) ---
  {
    key: 'schulentwicklung', scope: 'county', areas: ['bildung'], kind: 'decision',
    title: (c) => `Schulentwicklungsplanung des Landkreises Jerichower Land für die Schuljahre ${c.year + 1}/${String(c.year + 2).slice(2)} bis ${c.year + 5}/${String(c.year + 6).slice(2)}`,
  },
  {
    key: 'schulsozialarbeit', scope: 'county', areas: ['bildung', 'jugend'], kind: 'decision',
    title: (c) => `Förderung der Schulsozialarbeit im Schuljahr ${c.month >= 8 ? c.year : c.year - 1}/${String(c.month >= 8 ? c.year + 1 : c.year).slice(2)}`,
  },
  {
    key: 'musikschule', scope: 'county', areas: ['bildung'], kind: 'decision',
    title: () => 'Kreismusikschule Jerichower Land – Änderung der Entgeltordnung',
  },
  {
    key: 'kulturfoerderung-kreis', scope: 'county', areas: ['bildung'], kind: 'decision', committeeDecides: true, months: [10, 11, 12, 1, 2, 3],
    title: (c) => `Kulturförderung ${c.month >= 9 ? c.year + 1 : c.year} – Zuschüsse an Vereine und Initiativen`,
  },
  {
    key: 'sportfoerderung-kreis', scope: 'county', areas: ['bildung'], kind: 'decision',
    title: () => 'Richtlinie des Landkreises Jerichower Land zur Förderung des Sports – Neufassung',
  },
  {
    key: 'schuelerbefoerderung', scope: 'county', areas: ['bildung', 'haupt'], kind: 'decision',
    title: () => 'Satzung über die Schülerbeförderung im Landkreis Jerichower Land – Änderung',
  },
  {
    key: 'digitalpakt', scope: 'county', areas: ['bildung'], kind: 'info',
    title: () => 'Digitalisierung der kreiseigenen Schulen – Sachstandsbericht',
  },
  // --- Jugendhilfe (county) ---
  {
    key: 'jugendfoerderplan', scope: 'county', areas: ['jugend'], kind: 'decision',
    title: (c) => `Jugendförderplan des Landkreises Jerichower Land ${c.month >= 7 ? c.year + 1 : c.year}–${c.month >= 7 ? c.year + 3 : c.year + 2}`,
  },
  {
    key: 'traegeranerkennung', scope: 'county', areas: ['jugend'], kind: 'decision', committeeDecides: true,
    title: (c) => `Anerkennung als Träger der freien Jugendhilfe gemäß § 75 SGB VIII – ${c.p(c.local.associations, 'assoc')}`,
  },
  {
    key: 'jugendamt-bericht', scope: 'county', areas: ['jugend'], kind: 'info', months: [3, 4, 5, 6, 7],
    title: (c) => `Jahresbericht des Jugendamtes ${c.year - 1}`,
  },
  {
    key: 'kita-bedarf-kreis', scope: 'county', areas: ['jugend', 'soziales'], kind: 'decision',
    title: (c) => `Bedarfsplan für Kindertageseinrichtungen im Landkreis Jerichower Land ${c.year}/${c.year + 1}`,
  },
  {
    key: 'hze-bericht', scope: 'county', areas: ['jugend'], kind: 'info',
    title: () => 'Jugendhilfeplanung – Teilplan Hilfen zur Erziehung, Entwicklung der Fallzahlen und Kosten',
  },
  {
    key: 'jugendarbeit-richtlinie', scope: 'county', areas: ['jugend'], kind: 'decision',
    title: () => 'Richtlinie zur Förderung der Kinder- und Jugendarbeit – Änderung',
  },
  {
    key: 'fruehe-hilfen', scope: 'county', areas: ['jugend'], kind: 'info',
    title: (c) => `Bericht der Koordinierungsstelle Frühe Hilfen und Kinderschutz ${c.year - 1}`,
  },
  {
    key: 'kindertagespflege', scope: 'county', areas: ['jugend'], kind: 'decision',
    title: (c) => `Kindertagespflege – Anpassung der laufenden Geldleistung ab ${c.month >= 7 ? c.year + 1 : c.year}`,
  },
  {
    key: 'ferienfreizeiten', scope: 'county', areas: ['jugend'], kind: 'decision', committeeDecides: true, months: [1, 2, 3, 4, 5],
    title: (c) => `Förderung von Ferienfreizeiten und internationalen Jugendbegegnungen ${c.year}`,
  },
  {
    key: 'streetwork', scope: 'county', areas: ['jugend'], kind: 'info',
    title: (c) => `Mobile Jugendarbeit im ${c.p(['Raum Burg', 'Raum Genthin', 'Raum Gommern/Möser', 'Raum Möckern'], 'region')} – Sachstandsbericht`,
  },
  // --- Haupt, Allgemeines ---
  {
    key: 'hauptsatzung', scope: 'both', areas: ['haupt'], kind: 'decision',
    title: (c) => `${c.n(3, 'n') + 1}. Satzung zur Änderung der Hauptsatzung ${c.local.authorityGenitive}`,
  },
  {
    key: 'brandschutz', scope: 'town', areas: ['haupt'], kind: 'decision',
    title: (c) => `Fortschreibung der Risikoanalyse und Brandschutzbedarfsplanung ${c.local.authorityGenitive}`,
  },
  {
    key: 'ortswehrleiter', scope: 'town', areas: ['haupt'], kind: 'decision',
    title: (c) => `Ernennung des Ortswehrleiters und seines Stellvertreters der Ortsfeuerwehr ${c.p(c.local.villages, 'village')}`,
  },
  {
    key: 'spenden', scope: 'both', areas: ['haupt', 'finanzen'], kind: 'decision', committeeDecides: true,
    title: () => 'Annahme von Spenden, Schenkungen und ähnlichen Zuwendungen',
  },
  {
    key: 'schiedsstelle', scope: 'town', areas: ['haupt'], kind: 'decision',
    title: (c) => `Wahl einer Schiedsperson für die Schiedsstelle ${c.local.authorityGenitive}`,
  },
  {
    key: 'breitband', scope: 'both', areas: ['haupt', 'bau'], kind: 'info',
    title: (c) => (c.t.scope === 'county' ? 'Breitbandausbau im Landkreis – Sachstandsbericht' : 'Information zum Sachstand Breitbandausbau in den Ortsteilen'),
  },
  {
    key: 'antrag', scope: 'town', areas: ['haupt'], kind: 'motion',
    title: (c) => `Antrag der ${c.factionName}: ${c.p(MOTIONS, 'motion').replace('{village}', c.p(c.local.villages, 'village')).replace('{school}', c.p(c.local.schools, 'school'))}`,
  },
  {
    key: 'antrag-kreis', scope: 'county', areas: ['haupt'], kind: 'motion',
    title: (c) => `Antrag der ${c.factionName}: ${c.p(COUNTY_MOTIONS, 'motion').replace('{road}', c.p(c.local.streets, 'road'))}`,
  },
  {
    key: 'nahverkehrsplan', scope: 'county', areas: ['haupt'], kind: 'decision',
    title: () => 'Nahverkehrsplan des Landkreises Jerichower Land – Fortschreibung',
  },
  {
    key: 'rettungsdienst', scope: 'county', areas: ['haupt'], kind: 'decision',
    title: () => 'Rettungsdienstbereichsplan des Landkreises Jerichower Land – Fortschreibung',
  },
  {
    key: 'katastrophenschutz', scope: 'county', areas: ['haupt'], kind: 'decision', committeeDecides: true,
    title: () => 'Vergabe: Beschaffung von Einsatzfahrzeugen für den Katastrophenschutz',
  },
];

const NON_PUBLIC_LAND = [
  'Grundstücksangelegenheiten – Verkauf einer Teilfläche des Flurstücks {fs}, Flur {flur}, Gemarkung {village}',
  'Grundstücksangelegenheiten – Erwerb von Flächen für den Straßenausbau {street}',
  'Grundstücksangelegenheiten – Abschluss eines Pachtvertrages, Gemarkung {village}',
  'Grundstücksangelegenheiten – Ausübung des Vorkaufsrechts, Gemarkung {village}, Flur {flur}',
] as const;

const NON_PUBLIC_STAFF = [
  'Personalangelegenheiten – Besetzung der Stelle Sachgebietsleitung Tiefbau',
  'Personalangelegenheiten – Besetzung der Stelle Sachgebietsleitung Kämmerei',
  'Personalangelegenheiten – Einstellung einer Leitung der Kindertagesstätte „{kita}“',
  'Personalangelegenheiten – Höhergruppierung einer Beschäftigten',
  'Personalangelegenheiten – Verlängerung eines befristeten Arbeitsvertrages',
] as const;

const NON_PUBLIC_COUNTY_STAFF = [
  'Personalangelegenheiten – Besetzung der Stelle der Leitung des Jugendamtes',
  'Personalangelegenheiten – Besetzung der Stelle der Leitung des Rechnungsprüfungsamtes',
  'Personalangelegenheiten – Bestellung einer stellvertretenden Kreisbrandmeisterin',
  'Personalangelegenheiten – Höhergruppierung eines Beschäftigten',
] as const;

const NON_PUBLIC_OTHER: Record<Area, readonly string[]> = {
  haupt: ['Vertragsangelegenheiten – Verlängerung des Konzessionsvertrages Strom'],
  finanzen: ['Steuerangelegenheiten – Erlass von Gewerbesteuer (Einzelfall)', 'Stundung und Niederschlagung von Forderungen (Einzelfälle)'],
  bau: ['Vergabeangelegenheiten – Nachtrag Nr. {n} zum Straßenausbau {street}', 'Vergabeangelegenheiten – Auftragserweiterung Planungsleistungen'],
  soziales: ['Anträge auf Ermäßigung von Kostenbeiträgen (Einzelfälle)'],
  bildung: ['Schulangelegenheiten – Anträge auf Gastschulverhältnisse (Einzelfälle)'],
  jugend: ['Jugendhilfeangelegenheiten – Einzelfallentscheidungen'],
};

// ---------------------------------------------------------------------------------------------
// Building one tenant
// ---------------------------------------------------------------------------------------------

type RoleKind =
  | 'member' | 'chair' | 'deputy' | 'head'
  | 'faction_chair' | 'faction_deputy'
  | 'sachkundig' | 'jha_voting' | 'jha_advisory' | 'substitute';

interface PersonRec {
  key: string;
  row: PersonRow;
  gender: Gender;
  /** committee seats held (for spreading seats) */
  load: number;
}

interface MembershipRec {
  key: string;
  person: PersonRec;
  orgKey: string;
  roleKind: RoleKind;
  voting: boolean;
  start: string;
  end: string | null;
  /** For a substitute: the member stood in for. */
  deputyFor?: PersonRec;
}

function roleText(kind: RoleKind, gender: Gender, t: TenantSpec): string {
  const f = gender === 'female';
  switch (kind) {
    case 'member': return 'Mitglied';
    case 'chair': return f ? 'Vorsitzende' : 'Vorsitzender';
    case 'deputy': return f ? 'Stellvertretende Vorsitzende' : 'Stellvertretender Vorsitzender';
    case 'head': return f ? t.head.female : t.head.male;
    case 'faction_chair': return f ? 'Fraktionsvorsitzende' : 'Fraktionsvorsitzender';
    case 'faction_deputy': return f ? 'Stellvertretende Fraktionsvorsitzende' : 'Stellvertretender Fraktionsvorsitzender';
    case 'sachkundig': return f ? 'Sachkundige Einwohnerin' : 'Sachkundiger Einwohner';
    case 'jha_voting': return 'Stimmberechtigtes Mitglied (Träger der freien Jugendhilfe)';
    case 'jha_advisory': return 'beratendes Mitglied';
    case 'substitute': return f ? 'Stellvertretendes Mitglied (Stellvertreterin)' : 'Stellvertretendes Mitglied (Stellvertreter)';
  }
}

/** d'Hondt: committee seats per faction, ties to the larger faction, then to the earlier one. */
function dHondt(factions: readonly FactionSpec[], seats: number): Map<string, number> {
  const alloc = new Map(factions.map((f) => [f.key, 0]));
  for (let s = 0; s < seats; s++) {
    let best: FactionSpec | undefined;
    let bestQ = -1;
    for (const f of factions) {
      const q = f.seats / ((alloc.get(f.key) ?? 0) + 1);
      if (q > bestQ || (q === bestQ && best && f.seats > best.seats)) {
        best = f;
        bestQ = q;
      }
    }
    if (best) alloc.set(best.key, (alloc.get(best.key) ?? 0) + 1);
  }
  return alloc;
}

function dayAfter(iso: string): string {
  return isoDay(dayFromIso(iso) + 1);
}

/** The meeting service's rows are added for all tenants at once (applyMeetingService). */
type ServiceTable = 'meeting_attendances' | 'absence_notices' | 'vote_conflicts' | 'named_votes' | 'resolutions' | 'resolution_notes' | 'meeting_links';
type BuiltTenant = Omit<DemoData, 'referenceDate' | 'tenants' | ServiceTable> & { tenant: TenantRow };

/** "Ratssaal, Rathaus Burg, In der Alten Kaserne 2, 39288 Burg" → room, building, street, postcode and town. */
function parseLocation(text: string): Omit<LocationRow, 'id' | 'tenant_id'> {
  const parts = text.split(', ');
  const [postalCode, ...town] = (parts.at(-1) ?? '').split(' ');
  const street = parts.length >= 3 ? parts[parts.length - 2] : null;
  const place = parts.slice(0, parts.length >= 3 ? -2 : -1);
  return {
    description: place.join(', ') || text,
    room: place[0] ?? null,
    street_address: street,
    postal_code: /^\d{5}$/.test(postalCode) ? postalCode : null,
    locality: town.join(' ') || null,
  };
}

function buildTenant(t: TenantSpec, ref: Date): BuiltTenant {
  const local = LOCAL[t.slug];
  const tenantId = demoUuid(`tenant/${t.slug}`);
  const tenant: TenantRow = {
    id: tenantId,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    ags: t.ags,
    status: t.status,
    identity_issuer: null,
    identity_organization_alias: null,
    branding_logo_url: null,
    branding_primary_color: t.color,
    notice_period_days: t.noticePeriodDays,
    oparl_license: DEMO_OPARL_LICENSE,
  };

  // --- organizations ---------------------------------------------------------------------
  const orgId = (key: string) => demoUuid(`${t.slug}/organization/${key}`);
  const organizations: OrganizationRow[] = [];
  // --- legislative terms and locations -----------------------------------------------------
  const legislative_terms: LegislativeTermRow[] = [
    { id: demoUuid(`${t.slug}/legislative-term/2019`), tenant_id: tenantId, name: 'Wahlperiode 2019–2024', start_date: '2019-07-01', end_date: '2024-06-30' },
    { id: demoUuid(`${t.slug}/legislative-term/2024`), tenant_id: tenantId, name: 'Wahlperiode 2024–2029', start_date: LEGISLATIVE_TERM_START, end_date: '2029-06-30' },
  ];
  const locations: LocationRow[] = [];
  const locationId = (text: string): string => {
    const id = demoUuid(`${t.slug}/location/${text}`);
    if (!locations.some((l) => l.id === id)) locations.push({ id, tenant_id: tenantId, ...parseLocation(text) });
    return id;
  };
  const org = (key: string, name: string, shortName: string, type: OrganizationType, classification: string, location: string | null): void => {
    organizations.push({
      id: orgId(key), tenant_id: tenantId, name, short_name: shortName, organization_type: type, classification,
      start_date: LEGISLATIVE_TERM_START, end_date: null, website: null, parent_id: null, location_id: location ? locationId(location) : null,
    });
  };
  org(t.council.key, t.council.name, t.council.shortName, 'council', t.council.classification, t.council.location);
  for (const c of t.committees) org(`committee/${c.key}`, c.name, c.shortName, 'committee', 'Ausschuss', c.location);
  for (const f of t.factions) org(`faction/${f.key}`, f.name, f.shortName, 'faction', 'Fraktion', null);

  // --- persons -------------------------------------------------------------------------------
  const persons: PersonRec[] = [];
  const familyPool = shuffled(FAMILY_NAMES, `${t.slug}/family-names`);
  let familyNext = 0;
  const newPerson = (role: string, forcedGender?: Gender): PersonRec => {
    const key = `${t.slug}/person/${persons.length + 1}`;
    const gender: Gender = forcedGender ?? (hashFrac(`${key}/gender`) < 0.36 ? 'female' : 'male');
    const familyName = familyPool[familyNext++ % familyPool.length];
    const givenName = pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE, `${key}/given`);
    const titleRoll = hashFrac(`${key}/title`);
    const title = titleRoll < 0.08 ? 'Dr.' : titleRoll < 0.12 ? 'Dipl.-Ing.' : null;
    // sachkundige Einwohner and honorary members: not all publish an address
    const hasEmail = hashFrac(`${key}/email`) < (role === 'advisor' ? 0.5 : 0.85);
    const rec: PersonRec = {
      key,
      gender,
      load: 0,
      row: {
        id: demoUuid(key),
        tenant_id: tenantId,
        family_name: familyName,
        given_name: givenName,
        form_of_address: gender === 'female' ? 'Frau' : 'Herr',
        title,
        affix: null,
        gender,
        email: hasEmail ? `${emailLocalPart(givenName)}.${emailLocalPart(familyName)}@${t.slug}.example.org` : null,
      },
    };
    persons.push(rec);
    return rec;
  };
  const twoCouncilPerson = (): PersonRec => {
    const key = `${t.slug}/person/katrin-lehmann`;
    const rec: PersonRec = {
      key, gender: 'female', load: 0,
      row: {
        id: demoUuid(key), tenant_id: tenantId, family_name: 'Lehmann', given_name: 'Katrin', form_of_address: 'Frau',
        title: 'Dr.', affix: null, gender: 'female', email: TWO_COUNCILS_PERSON_EMAIL,
      },
    };
    persons.push(rec);
    return rec;
  };

  const head = newPerson('head', t.head.gender);
  const factionMembers = new Map<string, PersonRec[]>();
  for (const f of t.factions) {
    const list: PersonRec[] = [];
    for (let i = 0; i < f.seats; i++) {
      list.push(t.twoCouncilPerson?.factionKey === f.key && t.twoCouncilPerson.position === i ? twoCouncilPerson() : newPerson('member'));
    }
    factionMembers.set(f.key, list);
  }

  // --- memberships ---------------------------------------------------------------------------
  const memberships: MembershipRec[] = [];
  const addMembership = (person: PersonRec, orgKey: string, roleKind: RoleKind, voting: boolean, start = LEGISLATIVE_TERM_START, suffix = ''): MembershipRec => {
    const rec: MembershipRec = { key: `${t.slug}/membership/${orgKey}/${person.key}${suffix}`, person, orgKey, roleKind, voting, start, end: null };
    memberships.push(rec);
    return rec;
  };

  // council: head, chair, deputies, members
  const councilRole = new Map<PersonRec, RoleKind>();
  const at = (factionIdx: number, pos: number): PersonRec | undefined => {
    const f = t.factions[factionIdx];
    if (!f) return undefined;
    const list = factionMembers.get(f.key) ?? [];
    return list[Math.min(pos, list.length - 1)];
  };
  const chairPerson = at(0, 2);
  if (chairPerson) councilRole.set(chairPerson, 'chair');
  for (const idx of [1, 2]) {
    const p = at(idx, 2);
    if (p) councilRole.set(p, 'deputy');
  }
  addMembership(head, t.council.key, 'head', true);
  for (const f of t.factions) {
    for (const p of factionMembers.get(f.key) ?? []) addMembership(p, t.council.key, councilRole.get(p) ?? 'member', true);
  }
  // factions
  for (const f of t.factions) {
    (factionMembers.get(f.key) ?? []).forEach((p, i) => {
      addMembership(p, `faction/${f.key}`, i === 0 ? 'faction_chair' : i === 1 && f.seats >= 3 ? 'faction_deputy' : 'member', true);
    });
  }
  // committees: d'Hondt seats, seats spread over the faction's members
  const ordinaryCommittees = t.committees.filter((c) => !c.chairedByHead);
  for (const c of t.committees) {
    const orgKey = `committee/${c.key}`;
    const alloc = dHondt(t.factions, c.seats);
    const seated = new Map<string, PersonRec[]>();
    for (const f of t.factions) {
      const candidates = [...(factionMembers.get(f.key) ?? [])]
        .map((p, i) => ({ p, i }))
        .sort((a, b) => a.p.load - b.p.load || a.i - b.i)
        .slice(0, alloc.get(f.key) ?? 0)
        .map((x) => x.p);
      for (const p of candidates) p.load++;
      seated.set(f.key, candidates);
    }
    const roles = new Map<PersonRec, RoleKind>();
    if (c.chairedByHead) {
      addMembership(head, orgKey, 'chair', true);
    } else {
      const j = ordinaryCommittees.indexOf(c);
      const withSeats = t.factions.filter((f) => (seated.get(f.key) ?? []).length > 0);
      const chairF = withSeats[j % withSeats.length];
      const deputyF = withSeats[(j + 1) % withSeats.length];
      const chair = seated.get(chairF.key)?.[0];
      if (chair) roles.set(chair, 'chair');
      const deputyList = seated.get(deputyF.key) ?? [];
      const deputy = deputyList.find((p) => !roles.has(p));
      if (deputy) roles.set(deputy, 'deputy');
    }
    for (const f of t.factions) {
      for (const p of seated.get(f.key) ?? []) addMembership(p, orgKey, roles.get(p) ?? 'member', true);
    }
    for (const adv of c.advisors ?? []) {
      for (let i = 0; i < adv.count; i++) {
        addMembership(newPerson('advisor'), orgKey, adv.kind, adv.kind === 'jha_voting');
      }
    }
  }

  // --- changes during the term ---------------------------------------------------------------
  if (t.resignation) {
    const { factionKey, lastDay } = t.resignation;
    const list = factionMembers.get(factionKey) ?? [];
    const leaver = list[list.length - 1];
    const successor = newPerson('member');
    const start = dayAfter(lastDay);
    for (const m of memberships.filter((x) => x.person === leaver && x.end === null)) {
      m.end = lastDay;
      addMembership(successor, m.orgKey, m.roleKind, m.voting, start);
    }
  }
  if (t.factionSwitch) {
    const { fromKey, toKey, lastDay } = t.factionSwitch;
    const list = factionMembers.get(fromKey) ?? [];
    const switcher = list[list.length - 1];
    const m = memberships.find((x) => x.person === switcher && x.orgKey === `faction/${fromKey}` && x.end === null);
    if (m) {
      m.end = lastDay;
      addMembership(switcher, `faction/${toKey}`, 'member', true, dayAfter(lastDay));
    }
  }
  if (t.seatChange) {
    const { committeeKey, lastDay } = t.seatChange;
    const orgKey = `committee/${committeeKey}`;
    const seatHolders = memberships.filter((x) => x.orgKey === orgKey && x.roleKind === 'member' && x.end === null && x.voting);
    const leaving = seatHolders[seatHolders.length - 1];
    if (leaving) {
      const faction = t.factions.find((f) => (factionMembers.get(f.key) ?? []).includes(leaving.person));
      const inCommittee = new Set(memberships.filter((x) => x.orgKey === orgKey).map((x) => x.person));
      const replacement = (faction ? factionMembers.get(faction.key) ?? [] : [])
        .filter((p) => !inCommittee.has(p) && memberships.some((x) => x.person === p && x.orgKey === t.council.key && x.end === null))
        .sort((a, b) => a.load - b.load)[0];
      if (replacement) {
        leaving.end = lastDay;
        addMembership(replacement, orgKey, 'member', true, dayAfter(lastDay));
      }
    }
  }

  // --- substitutes: each faction names one for its first seat in each ordinary committee -------
  for (const c of ordinaryCommittees) {
    const orgKey = `committee/${c.key}`;
    const inCommittee = new Set(memberships.filter((x) => x.orgKey === orgKey).map((x) => x.person));
    for (const f of t.factions) {
      const seat = memberships.find((x) => x.orgKey === orgKey && x.end === null && x.voting && (factionMembers.get(f.key) ?? []).includes(x.person));
      const substitute = (factionMembers.get(f.key) ?? [])
        .filter((p) => !inCommittee.has(p) && memberships.some((x) => x.person === p && x.orgKey === t.council.key && x.end === null))
        .sort((a, b) => a.load - b.load)[0];
      if (!seat || !substitute) continue;
      inCommittee.add(substitute);
      const rec = addMembership(substitute, orgKey, 'substitute', false, seat.start, '/substitute');
      rec.deputyFor = seat.person;
    }
  }

  // --- meetings ------------------------------------------------------------------------------
  const refMs = ref.getTime();
  const windowStart = addMonthsUtc(ref, -t.windowMonths);
  const windowEnd = addMonthsUtc(ref, t.windowMonths);
  const untilDay = Math.floor(windowEnd / DAY_MS) + 1;

  interface Body { spec: BodySpec; orgKey: string; isCouncil: boolean; votingMembers: number; committee?: CommitteeSpec }
  const bodies: Body[] = [
    { spec: t.council, orgKey: t.council.key, isCouncil: true, votingMembers: t.factions.reduce((s, f) => s + f.seats, 1) },
    ...t.committees.map((c) => ({
      spec: c, orgKey: `committee/${c.key}`, isCouncil: false, committee: c,
      votingMembers: c.seats + (c.chairedByHead ? 1 : 0) + (c.advisors ?? []).filter((a) => a.kind === 'jha_voting').reduce((s, a) => s + a.count, 0),
    })),
  ];

  interface MeetingRec { body: Body; day: number; key: string; start: number; end: number; ordinal: number; cancelled: boolean; state: MeetingState; prevDay: number | null }
  const meetingRecs: MeetingRec[] = [];
  const allDays = new Map<string, number[]>();
  const occupied = new Set<number>();
  for (const body of bodies) {
    const days = meetingDays(body.spec.schedule, untilDay, occupied);
    allDays.set(body.orgKey, days);
    days.forEach((day, i) => {
      const start = berlinLocalToUtc(isoDay(day), body.spec.schedule.time).getTime();
      if (start < windowStart || start >= windowEnd) return;
      const key = `${t.slug}/meeting/${body.orgKey}/${isoDay(day)}`;
      const minutes = body.isCouncil ? 150 + 15 * (hashInt(`${key}/duration`) % 3) : 90 + 15 * (hashInt(`${key}/duration`) % 5);
      meetingRecs.push({ body, day, key, start, end: start + minutes * 60_000, ordinal: i + 1, cancelled: false, state: 'planned', prevDay: null });
    });
  }
  meetingRecs.sort((a, b) => a.start - b.start || bodies.indexOf(a.body) - bodies.indexOf(b.body));

  // cancellations: one past committee meeting, optionally one far in the future (never within 100 days)
  const committeeMeetings = meetingRecs.filter((m) => !m.body.isCouncil);
  const pastCandidates = committeeMeetings.filter((m) => m.start < refMs - 21 * DAY_MS);
  const futureCandidates = committeeMeetings.filter((m) => m.start > refMs + 100 * DAY_MS);
  if (pastCandidates.length > 0) pick(pastCandidates, `${t.slug}/cancel/past`).cancelled = true;
  if (t.cancelFutureMeeting && futureCandidates.length > 0) pick(futureCandidates, `${t.slug}/cancel/future`).cancelled = true;
  // Council meetings are numbered through the term; the numbering skips nothing since councils are never cancelled here.

  // states and the previous meeting (for "Genehmigung der Niederschrift")
  const cancelledDays = new Set(meetingRecs.filter((m) => m.cancelled).map((m) => m.key));
  for (const m of meetingRecs) {
    const days = allDays.get(m.body.orgKey) ?? [];
    const earlier = days.filter((d) => d < m.day && !cancelledDays.has(`${t.slug}/meeting/${m.body.orgKey}/${isoDay(d)}`));
    m.prevDay = earlier.length > 0 ? earlier[earlier.length - 1] : null;
    if (m.start < refMs) {
      if (m.cancelled) {
        m.state = 'invited';
      } else {
        const laterHeld = meetingRecs.some((o) => o.body === m.body && !o.cancelled && o.start > m.start && o.start < refMs);
        m.state = laterHeld ? 'minutes_approved' : 'held';
      }
    } else {
      m.state = m.start - refMs <= 14 * DAY_MS ? 'invited' : 'planned';
    }
  }

  const meetings: MeetingRow[] = meetingRecs.map((m) => ({
    id: demoUuid(m.key),
    tenant_id: tenantId,
    organization_id: orgId(m.body.orgKey),
    name: m.body.isCouncil ? `${m.ordinal}. Sitzung ${m.body.spec.genitive}` : `Sitzung ${m.body.spec.genitive}`,
    start: new Date(m.start).toISOString(),
    end: new Date(m.end).toISOString(),
    location_text: m.body.spec.location,
    meeting_state: m.state,
    cancelled: m.cancelled,
    cancelled_reason: m.cancelled ? 'Die Sitzung entfällt mangels beratungsreifer Vorlagen.' : null,
    location_id: locationId(m.body.spec.location),
    started_at: null,
    closed_at: null,
  }));

  // --- agenda items --------------------------------------------------------------------------
  // A proposal (template + title, stable within a quarter) travels from committee to council; the
  // papers, their numbers and the items' links come from demo-papers.mts once all agendas exist.
  // `{ref}` in a text stands for the number of the item's paper.
  const draftMeetings: DraftMeeting[] = [];
  const usedTitles = new Map<string, Set<string>>();
  const headGenitive = t.head.gender === 'female' ? `der ${t.head.female}` : `des ${t.head.male === 'Landrat' ? 'Landrates' : 'Bürgermeisters'}`;
  const councilNominative = t.council.nominative;

  for (const m of meetingRecs) {
    const { y: year, m: month } = civil(m.day);
    const quarter = Math.floor((month - 1) / 3);
    const held = m.start < refMs && !m.cancelled;
    const items: Array<Omit<DraftItem, 'idKey' | 'level' | 'consultationId'>> = [];
    const bodyName = m.body.spec.nominative;

    items.push({ name: 'Eröffnung, Feststellung der ordnungsgemäßen Ladung und Beschlussfähigkeit', public: true, result: null, resolution: null });
    items.push({ name: 'Feststellung der Tagesordnung', public: true, result: null, resolution: null });
    items.push({
      name: m.prevDay === null
        ? 'Verpflichtung der Mitglieder und Wahl der Stellvertretung des Vorsitzes'
        : `Genehmigung der Niederschrift über den öffentlichen Teil der Sitzung vom ${germanDate(m.prevDay)}`,
      public: true, result: null, resolution: null,
    });
    items.push({ name: 'Einwohnerfragestunde', public: true, result: null, resolution: null });

    // substantive items
    const areas = new Set(m.body.spec.areas);
    const pool = ITEM_TEMPLATES.filter(
      (tpl) =>
        (tpl.scope === 'both' || tpl.scope === t.scope) &&
        tpl.areas.some((a) => areas.has(a)) &&
        (!tpl.months || tpl.months.includes(month)) &&
        (!tpl.needs || local[tpl.needs].length > 0),
    );
    const ordered = pool
      .map((tpl) => ({ tpl, rank: hashInt(`${m.key}/${tpl.key}`) }))
      .sort((a, b) => a.rank - b.rank)
      .map((x) => x.tpl);
    // a body does not discuss the same title twice in a quarter; small catalogues get shorter agendas
    const wanted = Math.min(
      m.body.isCouncil ? 4 + (hashInt(`${m.key}/count`) % 5) : 3 + (hashInt(`${m.key}/count`) % 4),
      Math.max(3, Math.floor(pool.length / 2)),
    );
    const usedKey = `${m.body.orgKey}/${year}/${quarter}`;
    const used = usedTitles.get(usedKey) ?? new Set<string>();
    usedTitles.set(usedKey, used);
    const chosen: Array<{ tpl: ItemTemplate; title: string; factionKey: string | null }> = [];
    const factionOf = (tpl: ItemTemplate) => pick(t.factions, `${m.key}/${tpl.key}/faction`);
    const titleOf = (tpl: ItemTemplate): string => {
      const stable = `${t.slug}/${tpl.key}/${year}/${quarter}`;
      return tpl.title({
        t, local, year, month, headGenitive,
        factionName: factionOf(tpl).name,
        p: (arr, salt) => pick(arr, `${stable}/${salt}`),
        n: (modulo, salt) => hashInt(`${stable}/${salt}`) % modulo,
      });
    };
    // first pass: titles this body has not had this quarter; second pass (rare): fill up to three
    for (const pass of [1, 2]) {
      for (const tpl of ordered) {
        if (chosen.length >= (pass === 1 ? wanted : 3)) break;
        const title = titleOf(tpl);
        if (chosen.some((c) => c.title === title) || (pass === 1 && used.has(title))) continue;
        used.add(title);
        chosen.push({ tpl, title, factionKey: tpl.kind === 'motion' ? factionOf(tpl).key : null });
      }
    }
    const docNo = '{ref}';
    for (const { tpl, title, factionKey } of chosen) {
      let result: string | null = null;
      let resolution: string | null = null;
      if (held) {
        const roll = hashFrac(`${m.key}/${tpl.key}/result`);
        if (tpl.kind === 'info') {
          result = 'zur Kenntnis genommen';
          resolution = `${bodyName} nimmt die Informationsvorlage ${docNo} zur Kenntnis.`;
        } else if (roll < 0.1) {
          result = 'vertagt';
          resolution = `Der Tagesordnungspunkt wird auf Antrag aus der Mitte ${m.body.spec.genitive} vertagt.`;
        } else {
          const unanimous = roll < (tpl.kind === 'motion' ? 0.25 : 0.55);
          result = unanimous ? 'einstimmig beschlossen' : 'mehrheitlich beschlossen';
          const n = m.body.votingMembers;
          const present = n - (hashInt(`${m.key}/${tpl.key}/absent`) % Math.min(4, Math.max(1, Math.floor(n / 4))));
          let no = 0;
          let abstain = 0;
          if (!unanimous) {
            no = 1 + (hashInt(`${m.key}/${tpl.key}/no`) % Math.max(1, Math.floor(present / 3)));
            abstain = hashInt(`${m.key}/${tpl.key}/abstain`) % 3;
          }
          const yes = present - no - abstain;
          const decides = m.body.isCouncil || tpl.committeeDecides;
          const what = tpl.kind === 'motion' ? `den Antrag ${docNo}` : `gemäß Beschlussvorlage ${docNo}`;
          const sentence = decides
            ? `${bodyName} beschließt ${what}.`
            : `${bodyName} empfiehlt ${councilNominative.replace(/^Der /, 'dem ')}, ${tpl.kind === 'motion' ? `den Antrag ${docNo} zu beschließen` : `gemäß Beschlussvorlage ${docNo} zu beschließen`}.`;
          resolution = `${sentence}\nAbstimmungsergebnis: ${yes} Ja, ${no} Nein, ${abstain} ${abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`;
        }
      }
      items.push({
        name: title, public: true, result, resolution,
        proposal: {
          key: `${tpl.key}/${year}-Q${quarter + 1}/${title}`, templateKey: tpl.key, kind: tpl.kind, committeeDecides: tpl.committeeDecides ?? false,
          title, area: tpl.areas.find((a) => areas.has(a)) ?? tpl.areas[0], factionKey,
        },
      });
    }
    items.push({ name: 'Anfragen und Mitteilungen', public: true, result: null, resolution: null, questionsItem: true });

    // non-public part
    if (hashFrac(`${m.key}/non-public`) < m.body.spec.nonPublicRate) {
      const fill = (s: string, salt: string) =>
        s
          .replace('{village}', pick(local.villages, `${m.key}/${salt}/village`))
          .replace('{street}', pick(local.streets, `${m.key}/${salt}/street`))
          .replace('{kita}', local.daycare.length > 0 ? pick(local.daycare, `${m.key}/${salt}/kita`) : 'Sonnenschein')
          .replace('{flur}', String(1 + (hashInt(`${m.key}/${salt}/flur`) % 12)))
          .replace('{fs}', `${20 + (hashInt(`${m.key}/${salt}/fs`) % 380)}/${1 + (hashInt(`${m.key}/${salt}/fs2`) % 9)}`)
          .replace('{n}', String(1 + (hashInt(`${m.key}/${salt}/n`) % 4)));
      const np: string[] = [];
      let land: string | null = null;
      const general = m.body.isCouncil || m.body.committee?.chairedByHead;
      if (general) {
        land = fill(pick(NON_PUBLIC_LAND, `${m.key}/np-land`), 'land');
        np.push(land);
        if (hashFrac(`${m.key}/np-staff?`) < 0.7) {
          const staff = t.scope === 'county' ? NON_PUBLIC_COUNTY_STAFF : NON_PUBLIC_STAFF;
          np.push(fill(pick(staff, `${m.key}/np-staff`), 'staff'));
        }
        if (hashFrac(`${m.key}/np-other?`) < 0.3) np.push(fill(pick(NON_PUBLIC_OTHER.haupt, `${m.key}/np-other`), 'other'));
      } else {
        const area = m.body.spec.areas[0];
        if (area === 'bau' || area === 'finanzen') {
          land = fill(pick(NON_PUBLIC_LAND, `${m.key}/np-land`), 'land');
          np.push(land);
        }
        np.push(fill(pick(NON_PUBLIC_OTHER[area], `${m.key}/np-other`), 'other'));
      }
      for (const name of np) items.push({ name, public: false, result: null, resolution: null, landMatter: name === land });
    }

    draftMeetings.push({
      id: demoUuid(m.key), key: m.key, organizationId: orgId(m.body.orgKey), isCouncil: m.body.isCouncil, day: m.day, held, cancelled: m.cancelled,
      items: items.map((it, i) => ({ ...it, idKey: `${m.key}/item/${i + 1}`, level: 1, consultationId: null })),
    });
  }

  const council = { organizationId: orgId(t.council.key), name: t.council.name, nominative: t.council.nominative, isCouncil: true };
  const currentFactionMembers = (f: FactionSpec) =>
    memberships
      .filter((x) => x.orgKey === `faction/${f.key}` && x.end === null)
      .sort((a, b) => (a.roleKind === 'faction_chair' ? 0 : 1) - (b.roleKind === 'faction_chair' ? 0 : 1))
      .map((x) => ({ personId: x.person.row.id, name: `${x.person.row.title ? `${x.person.row.title} ` : ''}${x.person.row.given_name} ${x.person.row.family_name}`, female: x.person.gender === 'female' }));
  const content = buildCouncilContent({
    slug: t.slug, tenantId, authority: t.name, scope: t.scope,
    head: {
      personId: head.row.id, name: `${head.row.given_name} ${head.row.family_name}`,
      role: head.gender === 'female' ? t.head.female : t.head.male, genitive: headGenitive,
    },
    council,
    bodies: [council, ...t.committees.map((c) => ({ organizationId: orgId(`committee/${c.key}`), name: c.name, nominative: c.nominative, isCouncil: false }))],
    factions: t.factions.map((f) => ({ key: f.key, organizationId: orgId(`faction/${f.key}`), name: f.name, members: currentFactionMembers(f) })),
    villages: local.villages, streets: local.streets, schools: local.schools,
    councilSeats: bodies[0].votingMembers,
    meetings: draftMeetings,
    refDay: Math.floor(refMs / DAY_MS),
    windowStartDay: Math.floor(windowStart / DAY_MS),
  });

  const agenda_items: AgendaItemRow[] = [];
  for (const m of draftMeetings) {
    const items = m.items;

    let pub = 0;
    let nonPub = 0;
    let sub = 0;
    items.forEach((it, i) => {
      let number: string;
      if (it.level === 2) {
        number = `${it.public ? `Ö ${pub}` : `N ${nonPub}`}.${++sub}`;
      } else {
        sub = 0;
        number = it.public ? `Ö ${++pub}` : `N ${++nonPub}`;
      }
      agenda_items.push({
        id: demoUuid(it.idKey),
        tenant_id: tenantId,
        meeting_id: m.id,
        order: i + 1,
        number,
        name: it.name,
        public: it.public,
        result: it.result,
        resolution_text: it.resolution,
        level: it.level,
        consultation_id: it.consultationId,
        urgent: false,
        urgent_reason: null,
        result_kind: null, vote_mode: null, votes_yes: null, votes_no: null, votes_abstain: null,
        decided_at: null, minutes_text: null, approves_minutes_of_meeting_id: null,
      });
    });
  }

  const tenantOrgIds = new Map(organizations.map((o) => [o.id, o]));
  const factionAt = (person: PersonRec, day: string) =>
    memberships.find((x) => x.person === person && x.orgKey.startsWith('faction/') && x.start <= day && (x.end === null || x.end >= day));
  const membershipRows: MembershipRow[] = memberships.map((m) => {
    const organization_id = orgId(m.orgKey);
    if (!tenantOrgIds.has(organization_id)) throw new Error(`unknown organization ${m.orgKey} in ${t.slug}`);
    const sitsFor = m.orgKey === t.council.key || m.orgKey.startsWith('committee/') ? factionAt(m.person, m.start) : undefined;
    return {
      id: demoUuid(m.key),
      tenant_id: tenantId,
      person_id: m.person.row.id,
      organization_id,
      role: roleText(m.roleKind, m.person.gender, t),
      voting_right: m.voting,
      start_date: m.start,
      end_date: m.end,
      on_behalf_of_id: sitsFor ? orgId(sitsFor.orgKey) : null,
      deputy_for_id: m.deputyFor?.row.id ?? null,
    };
  });

  const { documents, ...contentRows } = content;
  return {
    tenant, legislative_terms, locations, organizations, persons: persons.map((p) => p.row), memberships: membershipRows, meetings,
    ...contentRows, agenda_items, documents,
  };
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** The demo cooperative as plain rows, relative to `referenceDate` (meetings from 6 months before to 6 months after). */
export function buildDemoData(referenceDate: Date): DemoData {
  if (!(referenceDate instanceof Date) || Number.isNaN(referenceDate.getTime())) {
    throw new TypeError('buildDemoData: referenceDate must be a valid Date');
  }
  const ref = new Date(referenceDate.getTime());
  const data: DemoData = {
    referenceDate: ref.toISOString(),
    tenants: [], ...(Object.fromEntries(TABLE_INSERTION_ORDER.filter((t) => t !== 'tenants').map((t) => [t, []])) as unknown as Omit<DemoData, 'referenceDate' | 'tenants' | 'documents' | 'resolutions' | 'resolution_notes' | 'meeting_links'>),
    documents: [], resolutions: [], resolution_notes: [], meeting_links: [],
  };
  for (const spec of TENANT_SPECS) {
    const { tenant, documents, ...built } = buildTenant(spec, ref);
    data.tenants.push(tenant);
    for (const table of TABLE_INSERTION_ORDER) {
      if (table !== 'tenants' && table in built) (data[table] as DemoRow[]).push(...(built[table as keyof typeof built] as DemoRow[]));
    }
    data.documents.push(...documents);
  }
  Object.assign(data, applyMeetingService(data, ref));
  return data;
}
