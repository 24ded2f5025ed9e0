import { z } from 'zod';
import { calendarDate } from './input';
import { calendarDateOut, instant, uuidOut } from './response';

export const ORGANIZATION_TYPES = ['council', 'committee', 'faction', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const MEETING_STATES = ['planned', 'invited', 'running', 'held', 'minutes_drafted', 'minutes_approved'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Dates are ISO 8601 strings: `YYYY-MM-DD` for dates, full timestamps with offset for times. */
export const organizationSchema = z
  .object({
    id: uuidOut,
    name: z.string(),
    shortName: z.string().nullable(),
    organizationType: z.enum(ORGANIZATION_TYPES),
    classification: z.string().nullable(),
    startDate: calendarDateOut.nullable(),
    endDate: calendarDateOut.nullable(),
  })
  .meta({ id: 'Organization' });
export type OrganizationDto = z.infer<typeof organizationSchema>;

export const organizationRefSchema = z.object({ id: uuidOut, name: z.string(), shortName: z.string().nullable() }).meta({ id: 'OrganizationRef' });
export type OrganizationRefDto = z.infer<typeof organizationRefSchema>;

export const membershipSchema = z
  .object({
    id: uuidOut,
    organization: organizationRefSchema,
    role: z.string().nullable(),
    votingRight: z.boolean(),
    startDate: calendarDateOut.nullable(),
    endDate: calendarDateOut.nullable(),
  })
  .meta({ id: 'Membership' });
export type MembershipDto = z.infer<typeof membershipSchema>;

export const personSchema = z
  .object({
    id: uuidOut,
    name: z.string().meta({ description: "Display name as OParl's `name`: title, given name, family name, affix." }),
    familyName: z.string(),
    givenName: z.string(),
    formOfAddress: z.string().nullable(),
    title: z.string().nullable(),
    memberships: z.array(membershipSchema),
  })
  .meta({ id: 'Person' });
export type PersonDto = z.infer<typeof personSchema>;

const meetingSummaryShape = {
  id: uuidOut,
  name: z.string(),
  start: instant,
  end: instant.nullable(),
  locationText: z.string().nullable(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  organization: organizationRefSchema,
};
export const meetingSummarySchema = z.object(meetingSummaryShape).meta({ id: 'MeetingSummary' });
export type MeetingSummaryDto = z.infer<typeof meetingSummarySchema>;

const agendaItemShape = {
  id: uuidOut,
  order: z.number().int(),
  number: z.string().nullable(),
  name: z.string(),
  result: z.string().nullable(),
};
/** A public agenda item. Non-public items never leave the API through public routes. */
export const agendaItemSchema = z.object(agendaItemShape).meta({ id: 'AgendaItem' });
export type AgendaItemDto = z.infer<typeof agendaItemSchema>;

export const meetingDetailSchema = z.object({ ...meetingSummaryShape, agendaItems: z.array(agendaItemSchema) }).meta({ id: 'MeetingDetail' });
export type MeetingDetailDto = z.infer<typeof meetingDetailSchema>;

// The back office's meeting (OfficeMeetingDto) is in ./meetings.

/** A complete list; its schema is `listOf(itemSchema)`. */
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
