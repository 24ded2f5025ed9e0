import { OPARL_SCHEMA, type OParlUrls } from './urls';

/**
 * OParl 1.1 objects from the app's rows: pure functions, so the export and (later) the OParl
 * API produce the same JSON. Optional fields the app has no value for are left out (OParl
 * forbids null for them); dates are `YYYY-MM-DD`, instants ISO 8601.
 */

interface Timestamps {
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date | null;
}

export interface OParlCommon {
  id: string;
  type: string;
  created: string;
  modified: string;
  deleted?: true;
}

function common(type: string, id: string, r: Timestamps): OParlCommon {
  return { id, type: `${OPARL_SCHEMA}/${type}`, created: r.createdAt.toISOString(), modified: r.updatedAt.toISOString(), ...(r.deletedAt ? { deleted: true as const } : {}) };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

// ---------------------------------------------------------------- Body

export interface BodySource extends Timestamps {
  name: string;
  ags: string;
  kind: 'county' | 'town' | 'municipality' | 'municipal_association';
}

const BODY_CLASSIFICATION: Record<BodySource['kind'], string> = { county: 'Landkreis', town: 'Stadt', municipality: 'Gemeinde', municipal_association: 'Verbandsgemeinde' };

export function toOParlBody(b: BodySource, urls: OParlUrls) {
  return {
    ...common('Body', urls.body(), b),
    name: b.name,
    ags: b.ags,
    classification: BODY_CLASSIFICATION[b.kind],
    organization: urls.list('organizations'),
    person: urls.list('persons'),
    meeting: urls.list('meetings'),
    paper: urls.list('papers'),
    membership: urls.list('memberships'),
    agendaItem: urls.list('agendaItems'),
    legislativeTerm: [] as never[],
  };
}

// ---------------------------------------------------------------- Organization

export interface OrganizationSource extends Timestamps {
  id: string;
  name: string;
  shortName: string | null;
  organizationType: 'council' | 'committee' | 'faction' | 'other';
  classification: string | null;
  startDate: Date | null;
  endDate: Date | null;
  website: string | null;
}

/** OParl's suggested values for organizationType (Gremium, Fraktion, …). */
const ORGANIZATION_TYPE: Record<OrganizationSource['organizationType'], string> = { council: 'Gremium', committee: 'Gremium', faction: 'Fraktion', other: 'Sonstiges' };

export function toOParlOrganization(o: OrganizationSource, urls: OParlUrls, membershipIds: readonly string[] = []) {
  return {
    ...common('Organization', urls.object('organizations', o.id), o),
    body: urls.body(),
    name: o.name,
    shortName: opt(o.shortName),
    organizationType: ORGANIZATION_TYPE[o.organizationType],
    classification: opt(o.classification),
    membership: membershipIds.map((id) => urls.object('memberships', id)),
    startDate: day(o.startDate),
    endDate: day(o.endDate),
    website: opt(o.website),
  };
}

// ---------------------------------------------------------------- Membership

export interface MembershipSource extends Timestamps {
  id: string;
  personId: string;
  organizationId: string;
  role: string | null;
  votingRight: boolean;
  startDate: Date | null;
  endDate: Date | null;
}

export function toOParlMembership(m: MembershipSource, urls: OParlUrls) {
  return {
    ...common('Membership', urls.object('memberships', m.id), m),
    person: urls.object('persons', m.personId),
    organization: urls.object('organizations', m.organizationId),
    role: opt(m.role),
    votingRight: m.votingRight,
    startDate: day(m.startDate),
    endDate: day(m.endDate),
  };
}

// ---------------------------------------------------------------- Person

export interface PersonSource extends Timestamps {
  id: string;
  familyName: string;
  givenName: string;
  title: string | null;
  affix: string | null;
  formOfAddress: string | null;
  gender: string | null;
  email: string | null;
}

/** A person with their memberships embedded (OParl: Person.membership is a list of objects). */
export function toOParlPerson(p: PersonSource, urls: OParlUrls, memberships: readonly MembershipSource[] = []) {
  return {
    ...common('Person', urls.object('persons', p.id), p),
    body: urls.body(),
    name: [p.title, p.givenName, p.familyName, p.affix].filter(Boolean).join(' '),
    familyName: p.familyName,
    givenName: p.givenName,
    formOfAddress: opt(p.formOfAddress),
    title: p.title ? [p.title] : undefined,
    affix: opt(p.affix),
    gender: opt(p.gender),
    email: p.email ? [p.email] : undefined,
    membership: memberships.map((m) => toOParlMembership(m, urls)),
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

export function toOParlAgendaItem(a: AgendaItemSource, urls: OParlUrls) {
  return {
    ...common('AgendaItem', urls.object('agendaItems', a.id), a),
    meeting: urls.object('meetings', a.meetingId),
    number: opt(a.number),
    order: a.order,
    name: a.name,
    public: a.public,
    result: opt(a.result),
    resolutionText: opt(a.resolutionText),
  };
}

// ---------------------------------------------------------------- Location (inline)

/**
 * The place of a meeting, embedded in it. The app keeps it as free text on the meeting, so the
 * Location takes the meeting's id under /locations (one location per meeting) until places
 * become objects of their own.
 */
export function toOParlMeetingLocation(m: { id: string; locationText: string | null } & Timestamps, urls: OParlUrls) {
  if (!m.locationText) return undefined;
  return {
    ...common('Location', urls.object('locations', m.id), m),
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

/** A meeting with its agenda embedded (OParl: Meeting.agendaItem is a list of objects). */
export function toOParlMeeting(m: MeetingSource, urls: OParlUrls, agendaItems: readonly AgendaItemSource[] = []) {
  return {
    ...common('Meeting', urls.object('meetings', m.id), m),
    name: m.name,
    meetingState: opt(m.meetingState),
    cancelled: m.cancelled,
    start: m.start.toISOString(),
    end: m.end?.toISOString(),
    location: toOParlMeetingLocation(m, urls),
    organization: [urls.object('organizations', m.organizationId)],
    agendaItem: agendaItems.map((a) => toOParlAgendaItem(a, urls)),
  };
}
