import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, StaleVersionError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { berlinDate } from '@ratsinfo/berlin-time';
import type {
  LegislativeTermCreate,
  LegislativeTermDto,
  LegislativeTermUpdate,
  LocationCreate,
  LocationDto,
  LocationUpdate,
  MembershipCreate,
  MembershipQuery,
  MembershipUpdate,
  OfficeMembershipDto,
  OfficeOrganizationDto,
  OfficePersonDto,
  OrganizationCreate,
  OrganizationUpdate,
  PersonCreate,
  PersonUpdate,
} from '@ratsinfo/contracts';
import { dateOf, personName, toLegislativeTermDto, toLocationDto, toMembershipDto, toOrganizationDto, toPersonDto } from './structure.mapper';
import { StructureRepository } from './structure.repository';

/** How far up the parent chain a cycle check walks; deeper trees do not occur in councils. */
const MAX_ORGANIZATION_DEPTH = 50;

/** The fields of `patch` that differ from `before`, as `{ before, after }` for the audit log. */
function diff(before: Record<string, unknown>, patch: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || before[key] === value) continue;
    b[key] = before[key] ?? null;
    a[key] = value;
  }
  return { before: b, after: a };
}

/** Drops the keys whose value is undefined (a PATCH leaves those fields as they are). */
function given<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkDates(startDate: string | null | undefined, endDate: string | null | undefined): void {
  if (startDate && endDate && endDate < startDate) throw new ValidationError([{ name: 'endDate', reason: 'must not be before startDate' }]);
}

/**
 * The rules of the council structure: terms, locations, organizations, persons, memberships.
 * Every write runs in one tenant transaction with its audit entry; updates and deletes are
 * compare-and-set on the version the client read (412 with the current state when someone else
 * saved first). Referenced ids are checked here, so a foreign or unknown id is a 400 naming the
 * field (row-level security makes another authority's rows simply not exist).
 */
@Injectable()
export class StructureService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly repo: StructureRepository,
    private readonly audit: AuditLog,
  ) {}

  private today(): Date {
    return new Date(`${berlinDate()}T00:00:00Z`);
  }

  private get tenantId(): string {
    return this.tenant.require().id;
  }

  /**
   * The compare-and-set: `attempt` updates only when the version still matches. Zero rows means
   * the record is gone (404) or someone else saved first (412 with what is stored now).
   */
  private async compareAndSet<T>(what: string, attempt: () => Promise<{ count: number }>, current: () => Promise<T | null>): Promise<void> {
    const { count } = await attempt();
    if (count === 1) return;
    const now = await current();
    if (!now) throw new NotFoundError(what);
    throw new StaleVersionError(what, now);
  }

  // -------------------------------------------------------------------------------------------
  // Legislative terms

  async legislativeTerms(): Promise<LegislativeTermDto[]> {
    return (await this.db.transaction((tx) => this.repo.legislativeTerms(tx))).map(toLegislativeTermDto);
  }

  async legislativeTerm(id: string): Promise<LegislativeTermDto> {
    const row = await this.db.transaction((tx) => this.repo.legislativeTerm(tx, id));
    if (!row) throw new NotFoundError('The legislative term');
    return toLegislativeTermDto(row);
  }

  createLegislativeTerm(input: LegislativeTermCreate): Promise<LegislativeTermDto> {
    return this.db.transaction(async (tx) => {
      const row = await this.repo.createLegislativeTerm(tx, { tenantId: this.tenantId, name: input.name, startDate: dateOf(input.startDate) as Date, endDate: dateOf(input.endDate ?? null) });
      await this.audit.tenantEvent(tx, { action: 'legislative-term.created', entityType: 'legislative-term', entityId: row.id, changes: { name: input.name, startDate: input.startDate, endDate: input.endDate ?? null } });
      return toLegislativeTermDto(row);
    });
  }

  updateLegislativeTerm(id: string, expected: number, input: LegislativeTermUpdate): Promise<LegislativeTermDto> {
    const what = 'The legislative term';
    return this.db.transaction(async (tx) => {
      const before = await this.repo.legislativeTerm(tx, id);
      if (!before) throw new NotFoundError(what);
      const dto = toLegislativeTermDto(before);
      if (before.version !== expected) throw new StaleVersionError(what, dto);
      checkDates(input.startDate ?? dto.startDate, input.endDate === undefined ? dto.endDate : input.endDate);
      const patch = given(input);
      await this.compareAndSet(what, () => this.repo.updateLegislativeTerm(tx, id, expected, { ...patch, startDate: dateOf(patch.startDate) ?? undefined, endDate: dateOf(patch.endDate) }), () => this.termDto(tx, id));
      await this.audit.tenantEvent(tx, { action: 'legislative-term.updated', entityType: 'legislative-term', entityId: id, changes: { name: input.name ?? dto.name, ...diff(dto, patch) } });
      return (await this.termDto(tx, id)) as LegislativeTermDto;
    });
  }

  deleteLegislativeTerm(id: string, expected: number): Promise<void> {
    const what = 'The legislative term';
    return this.db.transaction(async (tx) => {
      const before = await this.termDto(tx, id);
      if (!before) throw new NotFoundError(what);
      await this.compareAndSet(what, () => this.repo.updateLegislativeTerm(tx, id, expected, { deletedAt: new Date() }), () => this.termDto(tx, id));
      await this.audit.tenantEvent(tx, { action: 'legislative-term.deleted', entityType: 'legislative-term', entityId: id, changes: { name: before.name } });
    });
  }

  private async termDto(tx: TenantTx, id: string): Promise<LegislativeTermDto | null> {
    const row = await this.repo.legislativeTerm(tx, id);
    return row ? toLegislativeTermDto(row) : null;
  }

  // -------------------------------------------------------------------------------------------
  // Locations

  async locations(): Promise<LocationDto[]> {
    return (await this.db.transaction((tx) => this.repo.locations(tx))).map(toLocationDto);
  }

  async location(id: string): Promise<LocationDto> {
    const row = await this.db.transaction((tx) => this.repo.location(tx, id));
    if (!row) throw new NotFoundError('The location');
    return toLocationDto(row);
  }

  createLocation(input: LocationCreate): Promise<LocationDto> {
    return this.db.transaction(async (tx) => {
      const fields = { description: input.description, room: input.room ?? null, streetAddress: input.streetAddress ?? null, postalCode: input.postalCode ?? null, locality: input.locality ?? null };
      const row = await this.repo.createLocation(tx, { tenantId: this.tenantId, ...fields });
      await this.audit.tenantEvent(tx, { action: 'location.created', entityType: 'location', entityId: row.id, changes: { name: input.description, ...fields } });
      return toLocationDto(row);
    });
  }

  updateLocation(id: string, expected: number, input: LocationUpdate): Promise<LocationDto> {
    const what = 'The location';
    return this.db.transaction(async (tx) => {
      const before = await this.locationDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      const patch = given(input);
      await this.compareAndSet(what, () => this.repo.updateLocation(tx, id, expected, patch), () => this.locationDto(tx, id));
      await this.audit.tenantEvent(tx, { action: 'location.updated', entityType: 'location', entityId: id, changes: { name: input.description ?? before.description, ...diff(before, patch) } });
      return (await this.locationDto(tx, id)) as LocationDto;
    });
  }

  deleteLocation(id: string, expected: number): Promise<void> {
    const what = 'The location';
    return this.db.transaction(async (tx) => {
      const before = await this.locationDto(tx, id);
      if (!before) throw new NotFoundError(what);
      // Meetings and organizations keep pointing at it (soft delete): their history stays readable.
      await this.compareAndSet(what, () => this.repo.updateLocation(tx, id, expected, { deletedAt: new Date() }), () => this.locationDto(tx, id));
      await this.audit.tenantEvent(tx, { action: 'location.deleted', entityType: 'location', entityId: id, changes: { name: before.description } });
    });
  }

  private async locationDto(tx: TenantTx, id: string): Promise<LocationDto | null> {
    const row = await this.repo.location(tx, id);
    return row ? toLocationDto(row) : null;
  }

  // -------------------------------------------------------------------------------------------
  // Organizations

  async organizations(): Promise<OfficeOrganizationDto[]> {
    const today = this.today();
    return (await this.db.transaction((tx) => this.repo.organizations(tx, today))).map(toOrganizationDto);
  }

  async organization(id: string): Promise<OfficeOrganizationDto> {
    const dto = await this.db.transaction((tx) => this.organizationDto(tx, id));
    if (!dto) throw new NotFoundError('The organization');
    return dto;
  }

  createOrganization(input: OrganizationCreate): Promise<OfficeOrganizationDto> {
    return this.db.transaction(async (tx) => {
      await this.checkOrganizationRefs(tx, null, input);
      const fields = {
        name: input.name,
        shortName: input.shortName ?? null,
        organizationType: input.organizationType,
        classification: input.classification ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        website: input.website ?? null,
        parentId: input.parentId ?? null,
        locationId: input.locationId ?? null,
      };
      const { id } = await this.repo.createOrganization(tx, { tenantId: this.tenantId, ...fields, startDate: dateOf(fields.startDate), endDate: dateOf(fields.endDate) });
      await this.audit.tenantEvent(tx, { action: 'organization.created', entityType: 'organization', entityId: id, changes: fields });
      return (await this.organizationDto(tx, id)) as OfficeOrganizationDto;
    });
  }

  updateOrganization(id: string, expected: number, input: OrganizationUpdate): Promise<OfficeOrganizationDto> {
    const what = 'The organization';
    return this.db.transaction(async (tx) => {
      const before = await this.organizationDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      checkDates(input.startDate === undefined ? before.startDate : input.startDate, input.endDate === undefined ? before.endDate : input.endDate);
      await this.checkOrganizationRefs(tx, id, input);
      const patch = given(input);
      await this.compareAndSet(what, () => this.repo.updateOrganization(tx, id, expected, { ...patch, startDate: dateOf(patch.startDate), endDate: dateOf(patch.endDate) }), () => this.organizationDto(tx, id));
      const flat = { ...before, parentId: before.parent?.id ?? null, locationId: before.location?.id ?? null };
      await this.audit.tenantEvent(tx, { action: 'organization.updated', entityType: 'organization', entityId: id, changes: { name: input.name ?? before.name, ...diff(flat, patch) } });
      return (await this.organizationDto(tx, id)) as OfficeOrganizationDto;
    });
  }

  /**
   * Soft delete. An organization that still has meetings, sub-organizations or members sitting
   * on its behalf is refused (409 saying which): those would point at something gone. Its own
   * memberships go with it.
   */
  deleteOrganization(id: string, expected: number): Promise<void> {
    const what = 'The organization';
    return this.db.transaction(async (tx) => {
      const before = await this.organizationDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      const meetings = await this.repo.livingMeetingsOf(tx, id);
      if (meetings > 0) throw new ConflictError(`The organization still has ${meetings} meeting${meetings === 1 ? '' : 's'}. Delete or move them first, or set an end date instead.`);
      const children = await this.repo.livingChildrenOf(tx, id);
      if (children > 0) throw new ConflictError(`The organization still has ${children} sub-organization${children === 1 ? '' : 's'}. Delete them or give them another parent first.`);
      const onBehalf = await this.repo.livingOnBehalfOf(tx, id);
      if (onBehalf > 0) throw new ConflictError(`${onBehalf} membership${onBehalf === 1 ? '' : 's'} of other organizations sit on behalf of this faction. Change them first, or set an end date instead.`);
      const at = new Date();
      await this.compareAndSet(what, () => this.repo.updateOrganization(tx, id, expected, { deletedAt: at }), () => this.organizationDto(tx, id));
      const memberships = await this.repo.deleteMembershipsWhere(tx, { organizationId: id }, at);
      await this.audit.tenantEvent(tx, { action: 'organization.deleted', entityType: 'organization', entityId: id, changes: { name: before.name, membershipsDeleted: memberships.count } });
    });
  }

  private async organizationDto(tx: TenantTx, id: string): Promise<OfficeOrganizationDto | null> {
    const row = await this.repo.organization(tx, id, this.today());
    return row ? toOrganizationDto(row) : null;
  }

  /** Parent and location must exist in this authority; the parent must not be the organization itself or one of its descendants. */
  private async checkOrganizationRefs(tx: TenantTx, id: string | null, input: { parentId?: string | null; locationId?: string | null }): Promise<void> {
    if (input.locationId && !(await this.repo.location(tx, input.locationId))) {
      throw new ValidationError([{ name: 'locationId', reason: 'is not a location of this authority' }]);
    }
    if (!input.parentId) return;
    if (input.parentId === id) throw new ValidationError([{ name: 'parentId', reason: 'must not be the organization itself' }]);
    if (!(await this.repo.organizationKind(tx, input.parentId))) throw new ValidationError([{ name: 'parentId', reason: 'is not an organization of this authority' }]);
    if (!id) return;
    let cursor: string | null = input.parentId;
    for (let depth = 0; cursor && depth < MAX_ORGANIZATION_DEPTH; depth++) {
      if (cursor === id) throw new ValidationError([{ name: 'parentId', reason: 'would create a cycle: it is a sub-organization of this organization' }]);
      cursor = (await this.repo.parentOf(tx, cursor))?.parentId ?? null;
    }
    if (cursor) throw new ValidationError([{ name: 'parentId', reason: `would nest organizations deeper than ${MAX_ORGANIZATION_DEPTH} levels` }]);
  }

  // -------------------------------------------------------------------------------------------
  // Persons

  async persons(): Promise<OfficePersonDto[]> {
    const today = this.today();
    const slug = this.tenant.require().slug;
    return (await this.db.transaction((tx) => this.repo.persons(tx, today))).map((p) => toPersonDto(p, slug));
  }

  async person(id: string): Promise<OfficePersonDto> {
    const dto = await this.db.transaction((tx) => this.personDto(tx, id));
    if (!dto) throw new NotFoundError('The person');
    return dto;
  }

  createPerson(input: PersonCreate): Promise<OfficePersonDto> {
    return this.db.transaction(async (tx) => {
      const fields = {
        formOfAddress: input.formOfAddress ?? null,
        title: input.title ?? null,
        givenName: input.givenName,
        familyName: input.familyName,
        affix: input.affix ?? null,
        gender: input.gender ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        life: input.life ?? null,
      };
      const { id } = await this.repo.createPerson(tx, { tenantId: this.tenantId, ...fields });
      await this.audit.tenantEvent(tx, { action: 'person.created', entityType: 'person', entityId: id, changes: { name: personName(fields), ...fields } });
      return (await this.personDto(tx, id)) as OfficePersonDto;
    });
  }

  updatePerson(id: string, expected: number, input: PersonUpdate): Promise<OfficePersonDto> {
    const what = 'The person';
    return this.db.transaction(async (tx) => {
      const before = await this.personDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      const patch = given(input);
      await this.compareAndSet(what, () => this.repo.updatePerson(tx, id, expected, patch), () => this.personDto(tx, id));
      const after = (await this.personDto(tx, id)) as OfficePersonDto;
      await this.audit.tenantEvent(tx, { action: 'person.updated', entityType: 'person', entityId: id, changes: { name: after.name, ...diff(before, patch) } });
      return after;
    });
  }

  /**
   * Soft delete; the person's memberships go with them. A person linked to a user account is
   * refused (409): the account's member rights follow the person, so unlink it first.
   */
  deletePerson(id: string, expected: number): Promise<void> {
    const what = 'The person';
    return this.db.transaction(async (tx) => {
      const before = await this.personDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      if ((await this.repo.linkedAccounts(tx, id)) > 0) throw new ConflictError('The person is linked to a user account. Unlink the account (Benutzer und Rollen) first.');
      const at = new Date();
      await this.compareAndSet(what, () => this.repo.updatePerson(tx, id, expected, { deletedAt: at }), () => this.personDto(tx, id));
      const memberships = await this.repo.deleteMembershipsWhere(tx, { personId: id }, at);
      await this.audit.tenantEvent(tx, { action: 'person.deleted', entityType: 'person', entityId: id, changes: { name: before.name, membershipsDeleted: memberships.count } });
    });
  }

  private async personDto(tx: TenantTx, id: string): Promise<OfficePersonDto | null> {
    const row = await this.repo.person(tx, id, this.today());
    return row ? toPersonDto(row, this.tenant.require().slug) : null;
  }

  // -------------------------------------------------------------------------------------------
  // Memberships

  async memberships(query: MembershipQuery): Promise<OfficeMembershipDto[]> {
    return (await this.db.transaction((tx) => this.repo.memberships(tx, given(query)))).map(toMembershipDto);
  }

  async membership(id: string): Promise<OfficeMembershipDto> {
    const dto = await this.db.transaction((tx) => this.membershipDto(tx, id));
    if (!dto) throw new NotFoundError('The membership');
    return dto;
  }

  createMembership(input: MembershipCreate): Promise<OfficeMembershipDto> {
    return this.db.transaction(async (tx) => {
      if (!(await this.repo.personExists(tx, input.personId))) throw new ValidationError([{ name: 'personId', reason: 'is not a person of this authority' }]);
      if (!(await this.repo.organizationKind(tx, input.organizationId))) throw new ValidationError([{ name: 'organizationId', reason: 'is not an organization of this authority' }]);
      await this.checkMembershipRefs(tx, null, input.personId, input.organizationId, input);
      const fields = {
        personId: input.personId,
        organizationId: input.organizationId,
        role: input.role ?? null,
        votingRight: input.votingRight ?? true,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        onBehalfOfId: input.onBehalfOfId ?? null,
        deputyForId: input.deputyForId ?? null,
      };
      const { id } = await this.repo.createMembership(tx, { tenantId: this.tenantId, ...fields, startDate: dateOf(fields.startDate), endDate: dateOf(fields.endDate) });
      const dto = (await this.membershipDto(tx, id)) as OfficeMembershipDto;
      await this.audit.tenantEvent(tx, { action: 'membership.created', entityType: 'membership', entityId: id, changes: { name: `${dto.person.name} – ${dto.organization.name}`, ...fields } });
      return dto;
    });
  }

  updateMembership(id: string, expected: number, input: MembershipUpdate): Promise<OfficeMembershipDto> {
    const what = 'The membership';
    return this.db.transaction(async (tx) => {
      const before = await this.membershipDto(tx, id);
      if (!before) throw new NotFoundError(what);
      if (before.version !== expected) throw new StaleVersionError(what, before);
      checkDates(input.startDate === undefined ? before.startDate : input.startDate, input.endDate === undefined ? before.endDate : input.endDate);
      await this.checkMembershipRefs(tx, id, before.person.id, before.organization.id, input);
      const patch = given(input);
      await this.compareAndSet(what, () => this.repo.updateMembership(tx, id, expected, { ...patch, startDate: dateOf(patch.startDate), endDate: dateOf(patch.endDate) }), () => this.membershipDto(tx, id));
      const flat = { ...before, onBehalfOfId: before.onBehalfOf?.id ?? null, deputyForId: before.deputyFor?.id ?? null };
      await this.audit.tenantEvent(tx, { action: 'membership.updated', entityType: 'membership', entityId: id, changes: { name: `${before.person.name} – ${before.organization.name}`, ...diff(flat, patch) } });
      return (await this.membershipDto(tx, id)) as OfficeMembershipDto;
    });
  }

  deleteMembership(id: string, expected: number): Promise<void> {
    const what = 'The membership';
    return this.db.transaction(async (tx) => {
      const before = await this.membershipDto(tx, id);
      if (!before) throw new NotFoundError(what);
      await this.compareAndSet(what, () => this.repo.updateMembership(tx, id, expected, { deletedAt: new Date() }), () => this.membershipDto(tx, id));
      await this.audit.tenantEvent(tx, { action: 'membership.deleted', entityType: 'membership', entityId: id, changes: { name: `${before.person.name} – ${before.organization.name}` } });
    });
  }

  private async membershipDto(tx: TenantTx, id: string): Promise<OfficeMembershipDto | null> {
    const row = await this.repo.membership(tx, id);
    return row ? toMembershipDto(row) : null;
  }

  /** onBehalfOf must be a faction of this authority; deputyFor another member of the same organization. */
  private async checkMembershipRefs(tx: TenantTx, id: string | null, personId: string, organizationId: string, input: { onBehalfOfId?: string | null; deputyForId?: string | null }): Promise<void> {
    if (input.onBehalfOfId) {
      const faction = await this.repo.organizationKind(tx, input.onBehalfOfId);
      if (!faction) throw new ValidationError([{ name: 'onBehalfOfId', reason: 'is not an organization of this authority' }]);
      if (faction.organizationType !== 'faction') throw new ValidationError([{ name: 'onBehalfOfId', reason: 'must be a faction' }]);
    }
    if (input.deputyForId) {
      if (input.deputyForId === personId) throw new ValidationError([{ name: 'deputyForId', reason: 'must be another person than the member' }]);
      if (!(await this.repo.personExists(tx, input.deputyForId))) throw new ValidationError([{ name: 'deputyForId', reason: 'is not a person of this authority' }]);
      if (!(await this.repo.isMemberOf(tx, input.deputyForId, organizationId, id ?? undefined))) {
        throw new ValidationError([{ name: 'deputyForId', reason: 'is not a member of this organization' }]);
      }
    }
  }
}
