import { Injectable } from '@nestjs/common';
import type { Prisma, TenantTx } from '@ratsinfo/api-database';

/*
 * Queries of the council structure. Every method takes the service's transaction (tenant set,
 * so row-level security scopes each query); none opens one. Soft-deleted rows are invisible
 * here except where a method says otherwise. Updates are compare-and-set on `version`: they
 * touch nothing and report 0 when someone else saved first.
 */

const living = { deletedAt: null } as const;
const organizationRef = { select: { id: true, name: true, shortName: true } } as const;
const personRef = { select: { id: true, title: true, givenName: true, familyName: true, affix: true } } as const;

/** Memberships that have not ended by `today`. */
const current = (today: Date) => ({ ...living, OR: [{ endDate: null }, { endDate: { gte: today } }] });

const organizationInclude = (today: Date) =>
  ({
    parent: organizationRef,
    location: { select: { id: true, description: true } },
    _count: { select: { memberships: { where: { ...current(today), person: living } } } },
  }) satisfies Prisma.OrganizationInclude;

const personInclude = (today: Date) =>
  ({
    memberships: {
      where: { ...current(today), organization: living },
      include: { organization: organizationRef },
      orderBy: { organization: { name: 'asc' } },
    },
  }) satisfies Prisma.PersonInclude;

const membershipInclude = {
  person: personRef,
  organization: organizationRef,
  onBehalfOf: organizationRef,
  deputyFor: personRef,
} satisfies Prisma.MembershipInclude;

export type OrganizationRow = Prisma.OrganizationGetPayload<{ include: ReturnType<typeof organizationInclude> }>;
export type PersonRow = Prisma.PersonGetPayload<{ include: ReturnType<typeof personInclude> }>;
export type MembershipRow = Prisma.MembershipGetPayload<{ include: typeof membershipInclude }>;

const bump = { version: { increment: 1 } } as const;

@Injectable()
export class StructureRepository {
  // ---- legislative terms
  legislativeTerms(tx: TenantTx) {
    return tx.legislativeTerm.findMany({ where: living, orderBy: [{ startDate: 'desc' }, { name: 'asc' }] });
  }
  legislativeTerm(tx: TenantTx, id: string) {
    return tx.legislativeTerm.findFirst({ where: { id, ...living } });
  }
  createLegislativeTerm(tx: TenantTx, data: Prisma.LegislativeTermUncheckedCreateInput) {
    return tx.legislativeTerm.create({ data });
  }
  updateLegislativeTerm(tx: TenantTx, id: string, version: number, data: Prisma.LegislativeTermUpdateManyMutationInput) {
    return tx.legislativeTerm.updateMany({ where: { id, version, ...living }, data: { ...data, ...bump } });
  }

  // ---- locations
  locations(tx: TenantTx) {
    return tx.location.findMany({ where: living, orderBy: [{ description: 'asc' }, { id: 'asc' }] });
  }
  location(tx: TenantTx, id: string) {
    return tx.location.findFirst({ where: { id, ...living } });
  }
  createLocation(tx: TenantTx, data: Prisma.LocationUncheckedCreateInput) {
    return tx.location.create({ data });
  }
  updateLocation(tx: TenantTx, id: string, version: number, data: Prisma.LocationUpdateManyMutationInput) {
    return tx.location.updateMany({ where: { id, version, ...living }, data: { ...data, ...bump } });
  }

  // ---- organizations
  organizations(tx: TenantTx, today: Date) {
    return tx.organization.findMany({ where: living, include: organizationInclude(today), orderBy: [{ organizationType: 'asc' }, { name: 'asc' }] });
  }
  organization(tx: TenantTx, id: string, today: Date) {
    return tx.organization.findFirst({ where: { id, ...living }, include: organizationInclude(today) });
  }
  organizationKind(tx: TenantTx, id: string) {
    return tx.organization.findFirst({ where: { id, ...living }, select: { id: true, organizationType: true, parentId: true } });
  }
  parentOf(tx: TenantTx, id: string) {
    return tx.organization.findFirst({ where: { id }, select: { parentId: true } });
  }
  createOrganization(tx: TenantTx, data: Prisma.OrganizationUncheckedCreateInput) {
    return tx.organization.create({ data, select: { id: true } });
  }
  updateOrganization(tx: TenantTx, id: string, version: number, data: Prisma.OrganizationUncheckedUpdateManyInput) {
    return tx.organization.updateMany({ where: { id, version, ...living }, data: { ...data, ...bump } });
  }
  livingMeetingsOf(tx: TenantTx, organizationId: string) {
    return tx.meeting.count({ where: { organizationId, ...living } });
  }
  livingChildrenOf(tx: TenantTx, organizationId: string) {
    return tx.organization.count({ where: { parentId: organizationId, ...living } });
  }
  /** Memberships sitting on behalf of a faction: they would point at a deleted faction. */
  livingOnBehalfOf(tx: TenantTx, organizationId: string) {
    return tx.membership.count({ where: { onBehalfOfId: organizationId, organizationId: { not: organizationId }, ...living } });
  }

  // ---- persons
  persons(tx: TenantTx, today: Date) {
    return tx.person.findMany({ where: living, include: personInclude(today), orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }, { id: 'asc' }] });
  }
  person(tx: TenantTx, id: string, today: Date) {
    return tx.person.findFirst({ where: { id, ...living }, include: personInclude(today) });
  }
  personExists(tx: TenantTx, id: string) {
    return tx.person.findFirst({ where: { id, ...living }, select: { id: true } });
  }
  createPerson(tx: TenantTx, data: Prisma.PersonUncheckedCreateInput) {
    return tx.person.create({ data, select: { id: true } });
  }
  updatePerson(tx: TenantTx, id: string, version: number, data: Prisma.PersonUncheckedUpdateManyInput) {
    return tx.person.updateMany({ where: { id, version, ...living }, data: { ...data, ...bump } });
  }
  linkedAccounts(tx: TenantTx, personId: string) {
    return tx.userAccount.count({ where: { personId } });
  }

  // ---- memberships
  memberships(tx: TenantTx, filter: { organizationId?: string; personId?: string }) {
    return tx.membership.findMany({
      where: { ...living, person: living, organization: living, ...filter },
      include: membershipInclude,
      orderBy: [{ organization: { name: 'asc' } }, { person: { familyName: 'asc' } }, { person: { givenName: 'asc' } }, { startDate: 'asc' }, { id: 'asc' }],
    });
  }
  membership(tx: TenantTx, id: string) {
    return tx.membership.findFirst({ where: { id, ...living }, include: membershipInclude });
  }
  membershipKeys(tx: TenantTx, id: string) {
    return tx.membership.findFirst({ where: { id, ...living }, select: { id: true, personId: true, organizationId: true, startDate: true, endDate: true } });
  }
  /** Whether the person holds a (living) membership in the organization other than `except`. */
  isMemberOf(tx: TenantTx, personId: string, organizationId: string, except?: string) {
    return tx.membership.findFirst({ where: { personId, organizationId, ...living, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  }
  createMembership(tx: TenantTx, data: Prisma.MembershipUncheckedCreateInput) {
    return tx.membership.create({ data, select: { id: true } });
  }
  updateMembership(tx: TenantTx, id: string, version: number, data: Prisma.MembershipUncheckedUpdateManyInput) {
    return tx.membership.updateMany({ where: { id, version, ...living }, data: { ...data, ...bump } });
  }
  /** Ends the membership records that go with a deleted person or organization (soft). */
  deleteMembershipsWhere(tx: TenantTx, where: { personId?: string; organizationId?: string }, at: Date) {
    return tx.membership.updateMany({ where: { ...where, ...living }, data: { deletedAt: at, ...bump } });
  }
}
