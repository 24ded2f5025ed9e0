import type { Prisma } from '@ratsinfo/api-database';
import {
  type LegislativeTermDto,
  type LocationDto,
  type OfficeMembershipDto,
  type OfficeOrganizationDto,
  type OfficePersonDto,
  StructureRoutes,
} from '@ratsinfo/contracts';
import type { MembershipRow, OrganizationRow, PersonRow } from './structure.repository';

type LegislativeTermRow = Prisma.LegislativeTermGetPayload<object>;
type LocationRow = Prisma.LocationGetPayload<object>;
type PersonNameParts = { title: string | null; givenName: string; familyName: string; affix: string | null };

/** A date column as `YYYY-MM-DD` (stored as UTC midnight). */
export const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
/** `YYYY-MM-DD` as the Date a date column takes. */
export const dateOf = (s: string | null | undefined): Date | null | undefined => (s === undefined ? undefined : s === null ? null : new Date(`${s}T00:00:00Z`));

const stamps = (r: { version: number; createdAt: Date; updatedAt: Date }) => ({ version: r.version, createdAt: r.createdAt.toISOString(), modifiedAt: r.updatedAt.toISOString() });

/** OParl's display `name`: title, given name, family name, affix. */
export function personName(p: PersonNameParts): string {
  return [p.title, p.givenName, p.familyName, p.affix].filter(Boolean).join(' ');
}

export function toLegislativeTermDto(r: LegislativeTermRow): LegislativeTermDto {
  return { id: r.id, name: r.name, startDate: day(r.startDate) as string, endDate: day(r.endDate), ...stamps(r) };
}

export function toLocationDto(r: LocationRow): LocationDto {
  return { id: r.id, description: r.description, room: r.room, streetAddress: r.streetAddress, postalCode: r.postalCode, locality: r.locality, ...stamps(r) };
}

export function toOrganizationDto(r: OrganizationRow): OfficeOrganizationDto {
  return {
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    organizationType: r.organizationType,
    classification: r.classification,
    startDate: day(r.startDate),
    endDate: day(r.endDate),
    website: r.website,
    parent: r.parent ? { id: r.parent.id, name: r.parent.name, shortName: r.parent.shortName } : null,
    location: r.location ? { id: r.location.id, description: r.location.description } : null,
    currentMemberCount: r._count.memberships,
    ...stamps(r),
  };
}

export function toPersonDto(r: PersonRow, slug: string): OfficePersonDto {
  return {
    id: r.id,
    name: personName(r),
    formOfAddress: r.formOfAddress,
    title: r.title,
    givenName: r.givenName,
    familyName: r.familyName,
    affix: r.affix,
    gender: r.gender,
    email: r.email,
    phone: r.phone,
    address: r.address,
    life: r.life,
    photoFileId: r.photoFileId,
    photoUrl: r.photoFileId ? StructureRoutes.personPhotoContent(slug, r.photoFileId) : null,
    currentMemberships: r.memberships.map((m) => ({ id: m.id, organization: { id: m.organization.id, name: m.organization.name, shortName: m.organization.shortName }, role: m.role })),
    ...stamps(r),
  };
}

export function toMembershipDto(r: MembershipRow): OfficeMembershipDto {
  return {
    id: r.id,
    person: { id: r.person.id, name: personName(r.person) },
    organization: { id: r.organization.id, name: r.organization.name, shortName: r.organization.shortName },
    role: r.role,
    votingRight: r.votingRight,
    startDate: day(r.startDate),
    endDate: day(r.endDate),
    onBehalfOf: r.onBehalfOf ? { id: r.onBehalfOf.id, name: r.onBehalfOf.name, shortName: r.onBehalfOf.shortName } : null,
    deputyFor: r.deputyFor ? { id: r.deputyFor.id, name: personName(r.deputyFor) } : null,
    ...stamps(r),
  };
}
