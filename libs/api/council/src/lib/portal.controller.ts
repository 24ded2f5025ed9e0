import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { NotFoundError, Public, ZodValidationPipe } from '@ratsinfo/api-core';
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
import { addDays, berlinToday, startOfBerlinDay } from './berlin-time';
import { toMeetingDetail, toMeetingSummary, toOrganizationDto, toPersonDto } from './portal.mapper';
import { PortalRepository } from './portal.repository';

/** Default length of the meeting list when no `to` is given. */
export const DEFAULT_MEETING_RANGE_DAYS = 90;

const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

/** Public, anonymous reads of one member authority's council data. */
@Controller('api/portal/:tenant')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class PortalController {
  constructor(private readonly repo: PortalRepository) {}

  @Get('organizations')
  async organizations(): Promise<ListResponse<OrganizationDto>> {
    return { data: (await this.repo.organizations()).map(toOrganizationDto) };
  }

  @Get('persons')
  async persons(): Promise<ListResponse<PersonDto>> {
    const today = new Date(`${berlinToday()}T00:00:00Z`);
    return { data: (await this.repo.persons(today)).map(toPersonDto) };
  }

  @Get('meetings')
  async meetings(@Query(new ZodValidationPipe(meetingRangeQuerySchema)) query: MeetingRangeQuery): Promise<ListResponse<MeetingSummaryDto>> {
    const from = query.from ?? berlinToday();
    const to = query.to ?? addDays(from, DEFAULT_MEETING_RANGE_DAYS);
    const rows = await this.repo.meetingsBetween(startOfBerlinDay(from), startOfBerlinDay(addDays(to, 1)));
    return { data: rows.map(toMeetingSummary) };
  }

  @Get('meetings/:meetingId')
  async meeting(@Param(new ZodValidationPipe(meetingParams)) params: z.infer<typeof meetingParams>): Promise<MeetingDetailDto> {
    const meeting = await this.repo.meetingWithPublicAgenda(params.meetingId);
    if (!meeting) throw new NotFoundError('The meeting');
    return toMeetingDetail(meeting);
  }
}
