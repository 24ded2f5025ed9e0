import { z } from 'zod';
import { officeMeetingBundlesSchema } from './bundles';
import { MEETING_STATES } from './council';
import { calendarDate, dateTime, MAX_YEAR, MIN_YEAR, text } from './input';
import { MAX_AGENDA_ITEMS } from './meeting-routes';

/**
 * Meetings and their agendas in the back office (issue 7, H3): the clerk's meeting list, the
 * meeting editor and the agenda editor. Response DTOs are zod schemas (the OpenAPI document is
 * generated from them); inputs are strict (unknown fields → 400 naming them).
 */

const id = z.uuid({ message: 'must be a UUID' });

// ---- Responses --------------------------------------------------------------------------------

const organizationRef = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });
const locationRef = z.object({ id: z.string(), description: z.string(), room: z.string().nullable(), streetAddress: z.string().nullable(), postalCode: z.string().nullable(), locality: z.string().nullable() });

export const officeMeetingSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  locationText: z.string().nullable(),
  location: locationRef.nullable(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  cancelledReason: z.string().nullable(),
  organization: organizationRef,
  version: z.number().int(),
});
export type OfficeMeetingSummaryDto = z.infer<typeof officeMeetingSummarySchema>;

export const officeMeetingListSchema = z.object({ data: z.array(officeMeetingSummarySchema) });
export type OfficeMeetingListDto = z.infer<typeof officeMeetingListSchema>;

/** The paper an item deliberates, through its consultation. */
export const agendaConsultationRefSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  authoritative: z.boolean(),
  role: z.string().nullable(),
  paper: z.object({ id: z.string(), reference: z.string(), name: z.string(), public: z.boolean() }),
});
export type AgendaConsultationRefDto = z.infer<typeof agendaConsultationRefSchema>;

export const agendaFileSchema = z.object({ id: z.string(), name: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int(), public: z.boolean() });
export type AgendaFileDto = z.infer<typeof agendaFileSchema>;

export const officeAgendaItemSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  /** Computed by the server: "Ö 2", "Ö 2.1", "N 1". */
  number: z.string().nullable(),
  level: z.union([z.literal(1), z.literal(2)]),
  name: z.string(),
  /** False for items discussed in closed session: never shown on the public portal. */
  public: z.boolean(),
  result: z.string().nullable(),
  urgent: z.boolean(),
  urgentReason: z.string().nullable(),
  consultation: agendaConsultationRefSchema.nullable(),
  files: z.array(agendaFileSchema),
});
export type OfficeAgendaItemDto = z.infer<typeof officeAgendaItemSchema>;

/** `GET /api/office/{tenant}/meetings/{id}`: the meeting with its agenda as far as the caller may read it. */
export const officeMeetingSchema = officeMeetingSummarySchema.extend({
  agendaItems: z.array(officeAgendaItemSchema),
  /** Non-public items of this meeting that the caller may not read (the member visibility rule). */
  withheldNonPublicItems: z.number().int(),
  /** The meeting's bundles (Sitzungsmappen). */
  bundles: officeMeetingBundlesSchema,
});
export type OfficeMeetingDto = z.infer<typeof officeMeetingSchema>;

/** `GET|PUT …/meetings/{id}/agenda`: the whole agenda for the editor; `version` is the meeting's. */
export const agendaSchema = z.object({
  meetingId: z.string(),
  version: z.number().int(),
  cancelled: z.boolean(),
  items: z.array(officeAgendaItemSchema),
});
export type AgendaDto = z.infer<typeof agendaSchema>;

export const schedulableConsultationSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  authoritative: z.boolean(),
  role: z.string().nullable(),
  paper: z.object({ id: z.string(), reference: z.string(), name: z.string(), public: z.boolean(), status: z.enum(['draft', 'released', 'withdrawn']), date: z.string() }),
});
export type SchedulableConsultationDto = z.infer<typeof schedulableConsultationSchema>;
export const schedulableConsultationListSchema = z.object({ data: z.array(schedulableConsultationSchema) });
export type SchedulableConsultationListDto = z.infer<typeof schedulableConsultationListSchema>;

// ---- Inputs -----------------------------------------------------------------------------------

const year = z
  .string()
  .regex(/^\d{4}$/, { message: 'must be a year like 2026', abort: true })
  .transform(Number)
  .refine((y) => y >= MIN_YEAR && y <= MAX_YEAR, `must be between ${MIN_YEAR} and ${MAX_YEAR}`);

/** `GET …/meetings`: a year (Berlin calendar), or `from`..`to` (inclusive calendar days), optionally one body. */
export const officeMeetingListQuerySchema = z
  .object({ year: year.optional(), from: calendarDate().optional(), to: calendarDate().optional(), organizationId: id.optional() })
  .strict()
  .superRefine((q, ctx) => {
    if (q.year !== undefined && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['year'], message: 'give either year or from/to, not both' });
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (days > 400) ctx.addIssue({ code: 'custom', path: ['to'], message: 'range must not exceed 400 days' });
    }
  });
export type OfficeMeetingListQuery = z.infer<typeof officeMeetingListQuerySchema>;

const meetingFields = {
  organizationId: id,
  name: text({ max: 300, min: 1 }),
  /** With offset; the web app converts the clerk's Berlin wall-clock time. */
  start: dateTime(),
  end: dateTime().nullable(),
  locationId: id.nullable(),
  locationText: text({ max: 500 }).nullable(),
};

function meetingRefinements(m: { start?: string; end?: string | null; locationId?: string | null; locationText?: string | null }, ctx: z.RefinementCtx) {
  if (m.start && m.end && Date.parse(m.end) < Date.parse(m.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must not be before start' });
  if (m.locationId && m.locationText) ctx.addIssue({ code: 'custom', path: ['locationText'], message: 'give either a location or a free text, not both' });
}

export const createMeetingSchema = z
  .object({
    ...meetingFields,
    end: meetingFields.end.optional(),
    locationId: meetingFields.locationId.optional(),
    locationText: meetingFields.locationText.optional(),
  })
  .strict()
  .superRefine(meetingRefinements);
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

/** PATCH: only the fields sent change; `end` is checked against the stored start too. */
export const updateMeetingSchema = z
  .object({
    organizationId: meetingFields.organizationId.optional(),
    name: meetingFields.name.optional(),
    start: meetingFields.start.optional(),
    end: meetingFields.end.optional(),
    locationId: meetingFields.locationId.optional(),
    locationText: meetingFields.locationText.optional(),
  })
  .strict()
  .superRefine(meetingRefinements);
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

export const cancelMeetingSchema = z.object({ reason: text({ max: 1000, min: 1, multiline: true }) }).strict();
export type CancelMeetingInput = z.infer<typeof cancelMeetingSchema>;

export const meetingIdQuerySchema = z.object({ meetingId: id }).strict();

const urgentReason = text({ max: 1000, multiline: true }).nullable().optional();

export const agendaItemInputSchema = z
  .object({
    /** Keeps an existing item (its files, result and id); without it the item is new. */
    id: id.optional(),
    level: z.union([z.literal(1), z.literal(2)], { message: 'must be 1 (item) or 2 (sub-item)' }),
    public: z.boolean(),
    name: text({ max: 500, min: 1 }),
    urgent: z.boolean().default(false),
    urgentReason,
    consultationId: id.nullable().optional(),
  })
  .strict();
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

/**
 * The rules of an agenda's shape, checked before anything is written: the public part comes
 * first; a sub-item follows an item of its own part; an urgent item says why; an item and a
 * consultation appear once.
 */
export const putAgendaSchema = z
  .object({ items: z.array(agendaItemInputSchema).max(MAX_AGENDA_ITEMS, `must have at most ${MAX_AGENDA_ITEMS} items`) })
  .strict()
  .superRefine((agenda, ctx) => {
    const ids = new Set<string>();
    const consultations = new Set<string>();
    agenda.items.forEach((item, i) => {
      const before = agenda.items[i - 1];
      if (item.public && before && !before.public) ctx.addIssue({ code: 'custom', path: ['items', i, 'public'], message: 'a public item must not follow a non-public one (the public part comes first)' });
      if (item.level === 2 && (!before || before.public !== item.public)) ctx.addIssue({ code: 'custom', path: ['items', i, 'level'], message: 'a sub-item must follow an item of the same part' });
      if (item.urgent && !item.urgentReason) ctx.addIssue({ code: 'custom', path: ['items', i, 'urgentReason'], message: 'an urgent item needs a reason' });
      if (item.id) {
        if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: 'appears more than once' });
        ids.add(item.id);
      }
      if (item.consultationId) {
        if (consultations.has(item.consultationId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'consultationId'], message: 'is already on this agenda' });
        consultations.add(item.consultationId);
      }
    });
  });
export type PutAgendaInput = z.infer<typeof putAgendaSchema>;

/**
 * `POST …/agenda/items`: schedules a consultation (its paper's name and publicity by default) or
 * adds a free item (`name` required), appended to the end of its part.
 */
export const addAgendaItemSchema = z
  .object({
    consultationId: id.optional(),
    name: text({ max: 500, min: 1 }).optional(),
    public: z.boolean().optional(),
    urgent: z.boolean().default(false),
    urgentReason,
  })
  .strict()
  .superRefine((item, ctx) => {
    if (!item.consultationId && !item.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for an item without a consultation' });
    if (item.urgent && !item.urgentReason) ctx.addIssue({ code: 'custom', path: ['urgentReason'], message: 'an urgent item needs a reason' });
  });
export type AddAgendaItemInput = z.infer<typeof addAgendaItemSchema>;
