import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { LegislativeTermsController, LocationsController, MembershipsController, OrganizationsController, PersonsController } from './structure.controller';
import { StructureRepository } from './structure.repository';
import { StructureService } from './structure.service';

/** The council structure of one authority, kept by its clerks: terms, locations, organizations, persons, memberships. */
@Module({
  imports: [TenancyModule],
  controllers: [LegislativeTermsController, LocationsController, OrganizationsController, PersonsController, MembershipsController],
  providers: [StructureService, StructureRepository],
})
export class StructureModule {}
