import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, NotFoundError, TenantContext } from '@ratsinfo/api-core';
import { uidDomain } from '@ratsinfo/api-mail';
import { PublicDocument, TenantRegistry } from '@ratsinfo/api-tenancy';
import { addDays, berlinDate, startOfBerlinDay } from '@ratsinfo/berlin-time';
import { FeedRoutes } from '@ratsinfo/contracts';
import { germanDate, germanDateTime } from './feed-text';
import { type FeedMeeting, FeedsRepository } from './feeds.repository';
import { meetingCalendar, meetingPlace, publicAgendaLines } from './meeting-calendar';
import { atom1, type FeedChannel, type FeedEntry, rss2 } from './xml-feed';

/** The authority's calendar spans from one year back to two years ahead (Berlin days, from today). */
export const CALENDAR_DAYS_BACK = 365;
export const CALENDAR_DAYS_AHEAD = 2 * 365;
/** Entries of a paper or meeting feed. */
export const FEED_ENTRIES = 50;
/** Upcoming meetings: from today (Berlin) this many days ahead. */
export const MEETING_FEED_DAYS_AHEAD = 365;

export type FeedFormat = 'rss' | 'atom';

const ICS = 'text/calendar; charset=utf-8';
const MEDIA: Record<FeedFormat, string> = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' };

/**
 * Calendars (iCalendar) and feeds (RSS 2.0, Atom 1.0) of an authority's public council data. Every
 * answer depends only on the URL, the day (Berlin) and the public data, so it goes through the
 * public response cache; nothing in it changes between two reads of the same data (no "now").
 */
@Injectable()
export class FeedsService {
  private readonly web: string;
  private readonly api: string;
  private readonly uidDomain: string;

  constructor(
    private readonly repo: FeedsRepository,
    private readonly tenant: TenantContext,
    private readonly registry: TenantRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.web = config.WEB_BASE_URL.replace(/\/$/, '');
    this.api = (config.PUBLIC_BASE_URL ?? config.WEB_BASE_URL).replace(/\/$/, '');
    this.uidDomain = uidDomain(config.MAIL_FROM_ADDRESS);
  }

  /** All meetings of the authority from CALENDAR_DAYS_BACK before today to CALENDAR_DAYS_AHEAD after it. */
  async calendar(): Promise<PublicDocument> {
    const { slug, name } = await this.authority();
    const today = berlinDate();
    const rows = await this.repo.meetings(startOfBerlinDay(addDays(today, -CALENDAR_DAYS_BACK)), startOfBerlinDay(addDays(today, CALENDAR_DAYS_AHEAD + 1)), { keep: 'last' });
    return new PublicDocument(meetingCalendar(`Sitzungen – ${name}`, rows, this.calendarLinks(slug)), ICS, `${slug}-sitzungen.ics`);
  }

  /** One organization's meetings, in the same window as the authority's calendar. */
  async organizationCalendar(organizationId: string): Promise<PublicDocument> {
    const { slug, name } = await this.authority();
    const organization = await this.repo.organization(organizationId);
    if (!organization) throw new NotFoundError('The organization');
    const today = berlinDate();
    const rows = await this.repo.meetings(startOfBerlinDay(addDays(today, -CALENDAR_DAYS_BACK)), startOfBerlinDay(addDays(today, CALENDAR_DAYS_AHEAD + 1)), { organizationId, keep: 'last' });
    return new PublicDocument(meetingCalendar(`${organization.name} – ${name}`, rows, this.calendarLinks(slug)), ICS, `${slug}-gremium-${organizationId.slice(0, 8)}.ics`);
  }

  async meetingCalendar(meetingId: string): Promise<PublicDocument> {
    const { slug, name } = await this.authority();
    const meeting = await this.repo.meeting(meetingId);
    if (!meeting) throw new NotFoundError('The meeting');
    return new PublicDocument(meetingCalendar(`${meeting.name} – ${name}`, [meeting], this.calendarLinks(slug)), ICS, `${slug}-sitzung-${meetingId.slice(0, 8)}.ics`);
  }

  /** The newest FEED_ENTRIES public papers. */
  async papers(format: FeedFormat): Promise<PublicDocument> {
    const { slug, name } = await this.authority();
    const papers = await this.repo.newestPapers(FEED_ENTRIES);
    const entries: FeedEntry[] = papers.map((p) => ({
      id: `urn:uuid:${p.id}`,
      title: `${p.reference}: ${p.name}`,
      link: `${this.portal(slug)}/vorlagen/${encodeURIComponent(p.id)}`,
      summary: `${p.paperType.name} vom ${germanDate(p.date)}`,
      published: p.date,
      updated: p.updatedAt,
      category: p.paperType.name,
    }));
    const channel: FeedChannel = {
      id: `${this.portal(slug)}/vorlagen`,
      title: `Neue Vorlagen – ${name}`,
      description: `Die neuesten öffentlichen Vorlagen von ${name}.`,
      link: `${this.portal(slug)}/vorlagen`,
      self: this.api + (format === 'rss' ? FeedRoutes.papersRss(slug) : FeedRoutes.papersAtom(slug)),
      author: name,
      updated: newest(entries) ?? startOfBerlinDay(berlinDate()),
      entries,
    };
    return this.document(format, channel, `${slug}-vorlagen`);
  }

  /** The next FEED_ENTRIES meetings from today (Berlin) on, cancelled ones marked. */
  async meetings(format: FeedFormat): Promise<PublicDocument> {
    const { slug, name } = await this.authority();
    const today = berlinDate();
    const rows = await this.repo.meetings(startOfBerlinDay(today), startOfBerlinDay(addDays(today, MEETING_FEED_DAYS_AHEAD + 1)), { take: FEED_ENTRIES, keep: 'first' });
    const entries = rows.map((m) => this.meetingEntry(slug, m));
    const channel: FeedChannel = {
      id: `${this.portal(slug)}#sitzungen`,
      title: `Kommende Sitzungen – ${name}`,
      description: `Die nächsten öffentlichen Sitzungen von ${name}.`,
      link: this.portal(slug),
      self: this.api + (format === 'rss' ? FeedRoutes.meetingsRss(slug) : FeedRoutes.meetingsAtom(slug)),
      author: name,
      updated: newest(entries) ?? startOfBerlinDay(today),
      entries,
    };
    return this.document(format, channel, `${slug}-sitzungen`);
  }

  private meetingEntry(slug: string, m: FeedMeeting): FeedEntry {
    const place = meetingPlace(m);
    const agenda = publicAgendaLines(m);
    return {
      id: `urn:uuid:${m.id}`,
      title: `${m.cancelled ? 'Abgesagt: ' : ''}${m.name} am ${germanDateTime(m.start)}`,
      link: `${this.portal(slug)}/sitzungen/${encodeURIComponent(m.id)}`,
      summary: [
        m.organization.name,
        place ? `Ort: ${place}` : '',
        m.cancelled ? 'Die Sitzung ist abgesagt.' : '',
        agenda.length ? `Tagesordnung (öffentlicher Teil):\n${agenda.join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      published: m.start,
      updated: m.updatedAt,
      category: m.organization.name,
    };
  }

  private document(format: FeedFormat, channel: FeedChannel, base: string): PublicDocument {
    return format === 'rss' ? new PublicDocument(rss2(channel), MEDIA.rss, `${base}.rss`) : new PublicDocument(atom1(channel), MEDIA.atom, `${base}.atom`);
  }

  private calendarLinks(slug: string) {
    return { uidDomain: this.uidDomain, meetingPage: (id: string) => `${this.portal(slug)}/sitzungen/${encodeURIComponent(id)}` };
  }

  private portal(slug: string): string {
    return `${this.web}/${encodeURIComponent(slug)}`;
  }

  private async authority(): Promise<{ slug: string; name: string }> {
    const ref = this.tenant.require();
    const t = await this.registry.findById(ref.id);
    return { slug: ref.slug, name: t?.name ?? ref.slug };
  }
}

function newest(entries: FeedEntry[]): Date | undefined {
  let max: Date | undefined;
  for (const e of entries) if (!max || e.updated > max) max = e.updated;
  return max;
}
