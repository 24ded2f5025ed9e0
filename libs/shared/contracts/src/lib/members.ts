import { z } from 'zod';
import { cursorSchema } from './cursor';
import { text } from './input';
import { MAX_ANNOTATION_TEXT, MAX_DOCUMENT_QUERY, MY_ABSENCE_STATES, MY_MEETINGS_WHEN } from './members-routes';
import { calendarDateOut, instant, listOf, pageOf } from './response';

/**
 * The members' area (`/api/office/:tenant/me/…`): what the signed-in council member sits in,
 * their meetings and documents, and their private annotations. Everything here is the caller's
 * own: their person through their account, their annotations by row-level security.
 */

const uuid = z.uuid({ message: 'must be a UUID' });

// ---- Bodies ---------------------------------------------------------------------------------------

export const myBodySchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  organizationType: z.enum(['council', 'committee', 'faction', 'other']),
  /** The membership's role as recorded ("Mitglied", "Vorsitzender", …). */
  role: z.string().nullable(),
  votingRight: z.boolean(),
  /** A deputy membership: whom the caller stands in for. */
  deputyFor: z.object({ personId: z.string(), name: z.string() }).nullable(),
  since: calendarDateOut.nullable(),
  until: calendarDateOut.nullable(),
});
export type MyBodyDto = z.infer<typeof myBodySchema>;
export const myBodyListSchema = listOf(myBodySchema);
export type MyBodyListDto = z.infer<typeof myBodyListSchema>;

// ---- Meetings -------------------------------------------------------------------------------------

export const myMeetingsQuerySchema = z
  .object({
    when: z.enum(MY_MEETINGS_WHEN, { message: 'must be upcoming or past' }).default('upcoming'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type MyMeetingsQuery = z.infer<typeof myMeetingsQuerySchema>;

export const myMeetingSchema = z.object({
  id: z.string(),
  name: z.string(),
  start: instant,
  end: instant.nullable(),
  locationText: z.string().nullable(),
  meetingState: z.string(),
  cancelled: z.boolean(),
  organization: z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() }),
  /** The caller's absence notice: standing, still possible, or neither (cancelled or over). */
  absence: z.object({ state: z.enum(MY_ABSENCE_STATES), noticedAt: instant.nullable() }),
  /** Agenda items and files (of the meeting and its items) the caller may read. */
  itemCount: z.number().int(),
  fileCount: z.number().int(),
});
export type MyMeetingDto = z.infer<typeof myMeetingSchema>;
export const myMeetingPageSchema = pageOf(myMeetingSchema);
export type MyMeetingPageDto = z.infer<typeof myMeetingPageSchema>;

// ---- Documents ------------------------------------------------------------------------------------

export const myDocumentsQuerySchema = z
  .object({
    /** Words in the title or reference, or a full-text match. */
    q: text({ max: MAX_DOCUMENT_QUERY }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type MyDocumentsQuery = z.infer<typeof myDocumentsQuerySchema>;

export const myDocumentFileSchema = z.object({ id: z.string(), name: z.string(), public: z.boolean(), mimeType: z.string().nullable(), size: z.number().int().nullable() });
export type MyDocumentFileDto = z.infer<typeof myDocumentFileSchema>;

export const myDocumentSchema = z.object({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  date: calendarDateOut,
  status: z.string(),
  public: z.boolean(),
  paperType: z.string(),
  files: z.array(myDocumentFileSchema),
  /** How many private annotations the caller has on the paper and its files. */
  annotationCount: z.number().int(),
});
export type MyDocumentDto = z.infer<typeof myDocumentSchema>;
export const myDocumentPageSchema = pageOf(myDocumentSchema);
export type MyDocumentPageDto = z.infer<typeof myDocumentPageSchema>;

// ---- Annotations ----------------------------------------------------------------------------------

const annotationText = text({ max: MAX_ANNOTATION_TEXT, min: 1, multiline: true });

export const annotationListQuerySchema = z
  .object({ paperId: uuid.optional(), fileId: uuid.optional() })
  .strict()
  .superRefine((q, ctx) => {
    if (q.paperId && q.fileId) ctx.addIssue({ code: 'custom', path: ['fileId'], message: 'name either paperId or fileId, not both' });
  });
export type AnnotationListQuery = z.infer<typeof annotationListQuerySchema>;

export const createAnnotationSchema = z
  .object({ paperId: uuid.optional(), fileId: uuid.optional(), text: annotationText })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.paperId === !b.fileId) ctx.addIssue({ code: 'custom', path: [b.paperId ? 'fileId' : 'paperId'], message: 'name exactly one of paperId and fileId' });
  });
export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;

export const updateAnnotationSchema = z.object({ text: annotationText }).strict();
export type UpdateAnnotationInput = z.infer<typeof updateAnnotationSchema>;

export const annotationSchema = z.object({
  id: z.string(),
  target: z.object({ kind: z.enum(['paper', 'file']), id: z.string(), title: z.string(), paperId: z.string().nullable() }),
  text: z.string(),
  version: z.number().int(),
  createdAt: instant,
  modifiedAt: instant,
});
export type AnnotationDto = z.infer<typeof annotationSchema>;
export const annotationListSchema = listOf(annotationSchema);
export type AnnotationListDto = z.infer<typeof annotationListSchema>;

/** The download of all of the caller's annotations in one authority. */
export const annotationExportSchema = z.object({
  format: z.literal('ratsinfo-annotations'),
  version: z.literal(1),
  tenant: z.object({ slug: z.string(), name: z.string() }),
  account: z.object({ displayName: z.string() }),
  exportedAt: instant,
  data: z.array(annotationSchema),
});
export type AnnotationExportDto = z.infer<typeof annotationExportSchema>;
