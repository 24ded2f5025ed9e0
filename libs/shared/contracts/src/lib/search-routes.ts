/**
 * Paths of the search and feed routes (issue 10), zod-free for the web app's bundles.
 */
const enc = encodeURIComponent;
const portal = (slug: string) => `/api/portal/${enc(slug)}`;

export const SearchRoutes = {
  /** Public search of one authority (public content only). Query: see searchQuerySchema. */
  portal: (slug: string) => `${portal(slug)}/search`,
  /** The members' search: what the member visibility rule allows them, non-public included. */
  members: (slug: string) => `/api/office/${enc(slug)}/me/search`,
} as const;

export const FeedRoutes = {
  /** iCalendar (RFC 5545) of all public meetings of the authority. */
  calendar: (slug: string) => `${portal(slug)}/calendar.ics`,
  /** iCalendar of one organization's public meetings. */
  organizationCalendar: (slug: string, organizationId: string) => `${portal(slug)}/organizations/${enc(organizationId)}/calendar.ics`,
  /** iCalendar of one meeting. */
  meetingCalendar: (slug: string, meetingId: string) => `${portal(slug)}/meetings/${enc(meetingId)}/calendar.ics`,
  /** New public papers, RSS 2.0 and Atom 1.0. */
  papersRss: (slug: string) => `${portal(slug)}/feeds/papers.rss`,
  papersAtom: (slug: string) => `${portal(slug)}/feeds/papers.atom`,
  /** Upcoming public meetings, RSS 2.0 and Atom 1.0. */
  meetingsRss: (slug: string) => `${portal(slug)}/feeds/meetings.rss`,
  meetingsAtom: (slug: string) => `${portal(slug)}/feeds/meetings.atom`,
} as const;
