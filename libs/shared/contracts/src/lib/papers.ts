import { z } from 'zod';
import { calendarDate, MAX_YEAR, MIN_YEAR, text } from './input';
import { cursorSchema } from './cursor';
import { MEETING_STATES } from './council';

/**
 * Papers (Vorlagen), their types and numbering, and their consultation path (Beratungsfolge):
 * the contract between the API (libs/api/papers) and the web app's paper screens.
 *
 * Office routes only; the portal's public paper routes live with the portal contracts.
 * Dates are `YYYY-MM-DD`, instants ISO 8601 with offset. Every editable resource carries its
 * `version`; updates send it back as `If-Match: "<version>"` (412 with the current state when
 * someone else saved first, 428 without the header).
 */

const id = z.uuid();
const enc = encodeURIComponent;
const office = (slug: string) => `/api/office/${enc(slug)}`;

// ---------------------------------------------------------------------------------------------
// Routes

export const PaperRoutes = {
  /** GET list (all roles), POST (clerk, admin). */
  paperTypes: (slug: string) => `${office(slug)}/paper-types`,
  /** PATCH, DELETE (If-Match; clerk, admin). */
  paperType: (slug: string, typeId: string) => `${office(slug)}/paper-types/${enc(typeId)}`,
  /** GET list (query: paperListQuerySchema), POST (createPaperSchema). */
  papers: (slug: string) => `${office(slug)}/papers`,
  /** GET (ETag), PATCH (If-Match), DELETE (If-Match; soft, 409 when on an agenda). */
  paper: (slug: string, paperId: string) => `${office(slug)}/papers/${enc(paperId)}`,
  /** POST: an amendment or supplement of this paper, with its own number. */
  paperDerivatives: (slug: string, paperId: string) => `${office(slug)}/papers/${enc(paperId)}/derivatives`,
  /** PUT the whole ordered consultation path (If-Match = paper version). */
  paperConsultations: (slug: string, paperId: string) => `${office(slug)}/papers/${enc(paperId)}/consultations`,
  /** POST draft → released (If-Match). */
  paperRelease: (slug: string, paperId: string) => `${office(slug)}/papers/${enc(paperId)}/release`,
  /** POST released → withdrawn (If-Match). */
  paperWithdraw: (slug: string, paperId: string) => `${office(slug)}/papers/${enc(paperId)}/withdraw`,
} as const;

/**
 * Optional header of the creating POSTs (papers, derivatives): a fresh random key per form
 * submission (e.g. `crypto.randomUUID()` when the form opens). Sent again with the same body —
 * a double click, a retry after a lost answer — it answers with the paper created the first
 * time (header `Idempotent-Replayed: true`) instead of a second paper with the next number;
 * with another body, 409. Keys count per person for 24 hours.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

// ---------------------------------------------------------------------------------------------
// Paper types

/**
 * Placeholders of a number format: `{abbr}` the type's abbreviation, `{seq}` the running number
 * of the type in the year (zero-padded to `sequenceDigits`), `{year}` the four-digit year,
 * `{yy}` its last two digits. `{seq}` is required (it makes the number unique).
 */
export const NUMBER_FORMAT_PLACEHOLDERS = ['{abbr}', '{seq}', '{year}', '{yy}'] as const;
export const DEFAULT_NUMBER_FORMAT = '{abbr}/{seq}/{year}';
export const DEFAULT_SEQUENCE_DIGITS = 4;

/** The types a new authority starts with (created on first use, see the API's README). */
export const DEFAULT_PAPER_TYPES = [
  { name: 'Beschlussvorlage', abbreviation: 'BV' },
  { name: 'Informationsvorlage', abbreviation: 'IV' },
  { name: 'Antrag', abbreviation: 'A' },
  { name: 'Anfrage', abbreviation: 'AF' },
  { name: 'Mitteilung', abbreviation: 'M' },
] as const;

/** A reference as the format gives it: `formatPaperReference('{abbr}/{seq}/{year}', 'BV', 4, 2026, 123)` → `BV/0123/2026`. */
export function formatPaperReference(format: string, abbreviation: string, digits: number, year: number, sequence: number): string {
  const seq = String(sequence).padStart(digits, '0');
  return format
    .replaceAll('{abbr}', abbreviation)
    .replaceAll('{seq}', seq)
    .replaceAll('{year}', String(year))
    .replaceAll('{yy}', String(year % 100).padStart(2, '0'));
}

const numberFormat = text({ max: 50, min: 1 })
  .refine((f) => f.includes('{seq}'), { message: 'must contain {seq}', abort: true })
  .refine((f) => (f.match(/\{[^}]*\}/g) ?? []).every((p) => (NUMBER_FORMAT_PLACEHOLDERS as readonly string[]).includes(p)), {
    message: `may only use the placeholders ${NUMBER_FORMAT_PLACEHOLDERS.join(', ')}`,
  });

const abbreviation = text({ max: 10, min: 1 }).regex(/^[A-Za-zÄÖÜäöüß0-9-]+$/, 'may contain letters, digits and "-" only');

export const createPaperTypeSchema = z
  .object({
    name: text({ max: 100, min: 1 }),
    abbreviation,
    numberFormat: numberFormat.default(DEFAULT_NUMBER_FORMAT),
    sequenceDigits: z.number().int().min(1).max(8).default(DEFAULT_SEQUENCE_DIGITS),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type CreatePaperTypeInput = z.infer<typeof createPaperTypeSchema>;

/** PATCH: any subset. Changing the format applies to numbers given from then on; existing references stay. */
export const updatePaperTypeSchema = z
  .object({
    name: text({ max: 100, min: 1 }),
    abbreviation,
    numberFormat,
    sequenceDigits: z.number().int().min(1).max(8),
    sortOrder: z.number().int().min(0).max(10_000),
  })
  .partial()
  .strict();
export type UpdatePaperTypeInput = z.infer<typeof updatePaperTypeSchema>;

export const paperTypeSchema = z.object({
  id,
  name: z.string(),
  abbreviation: z.string(),
  numberFormat: z.string(),
  sequenceDigits: z.number().int(),
  sortOrder: z.number().int(),
  /** Papers (not deleted) of this type: a type in use cannot be deleted (409). */
  paperCount: z.number().int(),
  version: z.number().int(),
});
export type PaperTypeDto = z.infer<typeof paperTypeSchema>;

export const paperTypeListSchema = z.object({ data: z.array(paperTypeSchema) });
export type PaperTypeListDto = z.infer<typeof paperTypeListSchema>;

// ---------------------------------------------------------------------------------------------
// Papers: input

export const PAPER_STATUSES = ['draft', 'released', 'withdrawn'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

export const PAPER_DERIVATIONS = ['amendment', 'supplement'] as const;
/** `amendment` Änderungsantrag, `supplement` Ergänzung. */
export type PaperDerivation = (typeof PAPER_DERIVATIONS)[number];

const uniqueIds = (max: number) =>
  z
    .array(id)
    .max(max, `must list at most ${max}`)
    .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, 'must not list an id twice');

/** One step of the consultation path; `id` keeps an existing step (its agenda item stays linked). */
export const consultationStepSchema = z
  .object({
    id: id.optional(),
    organizationId: id,
    /** true: entscheidend (the body that decides); false: vorberatend. */
    authoritative: z.boolean(),
    /** Free text, e.g. "Kenntnisnahme", "Anhörung". */
    role: text({ max: 100 }).nullable().optional(),
  })
  .strict();
export type ConsultationStepInput = z.infer<typeof consultationStepSchema>;

export const MAX_CONSULTATION_STEPS = 30;

const consultationSteps = z
  .array(consultationStepSchema)
  .max(MAX_CONSULTATION_STEPS, `must have at most ${MAX_CONSULTATION_STEPS} steps`)
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (!s.id) return;
      const key = s.id.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'must not appear twice' });
      seen.add(key);
    });
  });

const paperFields = {
  name: text({ max: 500, min: 1 }),
  date: calendarDate(),
  /** false: nichtöffentlich (members read it per the visibility rule; never on the portal). */
  public: z.boolean(),
  responsibleDepartment: text({ max: 200 }).nullable(),
  originatorPersonIds: uniqueIds(50),
  originatorOrganizationIds: uniqueIds(50),
  /** Related papers (read both ways: the other paper lists this one too). */
  relatedPaperIds: uniqueIds(100),
  superordinatePaperId: id.nullable(),
};

/**
 * POST papers. The reference is assigned by the server (`{abbr}/{seq}/{year}` with the year of
 * `date`); a new paper is a draft unless `release` is true.
 */
export const createPaperSchema = z
  .object({
    paperTypeId: id,
    name: paperFields.name,
    date: paperFields.date,
    public: paperFields.public.default(true),
    responsibleDepartment: paperFields.responsibleDepartment.optional(),
    originatorPersonIds: paperFields.originatorPersonIds.default([]),
    originatorOrganizationIds: paperFields.originatorOrganizationIds.default([]),
    relatedPaperIds: paperFields.relatedPaperIds.default([]),
    superordinatePaperId: paperFields.superordinatePaperId.optional(),
    /** The consultation path, in order (may also be set later with PUT …/consultations). */
    consultations: consultationSteps.default([]),
    /** Release at once instead of saving a draft. */
    release: z.boolean().default(false),
  })
  .strict();
export type CreatePaperInput = z.input<typeof createPaperSchema>;

/** POST papers/:id/derivatives: the type and the public flag default to the original's. */
export const createDerivativeSchema = createPaperSchema
  .extend({
    derivation: z.enum(PAPER_DERIVATIONS),
    paperTypeId: id.optional(),
    public: paperFields.public.optional(),
  })
  .strict();
export type CreateDerivativeInput = z.input<typeof createDerivativeSchema>;

/** PATCH papers/:id: any subset. The type and reference never change. */
export const updatePaperSchema = z
  .object({
    ...paperFields,
    /** A file of this paper (upload it first); null: no main file. */
    mainFileId: id.nullable(),
  })
  .partial()
  .strict();
export type UpdatePaperInput = z.infer<typeof updatePaperSchema>;

/** PUT papers/:id/consultations. */
export const putConsultationsSchema = z.object({ consultations: consultationSteps }).strict();
export type PutConsultationsInput = z.infer<typeof putConsultationsSchema>;

/** Body of release/withdraw: none needed (an empty object or no body). */
export const paperTransitionSchema = z.object({}).strict().optional();

const queryUuid = id;
export const paperListQuerySchema = z
  .object({
    /** Paper type id. */
    type: queryUuid.optional(),
    status: z.enum(PAPER_STATUSES).optional(),
    /** An organization of the consultation path or among the originators. */
    organizationId: queryUuid.optional(),
    /** Year of the paper's date. */
    year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
    /** Words in the title or the reference (case-insensitive). */
    q: text({ max: 200 }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type PaperListQuery = z.infer<typeof paperListQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Papers: answers

/** A file as the office reads it (the same shape the files API answers). URLs are relative. */
export const paperFileSchema = z.object({
  id,
  name: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha512Checksum: z.string(),
  public: z.boolean(),
  version: z.number().int(),
  currentVersion: z.number().int(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  textAvailable: z.boolean(),
  accessUrl: z.string(),
  downloadUrl: z.string(),
});
export type PaperFileDto = z.infer<typeof paperFileSchema>;

export const paperTypeRefSchema = z.object({ id, name: z.string(), abbreviation: z.string() });

export const paperRefSchema = z.object({
  id,
  reference: z.string(),
  name: z.string(),
  status: z.enum(PAPER_STATUSES),
  public: z.boolean(),
});
export type PaperRefDto = z.infer<typeof paperRefSchema>;

export const paperDerivativeRefSchema = paperRefSchema.extend({ derivation: z.enum(PAPER_DERIVATIONS) });

const organizationRef = z.object({ id, name: z.string(), shortName: z.string().nullable() });
const personRef = z.object({ id, name: z.string() });

/** Where a consultation stands: not on any agenda yet, on the agenda of an upcoming meeting, deliberated. */
export const CONSULTATION_STATES = ['pending', 'scheduled', 'deliberated'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

/** An agenda item that deliberates a consultation, with its meeting. */
export const consultationAgendaItemSchema = z.object({
  id,
  number: z.string().nullable(),
  name: z.string(),
  public: z.boolean(),
  result: z.string().nullable(),
  meeting: z.object({
    id,
    name: z.string(),
    start: z.string(),
    meetingState: z.enum(MEETING_STATES),
    cancelled: z.boolean(),
  }),
});

export const consultationSchema = z.object({
  id,
  position: z.number().int(),
  organization: organizationRef,
  authoritative: z.boolean(),
  role: z.string().nullable(),
  state: z.enum(CONSULTATION_STATES),
  /** Oldest meeting first; more than one when it was postponed (vertagt) and scheduled again. */
  agendaItems: z.array(consultationAgendaItemSchema),
});
export type ConsultationDto = z.infer<typeof consultationSchema>;

export const paperSummarySchema = z.object({
  id,
  reference: z.string(),
  name: z.string(),
  date: z.string(),
  paperType: paperTypeRefSchema,
  status: z.enum(PAPER_STATUSES),
  public: z.boolean(),
  responsibleDepartment: z.string().nullable(),
  derivation: z.enum(PAPER_DERIVATIONS).nullable(),
  modifiedAt: z.string(),
  version: z.number().int(),
});
export type PaperSummaryDto = z.infer<typeof paperSummarySchema>;

export const paperListSchema = z.object({ data: z.array(paperSummarySchema), nextCursor: z.string().nullable() });
export type PaperListDto = z.infer<typeof paperListSchema>;

export const paperSchema = paperSummarySchema.extend({
  originatorPersons: z.array(personRef),
  originatorOrganizations: z.array(organizationRef),
  superordinatePaper: paperRefSchema.nullable(),
  subordinatePapers: z.array(paperRefSchema),
  relatedPapers: z.array(paperRefSchema),
  /** The paper this one amends or supplements (with `derivation`). */
  originalPaper: paperRefSchema.nullable(),
  /** Amendments and supplements of this paper. */
  derivatives: z.array(paperDerivativeRefSchema),
  mainFile: paperFileSchema.nullable(),
  /** The other files (Anlagen), main file excluded, in their order. */
  files: z.array(paperFileSchema),
  consultations: z.array(consultationSchema),
  /** False while the paper is on an agenda (DELETE answers 409). */
  deletable: z.boolean(),
  createdAt: z.string(),
});
export type PaperDto = z.infer<typeof paperSchema>;
