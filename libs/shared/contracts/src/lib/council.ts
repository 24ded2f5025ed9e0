import { z } from 'zod';
import { calendarDate } from './input';

export const ORGANIZATION_TYPES = ['council', 'committee', 'faction', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const MEETING_STATES = ['planned', 'invited', 'held', 'minutes_approved'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Dates are ISO 8601 strings: `YYYY-MM-DD` for dates, full timestamps with offset for times. */
export interface OrganizationDto {
  id: string;
  name: string;
  shortName: string | null;
  organizationType: OrganizationType;
  classification: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface MembershipDto {
  id: string;
  organization: OrganizationRefDto;
  role: string | null;
  votingRight: boolean;
  startDate: string | null;
  endDate: string | null;
}

export interface OrganizationRefDto {
  id: string;
  name: string;
  shortName: string | null;
}

export interface PersonDto {
  id: string;
  /** Display name as OParl's `name`: title, given name, family name, affix. */
  name: string;
  familyName: string;
  givenName: string;
  formOfAddress: string | null;
  title: string | null;
  memberships: MembershipDto[];
}

export interface MeetingSummaryDto {
  id: string;
  name: string;
  start: string;
  end: string | null;
  locationText: string | null;
  meetingState: MeetingState;
  cancelled: boolean;
  organization: OrganizationRefDto;
}

/** A public agenda item. Non-public items never leave the API through public routes. */
export interface AgendaItemDto {
  id: string;
  order: number;
  number: string | null;
  name: string;
  result: string | null;
}

export interface MeetingDetailDto extends MeetingSummaryDto {
  agendaItems: AgendaItemDto[];
}

// The back office's meeting (OfficeMeetingDto) is in ./meetings.

export interface ListResponse<T> {
  data: T[];
}

const isoDate = calendarDate();

/** The longest range one request may ask for, so a single call cannot scan a whole archive. */
export const MAX_MEETING_RANGE_DAYS = 400;

/**
 * Query of `GET /api/portal/{tenant}/meetings`: `from` and `to` are inclusive calendar dates
 * (Europe/Berlin). Both optional: without `from` the range starts today, without `to` it ends
 * 90 days after `from`.
 */
export const meetingRangeQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (days > MAX_MEETING_RANGE_DAYS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `range must not exceed ${MAX_MEETING_RANGE_DAYS} days` });
    }
  });
export type MeetingRangeQuery = z.infer<typeof meetingRangeQuerySchema>;

export const uuidSchema = z.uuid();
