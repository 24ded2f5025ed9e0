import { common, opt, type Timestamps } from './mappers';
import type { OParlUrls } from './urls';

/** Meetings and their agenda (issue 10 extends this file with Paper, Consultation and File). */

// ---------------------------------------------------------------- AgendaItem

export interface AgendaItemSource extends Timestamps {
  id: string;
  meetingId: string;
  number: string | null;
  order: number;
  name: string;
  public: boolean;
  result: string | null;
  resolutionText: string | null;
}

export function toOParlAgendaItem(a: AgendaItemSource, urls: OParlUrls) {
  return {
    ...common('AgendaItem', urls.object('agendaItems', a.id), a),
    meeting: urls.object('meetings', a.meetingId),
    number: opt(a.number),
    order: a.order,
    name: a.name,
    public: a.public,
    result: opt(a.result),
    resolutionText: opt(a.resolutionText),
  };
}

// ---------------------------------------------------------------- Location (inline)

/**
 * The place of a meeting, embedded in it. The app keeps it as free text on the meeting, so the
 * Location takes the meeting's id under /locations (one location per meeting) until places
 * become objects of their own.
 */
export function toOParlMeetingLocation(m: { id: string; locationText: string | null } & Timestamps, urls: OParlUrls) {
  if (!m.locationText) return undefined;
  return {
    ...common('Location', urls.object('locations', m.id), m),
    description: m.locationText,
    meetings: [urls.object('meetings', m.id)],
  };
}

// ---------------------------------------------------------------- Meeting

export interface MeetingSource extends Timestamps {
  id: string;
  organizationId: string;
  name: string;
  meetingState: string | null;
  cancelled: boolean;
  start: Date;
  end: Date | null;
  locationText: string | null;
}

/** A meeting with its agenda embedded (OParl: Meeting.agendaItem is a list of objects). */
export function toOParlMeeting(m: MeetingSource, urls: OParlUrls, agendaItems: readonly AgendaItemSource[] = []) {
  return {
    ...common('Meeting', urls.object('meetings', m.id), m),
    name: m.name,
    meetingState: opt(m.meetingState),
    cancelled: m.cancelled,
    start: m.start.toISOString(),
    end: m.end?.toISOString(),
    location: toOParlMeetingLocation(m, urls),
    organization: [urls.object('organizations', m.organizationId)],
    agendaItem: agendaItems.map((a) => toOParlAgendaItem(a, urls)),
  };
}
