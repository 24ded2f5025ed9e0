import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@ratsinfo/api-core';
import { addDays, berlinDate, startOfBerlinDay } from '@ratsinfo/berlin-time';
import type { MeetingDetailDto, MeetingRangeQuery, MeetingSummaryDto, OrganizationDto, PersonDto } from '@ratsinfo/contracts';
import { toMeetingDetail, toMeetingSummary, toOrganizationDto, toPersonDto } from './portal.mapper';
import { PortalRepository } from './portal.repository';

/** Default length of the meeting list when no `to` is given. */
export const DEFAULT_MEETING_RANGE_DAYS = 90;

/** The council domain's read rules: German calendar days, default ranges, what is public. (The back office's meeting read lives in api-meetings.) */
@Injectable()
export class CouncilService {
  constructor(private readonly repo: PortalRepository) {}

  async organizations(): Promise<OrganizationDto[]> {
    return (await this.repo.organizations()).map(toOrganizationDto);
  }

  /** People with their memberships that have not ended before today (Berlin). */
  async persons(): Promise<PersonDto[]> {
    const today = new Date(`${berlinDate()}T00:00:00Z`);
    return (await this.repo.persons(today)).map(toPersonDto);
  }

  /** Meetings on the Berlin calendar days `from`..`to` inclusive (default: today and the next 90 days). */
  async meetings(query: MeetingRangeQuery): Promise<MeetingSummaryDto[]> {
    const from = query.from ?? berlinDate();
    const to = query.to ?? addDays(from, DEFAULT_MEETING_RANGE_DAYS);
    const rows = await this.repo.meetingsBetween(startOfBerlinDay(from), startOfBerlinDay(addDays(to, 1)));
    return rows.map(toMeetingSummary);
  }

  /** A meeting with its public agenda items only. */
  async publicMeeting(id: string): Promise<MeetingDetailDto> {
    const meeting = await this.repo.meetingWithPublicAgenda(id);
    if (!meeting) throw new NotFoundError('The meeting');
    return toMeetingDetail(meeting);
  }
}
