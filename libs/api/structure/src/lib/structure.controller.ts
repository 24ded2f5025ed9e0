import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { expectedVersion, Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type LegislativeTermCreate,
  legislativeTermCreateSchema,
  type LegislativeTermDto,
  legislativeTermListResponse,
  legislativeTermResponse,
  type LegislativeTermUpdate,
  legislativeTermUpdateSchema,
  type ListResponse,
  type LocationCreate,
  locationCreateSchema,
  type LocationDto,
  locationListResponse,
  locationResponse,
  type LocationUpdate,
  locationUpdateSchema,
  type MembershipCreate,
  membershipCreateSchema,
  type MembershipQuery,
  membershipQuerySchema,
  type MembershipUpdate,
  membershipUpdateSchema,
  type OfficeMembershipDto,
  officeMembershipListResponse,
  officeMembershipResponse,
  type OfficeOrganizationDto,
  officeOrganizationListResponse,
  officeOrganizationResponse,
  type OfficePersonDto,
  officePersonListResponse,
  officePersonResponse,
  type OrganizationCreate,
  organizationCreateSchema,
  type OrganizationUpdate,
  organizationUpdateSchema,
  pathSegment,
  type PersonCreate,
  personCreateSchema,
  type PersonUpdate,
  personUpdateSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { StructureService } from './structure.service';
import { VersionEtagInterceptor } from './version-etag.interceptor';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const idParams = z.object({ tenant: pathSegment(), id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;

/** Everyone of the authority reads its structure (it is public on the portal anyway); clerks and tenant admins change it. */
const READERS = ['tenant-admin', 'clerk', 'member'] as const;
const WRITERS = ['tenant-admin', 'clerk'] as const;

/*
 * The council structure of one authority under /api/office/{tenant}: list, create, read, update
 * (If-Match), delete (If-Match, soft) for each resource. Single resources carry their version as
 * ETag. The `tenant` param is validated (and resolved by the access guard) but not used here.
 */

@Controller('api/office/:tenant/legislative-terms')
@UseInterceptors(VersionEtagInterceptor)
export class LegislativeTermsController {
  constructor(private readonly structure: StructureService) {}

  @Get()
  @TenantAccess(READERS)
  @Responds(legislativeTermListResponse)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown): Promise<ListResponse<LegislativeTermDto>> {
    return { data: await this.structure.legislativeTerms() };
  }

  @Post()
  @TenantAccess(WRITERS)
  @Responds(legislativeTermResponse, { status: 201 })
  create(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Body(new ZodValidationPipe(legislativeTermCreateSchema)) body: LegislativeTermCreate): Promise<LegislativeTermDto> {
    return this.structure.createLegislativeTerm(body);
  }

  @Get(':id')
  @TenantAccess(READERS)
  @Responds(legislativeTermResponse)
  one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<LegislativeTermDto> {
    return this.structure.legislativeTerm(p.id);
  }

  @Patch(':id')
  @TenantAccess(WRITERS)
  @Responds(legislativeTermResponse)
  update(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(legislativeTermUpdateSchema)) body: LegislativeTermUpdate): Promise<LegislativeTermDto> {
    return this.structure.updateLegislativeTerm(p.id, expectedVersion(ifMatch), body);
  }

  @Delete(':id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.structure.deleteLegislativeTerm(p.id, expectedVersion(ifMatch));
  }
}

@Controller('api/office/:tenant/locations')
@UseInterceptors(VersionEtagInterceptor)
export class LocationsController {
  constructor(private readonly structure: StructureService) {}

  @Get()
  @TenantAccess(READERS)
  @Responds(locationListResponse)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown): Promise<ListResponse<LocationDto>> {
    return { data: await this.structure.locations() };
  }

  @Post()
  @TenantAccess(WRITERS)
  @Responds(locationResponse, { status: 201 })
  create(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Body(new ZodValidationPipe(locationCreateSchema)) body: LocationCreate): Promise<LocationDto> {
    return this.structure.createLocation(body);
  }

  @Get(':id')
  @TenantAccess(READERS)
  @Responds(locationResponse)
  one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<LocationDto> {
    return this.structure.location(p.id);
  }

  @Patch(':id')
  @TenantAccess(WRITERS)
  @Responds(locationResponse)
  update(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(locationUpdateSchema)) body: LocationUpdate): Promise<LocationDto> {
    return this.structure.updateLocation(p.id, expectedVersion(ifMatch), body);
  }

  @Delete(':id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.structure.deleteLocation(p.id, expectedVersion(ifMatch));
  }
}

@Controller('api/office/:tenant/organizations')
@UseInterceptors(VersionEtagInterceptor)
export class OrganizationsController {
  constructor(private readonly structure: StructureService) {}

  @Get()
  @TenantAccess(READERS)
  @Responds(officeOrganizationListResponse)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown): Promise<ListResponse<OfficeOrganizationDto>> {
    return { data: await this.structure.organizations() };
  }

  @Post()
  @TenantAccess(WRITERS)
  @Responds(officeOrganizationResponse, { status: 201 })
  create(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Body(new ZodValidationPipe(organizationCreateSchema)) body: OrganizationCreate): Promise<OfficeOrganizationDto> {
    return this.structure.createOrganization(body);
  }

  @Get(':id')
  @TenantAccess(READERS)
  @Responds(officeOrganizationResponse)
  one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OfficeOrganizationDto> {
    return this.structure.organization(p.id);
  }

  @Patch(':id')
  @TenantAccess(WRITERS)
  @Responds(officeOrganizationResponse)
  update(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(organizationUpdateSchema)) body: OrganizationUpdate): Promise<OfficeOrganizationDto> {
    return this.structure.updateOrganization(p.id, expectedVersion(ifMatch), body);
  }

  @Delete(':id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.structure.deleteOrganization(p.id, expectedVersion(ifMatch));
  }
}

@Controller('api/office/:tenant/persons')
@UseInterceptors(VersionEtagInterceptor)
export class PersonsController {
  constructor(private readonly structure: StructureService) {}

  @Get()
  @TenantAccess(READERS)
  @Responds(officePersonListResponse)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown): Promise<ListResponse<OfficePersonDto>> {
    return { data: await this.structure.persons() };
  }

  @Post()
  @TenantAccess(WRITERS)
  @Responds(officePersonResponse, { status: 201 })
  create(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Body(new ZodValidationPipe(personCreateSchema)) body: PersonCreate): Promise<OfficePersonDto> {
    return this.structure.createPerson(body);
  }

  @Get(':id')
  @TenantAccess(READERS)
  @Responds(officePersonResponse)
  one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OfficePersonDto> {
    return this.structure.person(p.id);
  }

  @Patch(':id')
  @TenantAccess(WRITERS)
  @Responds(officePersonResponse)
  update(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(personUpdateSchema)) body: PersonUpdate): Promise<OfficePersonDto> {
    return this.structure.updatePerson(p.id, expectedVersion(ifMatch), body);
  }

  @Delete(':id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.structure.deletePerson(p.id, expectedVersion(ifMatch));
  }
}

@Controller('api/office/:tenant/memberships')
@UseInterceptors(VersionEtagInterceptor)
export class MembershipsController {
  constructor(private readonly structure: StructureService) {}

  @Get()
  @TenantAccess(READERS)
  @Responds(officeMembershipListResponse)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Query(new ZodValidationPipe(membershipQuerySchema)) q: MembershipQuery): Promise<ListResponse<OfficeMembershipDto>> {
    return { data: await this.structure.memberships(q) };
  }

  @Post()
  @TenantAccess(WRITERS)
  @Responds(officeMembershipResponse, { status: 201 })
  create(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Body(new ZodValidationPipe(membershipCreateSchema)) body: MembershipCreate): Promise<OfficeMembershipDto> {
    return this.structure.createMembership(body);
  }

  @Get(':id')
  @TenantAccess(READERS)
  @Responds(officeMembershipResponse)
  one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OfficeMembershipDto> {
    return this.structure.membership(p.id);
  }

  @Patch(':id')
  @TenantAccess(WRITERS)
  @Responds(officeMembershipResponse)
  update(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined, @Body(new ZodValidationPipe(membershipUpdateSchema)) body: MembershipUpdate): Promise<OfficeMembershipDto> {
    return this.structure.updateMembership(p.id, expectedVersion(ifMatch), body);
  }

  @Delete(':id')
  @TenantAccess(WRITERS)
  @HttpCode(204)
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.structure.deleteMembership(p.id, expectedVersion(ifMatch));
  }
}
