import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { InvitationKind, MeetingSnapshot } from './mail-data';

/**
 * The calendar part of an invitation (RFC 5545/5546 iTIP): METHOD:REQUEST for an invitation or an
 * update, METHOD:CANCEL with STATUS:CANCELLED for a cancellation. The UID is the meeting's and the
 * same for all three, so calendars update or remove the entry they have; SEQUENCE orders them.
 * Times are UTC instants (…Z): correct everywhere without a VTIMEZONE block.
 */
export interface MeetingIcsInput {
  kind: InvitationKind;
  sequence: number;
  meeting: MeetingSnapshot;
  /** The domain part of the UID: stable across the meeting's messages. */
  uidDomain: string;
  organizer: { name: string; email: string };
  attendee: { name: string | null; email: string };
  url: string | null;
  description: string;
  /** When the meeting has no end: this many minutes after the start. */
  defaultDurationMinutes?: number;
}

export function meetingUid(meetingId: string, uidDomain: string): string {
  return `meeting-${meetingId}@${uidDomain}`;
}

export function meetingIcs(input: MeetingIcsInput): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const cancel = input.kind === 'cancellation';
  const method = cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const start = new Date(input.meeting.start);
  const end = input.meeting.end ? new Date(input.meeting.end) : new Date(start.getTime() + (input.defaultDurationMinutes ?? 120) * 60_000);
  const cal = new ICalCalendar({ prodId: { company: 'Ratsinfo', product: 'Ratsinfo', language: 'DE' }, method });
  cal.createEvent({
    id: meetingUid(input.meeting.id, input.uidDomain),
    sequence: input.sequence,
    stamp: new Date(),
    start,
    end: end > start ? end : new Date(start.getTime() + 60_000),
    summary: `${input.meeting.name} (${input.meeting.organization})`,
    location: input.meeting.location,
    description: input.description,
    url: input.url,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        email: input.attendee.email,
        ...(input.attendee.name ? { name: input.attendee.name } : {}),
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: false,
      },
    ],
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  const text = cal.toString();
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too (the generator omits it).
  return { method: cancel ? 'CANCEL' : 'REQUEST', content: text.endsWith('\r\n') ? text : `${text}\r\n` };
}
