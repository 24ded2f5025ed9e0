import { Injectable } from '@nestjs/common';
import { type Prisma, TenantDatabase } from '@ratsinfo/api-database';
import { PUBLIC_PAPER } from '../portal.repository';

/** What a calendar entry or a meeting feed entry shows; agenda items: public ones only. */
const feedMeetingSelect = {
  id: true,
  name: true,
  start: true,
  end: true,
  cancelled: true,
  icalSequence: true,
  updatedAt: true,
  locationText: true,
  location: { select: { description: true, room: true, streetAddress: true, postalCode: true, locality: true, deletedAt: true } },
  organization: { select: { id: true, name: true } },
  agendaItems: { where: { public: true, deletedAt: null }, orderBy: { order: 'asc' }, select: { number: true, name: true } },
} as const satisfies Prisma.MeetingSelect;

export type FeedMeeting = Prisma.MeetingGetPayload<{ select: typeof feedMeetingSelect }>;

const feedPaperSelect = {
  id: true,
  reference: true,
  name: true,
  date: true,
  updatedAt: true,
  paperType: { select: { name: true } },
} as const satisfies Prisma.PaperSelect;

export type FeedPaper = Prisma.PaperGetPayload<{ select: typeof feedPaperSelect }>;

/** An upper bound for one calendar, so a feed of a large authority stays one bounded read. */
export const CALENDAR_MAX_MEETINGS = 2000;

/**
 * Reads of the calendars and feeds. Same public rules as the portal (PortalRepository): living
 * meetings, public agenda items, public published papers; tenant scoping by row-level security.
 */
@Injectable()
export class FeedsRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Meetings starting in [from, to), optionally of one organization, oldest first. Beyond `take`,
   * `keep: 'first'` keeps the earliest (the next meetings of a feed), `keep: 'last'` the latest
   * (a calendar drops its oldest past meetings, never the coming ones).
   */
  async meetings(from: Date, to: Date, opts: { organizationId?: string; take?: number; keep?: 'first' | 'last' } = {}): Promise<FeedMeeting[]> {
    const last = opts.keep === 'last';
    const dir = last ? 'desc' : 'asc';
    const rows = await this.db.transaction((tx) =>
      tx.meeting.findMany({
        where: { deletedAt: null, start: { gte: from, lt: to }, ...(opts.organizationId ? { organizationId: opts.organizationId } : {}) },
        orderBy: [{ start: dir }, { id: dir }],
        take: opts.take ?? CALENDAR_MAX_MEETINGS,
        select: feedMeetingSelect,
      }),
    );
    return last ? rows.reverse() : rows;
  }

  meeting(id: string): Promise<FeedMeeting | null> {
    return this.db.transaction((tx) => tx.meeting.findFirst({ where: { id, deletedAt: null }, select: feedMeetingSelect }));
  }

  organization(id: string): Promise<{ id: string; name: string } | null> {
    return this.db.transaction((tx) => tx.organization.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true } }));
  }

  /** The newest public papers by their date (ties by id), as the portal's list orders them. */
  newestPapers(take: number): Promise<FeedPaper[]> {
    return this.db.transaction((tx) => tx.paper.findMany({ where: PUBLIC_PAPER, orderBy: [{ date: 'desc' }, { id: 'desc' }], take, select: feedPaperSelect }));
  }
}
