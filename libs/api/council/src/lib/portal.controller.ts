import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { Public, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import {
  ListResponse,
  MeetingRangeQuery,
  meetingRangeQuerySchema,
  MeetingSummaryDto,
  OrganizationDto,
  PersonDto,
  uuidSchema,
  pathSegment,
  portalMeetingDetailSchema,
  portalMeetingListSchema,
  portalOrganizationListSchema,
  portalPersonListSchema,
  type PortalMeetingDetail,
  portalOrganizationParamsSchema,
  portalOrganizationSchema,
  type PortalOrganization,
  portalPaperListSchema,
  type PortalPaperList,
  portalPaperParamsSchema,
  portalPaperQuerySchema,
  type PortalPaperQuery,
  portalPaperSchema,
  type PortalPaper,
  portalPaperTypeListSchema,
  type PortalPaperType,
  portalPersonParamsSchema,
  portalPersonSchema,
  type PortalPerson,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { CouncilService } from './council.service';

const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

/**
 * Public, anonymous reads of one member authority's council data. Every answer depends only on
 * the URL and the authority's public data, so all of them go through the response cache
 * (ADR 0008): the public-data version moves with every write to these tables.
 */
@Controller('api/portal/:tenant')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class PortalController {
  constructor(private readonly council: CouncilService) {}

  @Get('organizations')
  @Responds(portalOrganizationListSchema, { description: 'The council, committees, factions and other bodies.' })
  async organizations(): Promise<ListResponse<OrganizationDto>> {
    return { data: await this.council.organizations() };
  }

  @Get('organizations/:organizationId')
  @Responds(portalOrganizationSchema, { description: 'A council, committee or faction with its current members and its meetings.' })
  organization(@Param(new ZodValidationPipe(portalOrganizationParamsSchema)) params: z.infer<typeof portalOrganizationParamsSchema>): Promise<PortalOrganization> {
    return this.council.publicOrganization(params.organizationId);
  }

  @Get('persons')
  @Responds(portalPersonListSchema, { description: 'People with their current memberships.' })
  async persons(): Promise<ListResponse<PersonDto>> {
    return { data: await this.council.persons() };
  }

  @Get('persons/:personId')
  @Responds(portalPersonSchema, { description: 'A person with their memberships and the public papers they originated.' })
  person(@Param(new ZodValidationPipe(portalPersonParamsSchema)) params: z.infer<typeof portalPersonParamsSchema>): Promise<PortalPerson> {
    return this.council.publicPerson(params.personId);
  }

  @Get('meetings')
  @Responds(portalMeetingListSchema, { description: 'Meetings on the Berlin calendar days from..to (default: today and the next 90 days).' })
  async meetings(@Query(new ZodValidationPipe(meetingRangeQuerySchema)) query: MeetingRangeQuery): Promise<ListResponse<MeetingSummaryDto>> {
    return { data: await this.council.meetings(query) };
  }

  @Get('meetings/:meetingId')
  @Responds(portalMeetingDetailSchema, { description: 'A meeting with its public agenda items, their public papers and files.' })
  meeting(@Param(new ZodValidationPipe(meetingParams)) params: z.infer<typeof meetingParams>): Promise<PortalMeetingDetail> {
    return this.council.publicMeeting(params.meetingId);
  }

  @Get('papers')
  @Responds(portalPaperListSchema, { description: 'Public papers, newest first, paged by `nextCursor`.' })
  papers(@Query(new ZodValidationPipe(portalPaperQuerySchema)) query: PortalPaperQuery): Promise<PortalPaperList> {
    return this.council.publicPapers(query);
  }

  @Get('paper-types')
  @Responds(portalPaperTypeListSchema, { description: 'The paper types of the public papers (for the list filter).' })
  async paperTypes(): Promise<ListResponse<PortalPaperType>> {
    return { data: await this.council.publicPaperTypes() };
  }

  @Get('papers/:paperId')
  @Responds(portalPaperSchema, { description: 'A public paper with its consultation path, files and related papers.' })
  paper(@Param(new ZodValidationPipe(portalPaperParamsSchema)) params: z.infer<typeof portalPaperParamsSchema>): Promise<PortalPaper> {
    return this.council.publicPaper(params.paperId);
  }
}
