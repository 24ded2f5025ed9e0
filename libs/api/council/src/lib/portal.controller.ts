import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { Public, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import {
  ListResponse,
  MeetingDetailDto,
  MeetingRangeQuery,
  meetingRangeQuerySchema,
  MeetingSummaryDto,
  OrganizationDto,
  PersonDto,
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
  async organizations(): Promise<ListResponse<OrganizationDto>> {
    return { data: await this.council.organizations() };
  }

  @Get('persons')
  async persons(): Promise<ListResponse<PersonDto>> {
    return { data: await this.council.persons() };
  }

  @Get('meetings')
  async meetings(@Query(new ZodValidationPipe(meetingRangeQuerySchema)) query: MeetingRangeQuery): Promise<ListResponse<MeetingSummaryDto>> {
    return { data: await this.council.meetings(query) };
  }

  @Get('meetings/:meetingId')
  meeting(@Param(new ZodValidationPipe(meetingParams)) params: z.infer<typeof meetingParams>): Promise<MeetingDetailDto> {
    return this.council.publicMeeting(params.meetingId);
  }
}
