import { Injectable } from '@nestjs/common';
import { NotFoundError, TenantContext } from '@ratsinfo/api-core';
import { literalWords } from '@ratsinfo/api-database';
import { addDays, berlinDate, startOfBerlinDay } from '@ratsinfo/berlin-time';
import {
  type MeetingRangeQuery,
  type MeetingSummaryDto,
  type OrganizationDto,
  ORGANIZATION_PAGE_MEETINGS,
  type PersonDto,
  type PortalMeetingDetail,
  type PortalOrganization,
  type PortalPaper,
  type PortalPaperList,
  type PortalPaperQuery,
  type PortalPaperType,
  type PortalPerson,
} from '@ratsinfo/contracts';
import { toMeetingSummary, toOrganizationDto, toPersonDto } from './portal.mapper';
import { toPaperRef, toPortalMeeting, toPortalOrganization, toPortalPaper, toPortalPerson } from './portal-content.mapper';
import { withMeetingResults } from './portal-meeting-results';
import { PortalRepository } from './portal.repository';

/** How many of a person's papers their page lists. */
const PERSON_PAGE_PAPERS = 50;

/** Today (Berlin) as the UTC midnight the date columns compare with. */
const berlinToday = () => new Date(`${berlinDate()}T00:00:00Z`);

/** Default length of the meeting list when no `to` is given. */
export const DEFAULT_MEETING_RANGE_DAYS = 90;

/** The council domain's read rules: German calendar days, default ranges, what is public. (The back office's meeting read lives in api-meetings.) */
@Injectable()
export class CouncilService {
  constructor(
    private readonly repo: PortalRepository,
    private readonly tenant: TenantContext,
  ) {}

  async organizations(): Promise<OrganizationDto[]> {
    return (await this.repo.organizations()).map(toOrganizationDto);
  }

  /** People with their memberships that have not ended before today (Berlin). */
  async persons(): Promise<PersonDto[]> {
    return (await this.repo.persons(berlinToday())).map(toPersonDto);
  }

  /** Meetings on the Berlin calendar days `from`..`to` inclusive (default: today and the next 90 days). */
  async meetings(query: MeetingRangeQuery): Promise<MeetingSummaryDto[]> {
    const from = query.from ?? berlinDate();
    const to = query.to ?? addDays(from, DEFAULT_MEETING_RANGE_DAYS);
    const rows = await this.repo.meetingsBetween(startOfBerlinDay(from), startOfBerlinDay(addDays(to, 1)));
    return rows.map(toMeetingSummary);
  }

  /** A meeting with its public agenda items only, each with its public paper and public files. */
  async publicMeeting(id: string): Promise<PortalMeetingDetail> {
    const meeting = await this.repo.meetingForPortal(id);
    if (!meeting) throw new NotFoundError('The meeting');
    const detail = toPortalMeeting(this.tenant.require().slug, meeting);
    return meeting.results ? withMeetingResults(detail, meeting.agendaItems, meeting.results) : detail;
  }

  /**
   * Public papers, newest first. Up to ten words of the query, each matched literally: `%`, `_`
   * and a backslash lose their LIKE meaning, so a search for "10%" finds "10%" and nothing else.
   */
  async publicPapers(query: PortalPaperQuery): Promise<PortalPaperList> {
    const words = literalWords(query.q);
    const page = await this.repo.publicPapers({ words, typeId: query.type, year: query.year, after: query.cursor, limit: query.limit });
    return { data: page.rows.map(toPaperRef), nextCursor: page.nextCursor };
  }

  async publicPaperTypes(): Promise<PortalPaperType[]> {
    return this.repo.publicPaperTypes();
  }

  async publicPaper(id: string): Promise<PortalPaper> {
    const paper = await this.repo.publicPaper(id);
    if (!paper) throw new NotFoundError('The paper');
    return toPortalPaper(this.tenant.require().slug, paper);
  }

  /** A council, committee or faction with its current members and its meetings around now. */
  async publicOrganization(id: string): Promise<PortalOrganization> {
    const found = await this.repo.organizationDetail(id, berlinToday(), new Date(), ORGANIZATION_PAGE_MEETINGS);
    if (!found) throw new NotFoundError('The organization');
    return toPortalOrganization(found);
  }

  async publicPerson(id: string): Promise<PortalPerson> {
    const person = await this.repo.personDetail(id, PERSON_PAGE_PAPERS);
    if (!person) throw new NotFoundError('The person');
    return toPortalPerson(this.tenant.require().slug, person, berlinToday());
  }
}
