import { z } from 'zod';
import { cursorSchema } from './cursor';
import { calendarDate, text } from './input';
import { MAX_RESOLUTION_NOTE_LENGTH, MAX_RESPONSIBLE_DEPARTMENT_LENGTH, PUBLIC_RESOLUTION_STATUSES, RESOLUTION_STATUSES } from './resolution-routes';

/**
 * Resolution tracking (Beschlusskontrolle, issue 9): every accepted agenda item becomes a
 * resolution (a database trigger creates it) that the clerks follow up — status, responsible
 * department, due date and dated notes on its execution. Office routes are for clerks and
 * tenant admins only; the portal's paper page shows the public status (see
 * `portalPaperResolutionSchema`). Dates are `YYYY-MM-DD`, instants ISO 8601.
 */

const id = z.uuid({ message: 'must be a UUID' });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---- Responses --------------------------------------------------------------------------------

export const officeResolutionSummarySchema = z.object({
  id: z.string(),
  status: z.enum(RESOLUTION_STATUSES),
  responsibleDepartment: z.string().nullable(),
  dueDate: isoDay.nullable(),
  /** Due date before today (Berlin) while still open or in progress. */
  overdue: z.boolean(),
  /** The first day it was overdue (the day after the due date); null when not overdue. */
  overdueSince: isoDay.nullable(),
  /** Date of the latest note, if any. */
  lastNoteDate: isoDay.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  agendaItem: z.object({
    id: z.string(),
    number: z.string().nullable(),
    name: z.string(),
    public: z.boolean(),
    /** The words of the decision (Beschlusstext), as the agenda item holds them. */
    resolutionText: z.string().nullable(),
  }),
  meeting: z.object({
    id: z.string(),
    name: z.string(),
    start: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() }),
  }),
  paper: z.object({ id: z.string(), reference: z.string(), name: z.string() }).nullable(),
});
export type OfficeResolutionSummaryDto = z.infer<typeof officeResolutionSummarySchema>;

export const officeResolutionListSchema = z.object({
  data: z.array(officeResolutionSummarySchema),
  /** Null on the last page; otherwise pass it unchanged as `cursor` (with the same filters). */
  nextCursor: z.string().nullable(),
});
export type OfficeResolutionListDto = z.infer<typeof officeResolutionListSchema>;

export const resolutionNoteSchema = z.object({
  id: z.string(),
  noteDate: isoDay,
  text: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ResolutionNoteDto = z.infer<typeof resolutionNoteSchema>;

export const officeResolutionSchema = officeResolutionSummarySchema.extend({
  /** Newest first (by note date, then by when written). */
  notes: z.array(resolutionNoteSchema),
});
export type OfficeResolutionDto = z.infer<typeof officeResolutionSchema>;

/** A resolution as the portal's paper page shows it (public items of public papers in held meetings). */
export const portalPaperResolutionSchema = z.object({
  meeting: z.object({ id: z.string(), name: z.string(), start: z.string() }),
  agendaItemNumber: z.string().nullable(),
  status: z.enum(PUBLIC_RESOLUTION_STATUSES),
  resolutionText: z.string().nullable(),
});
export type PortalPaperResolution = z.infer<typeof portalPaperResolutionSchema>;

// ---- Inputs -----------------------------------------------------------------------------------

const booleanFlag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/**
 * The list's filters. Without `overdue`, newest meeting first; with `overdue=true` only the
 * overdue ones (open or in progress, due before today), the oldest due date first.
 */
export const resolutionListQuerySchema = z
  .object({
    status: z.enum(RESOLUTION_STATUSES, { message: `must be one of ${RESOLUTION_STATUSES.join(', ')}` }).optional(),
    overdue: booleanFlag.optional(),
    organizationId: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type ResolutionListQuery = z.infer<typeof resolutionListQuerySchema>;

/** What the clerk edits; at least one field. An empty department or a null clears it. */
export const updateResolutionSchema = z
  .object({
    status: z.enum(RESOLUTION_STATUSES, { message: `must be one of ${RESOLUTION_STATUSES.join(', ')}` }).optional(),
    responsibleDepartment: text({ max: MAX_RESPONSIBLE_DEPARTMENT_LENGTH }).nullable().optional(),
    dueDate: calendarDate().nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one of status, responsibleDepartment, dueDate' });
export type UpdateResolutionInput = z.infer<typeof updateResolutionSchema>;

/** A dated note on the execution; the date must not lie in the future (checked against today in Berlin). */
export const addResolutionNoteSchema = z
  .object({
    noteDate: calendarDate(),
    text: text({ max: MAX_RESOLUTION_NOTE_LENGTH, min: 1, multiline: true }),
  })
  .strict();
export type AddResolutionNoteInput = z.infer<typeof addResolutionNoteSchema>;
