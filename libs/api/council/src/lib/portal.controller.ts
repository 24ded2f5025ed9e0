import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { Public, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import {
  ListResponse,
  listOf,
  MeetingDetailDto,
  meetingDetailSchema,
  MeetingRangeQuery,
  meetingRangeQuerySchema,
  MeetingSummaryDto,
  meetingSummarySchema,
  OrganizationDto,
  organizationSchema,
  PersonDto,
  personSchema,
  uuidSchema,
  pathSegment,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { CouncilService } from './council.service';

const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

/** Public, anonymous reads of one member authority's council data. */
@Controller('api/portal/:tenant')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class PortalController {
  constructor(private readonly council: CouncilService) {}

  @Get('organizations')
  @Responds(listOf(organizationSchema))
  async organizations(): Promise<ListResponse<OrganizationDto>> {
    return { data: await this.council.organizations() };
  }

  @Get('persons')
  @Responds(listOf(personSchema))
  async persons(): Promise<ListResponse<PersonDto>> {
    return { data: await this.council.persons() };
  }

  @Get('meetings')
  @Responds(listOf(meetingSummarySchema))
  async meetings(@Query(new ZodValidationPipe(meetingRangeQuerySchema)) query: MeetingRangeQuery): Promise<ListResponse<MeetingSummaryDto>> {
    return { data: await this.council.meetings(query) };
  }

  @Get('meetings/:meetingId')
  @Responds(meetingDetailSchema)
  meeting(@Param(new ZodValidationPipe(meetingParams)) params: z.infer<typeof meetingParams>): Promise<MeetingDetailDto> {
    return this.council.publicMeeting(params.meetingId);
  }
}
