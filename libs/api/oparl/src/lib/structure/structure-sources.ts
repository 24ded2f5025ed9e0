import { Injectable } from '@nestjs/common';
import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import { type OParlContext, type OParlListSource, type OParlObject, type OParlPageEntry, type OParlPageRequest, PAGE_ORDER, pageWhere, tombstone } from '../list-source';
import { common, day, opt, toOParlMembership, toOParlOrganization, toOParlPerson } from '../mappers';
import { UUID_ID } from '../oparl-query';
import { freeTextLocationOf } from '../content/free-text-location';
import { OPARL_SCHEMA } from '../urls';

/**
 * The structure lists of a body: organizations, persons (memberships embedded), memberships,
 * locations and legislative terms. Public rules as the portal's (libs/api/council
 * portal.repository.ts): everything that is not deleted, with links only to objects that are
 * not deleted either. A person's e-mail address, phone, postal address and gender are not shown
 * by the portal, so they are not published here either.
 *
 * Every page is one statement (Prisma batches the included relations into a few more), never
 * one per object. A deleted row is a tombstone, and only when the request wants them
 * (`modified_since`); a membership, location or term that is only hidden because what it
 * belongs to was deleted is left out (its owner's tombstone says enough).
 */

const type = (t: string) => `${OPARL_SCHEMA}/${t}`;
const isUuid = (id: string) => UUID_ID.test(id);
const entry = (row: { id: string; updatedAt: Date }, object: OParlObject): OParlPageEntry => ({ cursor: { modified: row.updatedAt, id: row.id }, object });

// ---------------------------------------------------------------- locations

const locationSelect = {
  id: true,
  description: true,
  room: true,
  streetAddress: true,
  postalCode: true,
  locality: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
} as const;

type LocationRow = { id: string; description: string; room: string | null; streetAddress: string | null; postalCode: string | null; locality: string | null; createdAt: Date; updatedAt: Date };

/** A location as embedded in an organization (no back-reference lists: those live on the location's own URL). */
function embeddedLocation(l: LocationRow, ctx: OParlContext): OParlObject {
  return {
    ...common('Location', ctx.urls.object('locations', l.id), l),
    description: l.description,
    room: opt(l.room),
    streetAddress: opt(l.streetAddress),
    postalCode: opt(l.postalCode),
    locality: opt(l.locality),
  };
}

// ---------------------------------------------------------------- organizations

const organizationInclude = {
  memberships: { where: { deletedAt: null, person: { deletedAt: null } }, select: { id: true }, orderBy: { id: 'asc' } },
  parent: { select: { id: true, deletedAt: true } },
  location: { select: locationSelect },
} satisfies Prisma.OrganizationInclude;

type OrganizationRow = Parameters<typeof toOParlOrganization>[0] & {
  id: string;
  deletedAt: Date | null;
  memberships: { id: string }[];
  parent: { id: string; deletedAt: Date | null } | null;
  location: (LocationRow & { deletedAt: Date | null }) | null;
};

function organizationObject(o: OrganizationRow, ctx: OParlContext): OParlObject {
  const url = ctx.urls.object('organizations', o.id);
  if (o.deletedAt) return tombstone(url, type('Organization'), o);
  return {
    ...toOParlOrganization(o, ctx.urls, o.memberships.map((m) => m.id)),
    ...(o.parent && !o.parent.deletedAt ? { subOrganizationOf: ctx.urls.object('organizations', o.parent.id) } : {}),
    ...(o.location && !o.location.deletedAt ? { location: embeddedLocation(o.location, ctx) } : {}),
    web: ctx.web.organization(o.id),
  };
}

@Injectable()
export class OrganizationListSource implements OParlListSource {
  readonly list = 'organizations' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.organization.findMany({ where: pageWhere(r), orderBy: [...PAGE_ORDER], take: r.limit + 1, include: organizationInclude });
    return rows.map((o) => entry(o, organizationObject(o, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const o = await tx.organization.findFirst({ where: { id }, include: organizationInclude });
    return o ? organizationObject(o, ctx) : null;
  }
}

// ---------------------------------------------------------------- memberships

type MembershipRow = Parameters<typeof toOParlMembership>[0] & { onBehalfOf: { id: string; deletedAt: Date | null } | null };

function membershipObject(m: MembershipRow, ctx: OParlContext): OParlObject {
  return {
    ...toOParlMembership(m, ctx.urls),
    ...(m.onBehalfOf && !m.onBehalfOf.deletedAt ? { onBehalfOf: ctx.urls.object('organizations', m.onBehalfOf.id) } : {}),
  };
}

const onBehalfOf = { select: { id: true, deletedAt: true } } satisfies Prisma.OrganizationDefaultArgs;
/** A membership is public while it, its person and its organization are not deleted. */
const LIVING_MEMBERSHIP = { deletedAt: null, person: { deletedAt: null }, organization: { deletedAt: null } } satisfies Prisma.MembershipWhereInput;

@Injectable()
export class MembershipListSource implements OParlListSource {
  readonly list = 'memberships' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const visible = r.includeDeleted ? { OR: [{ deletedAt: { not: null } }, LIVING_MEMBERSHIP] } : LIVING_MEMBERSHIP;
    const rows = await tx.membership.findMany({ where: { AND: [pageWhere(r), visible] }, orderBy: [...PAGE_ORDER], take: r.limit + 1, include: { onBehalfOf } });
    return rows.map((m) => entry(m, m.deletedAt ? tombstone(ctx.urls.object('memberships', m.id), type('Membership'), m) : membershipObject(m, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const m = await tx.membership.findFirst({ where: { id, OR: [{ deletedAt: { not: null } }, LIVING_MEMBERSHIP] }, include: { onBehalfOf } });
    if (!m) return null;
    return m.deletedAt ? tombstone(ctx.urls.object('memberships', m.id), type('Membership'), m) : membershipObject(m, ctx);
  }
}

// ---------------------------------------------------------------- persons

const personInclude = {
  memberships: { where: { deletedAt: null, organization: { deletedAt: null } }, include: { onBehalfOf }, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.PersonInclude;

type PersonRow = Parameters<typeof toOParlPerson>[0] & { deletedAt: Date | null; life: string | null; memberships: MembershipRow[] };

function personObject(p: PersonRow, ctx: OParlContext): OParlObject {
  const url = ctx.urls.object('persons', p.id);
  if (p.deletedAt) return tombstone(url, type('Person'), p);
  // Not published: the portal shows neither e-mail nor gender (nor phone or postal address).
  const base = toOParlPerson({ ...p, email: null, gender: null }, ctx.urls);
  return {
    ...base,
    membership: p.memberships.map((m) => membershipObject(m, ctx)),
    life: opt(p.life),
    web: ctx.web.person(p.id),
  };
}

@Injectable()
export class PersonListSource implements OParlListSource {
  readonly list = 'persons' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.person.findMany({ where: pageWhere(r), orderBy: [...PAGE_ORDER], take: r.limit + 1, include: personInclude });
    return rows.map((p) => entry(p, personObject(p, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const p = await tx.person.findFirst({ where: { id }, include: personInclude });
    return p ? personObject(p, ctx) : null;
  }
}

// ---------------------------------------------------------------- locations

const locationInclude = {
  meetings: { where: { deletedAt: null }, select: { id: true }, orderBy: [{ start: 'asc' }, { id: 'asc' }] },
  organizations: { where: { deletedAt: null }, select: { id: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.LocationInclude;

type LocationWithLinks = LocationRow & { deletedAt: Date | null; meetings: { id: string }[]; organizations: { id: string }[] };

function locationObject(l: LocationWithLinks, ctx: OParlContext): OParlObject {
  const url = ctx.urls.object('locations', l.id);
  if (l.deletedAt) return tombstone(url, type('Location'), l);
  return {
    ...embeddedLocation(l, ctx),
    ...(l.meetings.length ? { meetings: l.meetings.map((m) => ctx.urls.object('meetings', m.id)) } : {}),
    ...(l.organizations.length ? { organizations: l.organizations.map((o) => ctx.urls.object('organizations', o.id)) } : {}),
  };
}

/**
 * The place of a meeting that has only a free-text place (no locations row): its pseudo-location
 * `…/locations/meeting-{meetingId}`, built by the meeting objects' code (`freeTextLocationOf`).
 */
async function freeTextLocation(tx: TenantTx, meetingId: string, ctx: OParlContext): Promise<OParlObject | null> {
  return freeTextLocationOf(tx, meetingId, ctx);
}

const FREE_TEXT_LOCATION = /^meeting-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

@Injectable()
export class LocationListSource implements OParlListSource {
  readonly list = 'locations' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.location.findMany({ where: pageWhere(r), orderBy: [...PAGE_ORDER], take: r.limit + 1, include: locationInclude });
    return rows.map((l) => entry(l, locationObject(l, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    const freeText = FREE_TEXT_LOCATION.exec(id);
    if (freeText?.[1]) return freeTextLocation(tx, freeText[1], ctx);
    if (!isUuid(id)) return null;
    const l = await tx.location.findFirst({ where: { id }, include: locationInclude });
    return l ? locationObject(l, ctx) : null;
  }
}

// ---------------------------------------------------------------- legislative terms

type TermRow = { id: string; name: string; startDate: Date; endDate: Date | null; createdAt: Date; updatedAt: Date; deletedAt: Date | null };

export function legislativeTermObject(t: TermRow, ctx: OParlContext): OParlObject {
  const url = ctx.urls.object('legislativeTerms', t.id);
  if (t.deletedAt) return tombstone(url, type('LegislativeTerm'), t);
  return {
    ...common('LegislativeTerm', url, t),
    body: ctx.urls.body(),
    name: t.name,
    startDate: day(t.startDate),
    endDate: day(t.endDate),
  };
}

@Injectable()
export class LegislativeTermListSource implements OParlListSource {
  readonly list = 'legislativeTerms' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.legislativeTerm.findMany({ where: pageWhere(r), orderBy: [...PAGE_ORDER], take: r.limit + 1 });
    return rows.map((t) => entry(t, legislativeTermObject(t, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const t = await tx.legislativeTerm.findFirst({ where: { id } });
    return t ? legislativeTermObject(t, ctx) : null;
  }
}
