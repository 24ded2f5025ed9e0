import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { Public, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor, type PublicDocument } from '@ratsinfo/api-tenancy';
import { pathSegment, uuidSchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { FeedsService } from './feeds.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const organizationParams = z.object({ tenant: pathSegment(), organizationId: uuidSchema }).strict();
const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

const ICS = 'text/calendar';
const RSS = 'application/rss+xml';
const ATOM = 'application/atom+xml';

/**
 * Calendars and feeds of the public portal (FeedRoutes): anonymous, public content only, through
 * the response cache with ETag and 304 like every portal read (ADR 0008).
 */
@Controller('api/portal/:tenant')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('calendar.ics')
  @Responds(null, { contentType: ICS, description: 'iCalendar of the public meetings from one year back to two years ahead.' })
  calendar(@Param(new ZodValidationPipe(tenantParams)) _params: z.infer<typeof tenantParams>): Promise<PublicDocument> {
    return this.feeds.calendar();
  }

  @Get('organizations/:organizationId/calendar.ics')
  @Responds(null, { contentType: ICS, description: "iCalendar of one organization's public meetings (same window)." })
  organizationCalendar(@Param(new ZodValidationPipe(organizationParams)) params: z.infer<typeof organizationParams>): Promise<PublicDocument> {
    return this.feeds.organizationCalendar(params.organizationId);
  }

  @Get('meetings/:meetingId/calendar.ics')
  @Responds(null, { contentType: ICS, description: 'iCalendar of one meeting (the UID and SEQUENCE of its invitation).' })
  meetingCalendar(@Param(new ZodValidationPipe(meetingParams)) params: z.infer<typeof meetingParams>): Promise<PublicDocument> {
    return this.feeds.meetingCalendar(params.meetingId);
  }

  @Get('feeds/papers.rss')
  @Responds(null, { contentType: RSS, description: 'The newest public papers (RSS 2.0).' })
  papersRss(@Param(new ZodValidationPipe(tenantParams)) _params: z.infer<typeof tenantParams>): Promise<PublicDocument> {
    return this.feeds.papers('rss');
  }

  @Get('feeds/papers.atom')
  @Responds(null, { contentType: ATOM, description: 'The newest public papers (Atom 1.0).' })
  papersAtom(@Param(new ZodValidationPipe(tenantParams)) _params: z.infer<typeof tenantParams>): Promise<PublicDocument> {
    return this.feeds.papers('atom');
  }

  @Get('feeds/meetings.rss')
  @Responds(null, { contentType: RSS, description: 'The upcoming public meetings (RSS 2.0).' })
  meetingsRss(@Param(new ZodValidationPipe(tenantParams)) _params: z.infer<typeof tenantParams>): Promise<PublicDocument> {
    return this.feeds.meetings('rss');
  }

  @Get('feeds/meetings.atom')
  @Responds(null, { contentType: ATOM, description: 'The upcoming public meetings (Atom 1.0).' })
  meetingsAtom(@Param(new ZodValidationPipe(tenantParams)) _params: z.infer<typeof tenantParams>): Promise<PublicDocument> {
    return this.feeds.meetings('atom');
  }
}
