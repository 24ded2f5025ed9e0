import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { meetingUid } from '@ratsinfo/api-mail';
import { cleanText, icsName, oneLine } from './feed-text';
import type { FeedMeeting } from './feeds.repository';

/** When a meeting has no end: two hours, as in the invitation. */
const DEFAULT_DURATION_MS = 120 * 60_000;

export interface CalendarLinks {
  uidDomain: string;
  /** The portal page of a meeting. */
  meetingPage: (meetingId: string) => string;
}

/** Where the meeting takes place: its own text, else its location's parts (as in the invitation). */
export function meetingPlace(m: FeedMeeting): string | null {
  if (m.locationText?.trim()) return m.locationText;
  const l = m.location && m.location.deletedAt === null ? m.location : null;
  if (!l) return null;
  const town = [l.postalCode, l.locality].filter(Boolean).join(' ');
  return [l.description, l.room, l.streetAddress, town].filter(Boolean).join(', ') || null;
}

/** The public agenda as lines, e.g. "Ö 1 Eröffnung der Sitzung". */
export function publicAgendaLines(m: FeedMeeting): string[] {
  return m.agendaItems.map((a) => [a.number, a.name].filter(Boolean).join(' '));
}

function description(m: FeedMeeting, page: string): string {
  const agenda = publicAgendaLines(m);
  return cleanText(
    [
      m.cancelled ? 'Die Sitzung ist abgesagt.' : '',
      m.organization.name,
      agenda.length ? `Tagesordnung (öffentlicher Teil):\n${agenda.join('\n')}` : 'Der öffentliche Teil hat keine Tagesordnungspunkte.',
      page,
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
}

/**
 * An iCalendar (RFC 5545) of public meetings for subscription: no METHOD (a published calendar,
 * not an iTIP message). Each event has the UID and SEQUENCE of the meeting's invitation
 * (`meetingUid`, `meetings.ical_sequence`), so a calendar that imported the invitation and one
 * that subscribed agree; a cancelled meeting stays with STATUS:CANCELLED. Times are UTC instants.
 * DTSTAMP is the meeting's last change, so the same data gives the same bytes (and ETag).
 */
export function meetingCalendar(name: string, meetings: FeedMeeting[], links: CalendarLinks): string {
  const cal = new ICalCalendar({ prodId: { company: 'Ratsinfo', product: 'Ratsinfo', language: 'DE' }, name: icsName(name), ttl: 60 * 60 });
  for (const m of meetings) {
    const end = m.end && m.end > m.start ? m.end : new Date(m.start.getTime() + DEFAULT_DURATION_MS);
    const page = links.meetingPage(m.id);
    const place = meetingPlace(m);
    cal.createEvent({
      id: meetingUid(m.id, links.uidDomain),
      sequence: m.icalSequence,
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      start: m.start,
      end,
      summary: oneLine(`${m.name} (${m.organization.name})`),
      ...(place ? { location: oneLine(place) } : {}),
      description: description(m, page),
      url: page,
      status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = cal.toString();
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too (the generator omits it).
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
