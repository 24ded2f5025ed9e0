import { OPARL_SCHEMA, type OParlUrls } from './urls';

/**
 * OParl 1.1 objects from the app's rows: pure functions, so the export and (later) the OParl
 * API produce the same JSON. Optional fields the app has no value for are left out (OParl
 * forbids null for them); dates are `YYYY-MM-DD`, instants ISO 8601.
 */

export interface Timestamps {
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

export function common(type: string, id: string, r: Timestamps): OParlCommon {
  return { id, type: `${OPARL_SCHEMA}/${type}`, created: r.createdAt.toISOString(), modified: r.updatedAt.toISOString(), ...(r.deletedAt ? { deleted: true as const } : {}) };
}

export const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
export const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

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

// ---------------------------------------------------------------- Location

export interface LocationSource extends Timestamps {
  id: string;
  description: string;
  room: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  locality: string | null;
}

/**
 * A place (room and address). Embedded in meetings and organizations, and an object of its own
 * under /locations. The back-reference lists (meetings, organizations, …) are left to the list
 * source, which knows which of them are public.
 */
export function toOParlLocation(l: LocationSource, urls: OParlUrls, backReferences: { meetings?: string[]; organizations?: string[] } = {}) {
  return {
    ...common('Location', urls.object('locations', l.id), l),
    description: l.description,
    room: opt(l.room),
    streetAddress: opt(l.streetAddress),
    postalCode: opt(l.postalCode),
    locality: opt(l.locality),
    ...(backReferences.meetings?.length ? { meetings: backReferences.meetings } : {}),
    ...(backReferences.organizations?.length ? { organizations: backReferences.organizations } : {}),
  };
}
