import { z } from 'zod';
import { meetingBundleInfoSchema } from './bundles';
import { ORGANIZATION_TYPES, MEETING_STATES, uuidSchema } from './council';
import { cursorSchema } from './cursor';
import { MAX_YEAR, MIN_YEAR, pathSegment, text } from './input';
import { PAPER_DERIVATIONS } from './papers';
import { portalPaperResolutionSchema } from './resolutions';
import { portalAgendaItemResultShape, portalMeetingResultShape } from './portal-meeting-results';

/**
 * What citizens read on the portal (`/api/portal/{tenant}/…`): papers, committees and factions,
 * persons, and the meeting with its items' papers and files. Only public content is described
 * here; nothing non-public, no draft and nothing deleted ever leaves the API through these
 * routes — not even as an id, a count or a link.
 */


const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string();

export const portalOrganizationRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  organizationType: z.enum(ORGANIZATION_TYPES),
});
export type PortalOrganizationRef = z.infer<typeof portalOrganizationRefSchema>;

export const portalPersonRefSchema = z.object({ id: z.string(), name: z.string() });
export type PortalPersonRef = z.infer<typeof portalPersonRefSchema>;

/** A public file: its current version's facts and where to open or download it. */
export const portalFileSchema = z.object({
  id: z.string(),
  /** The title shown, e.g. "Vorlage" or "Anlage 1 – Lageplan". */
  name: z.string(),
  /** The original file name (what a download is saved as). */
  fileName: z.string(),
  mimeType: z.string(),
  /** Bytes. */
  size: z.number().int().nonnegative(),
  sha512Checksum: z.string(),
  modifiedAt: instant,
  /** Opens the file in the browser (inline). */
  accessUrl: z.string(),
  /** Saves the file (attachment). */
  downloadUrl: z.string(),
});
export type PortalFile = z.infer<typeof portalFileSchema>;

export const portalPaperTypeSchema = z.object({ id: z.string(), name: z.string(), abbreviation: z.string() });
export type PortalPaperType = z.infer<typeof portalPaperTypeSchema>;


/** Released papers are current; withdrawn ones stay readable with that mark. Drafts never appear. */
export const PUBLIC_PAPER_STATUSES = ['released', 'withdrawn'] as const;

/** A paper as a line of a list or a link from another page. */
export const portalPaperRefSchema = z.object({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  date: isoDay,
  paperType: portalPaperTypeSchema,
  status: z.enum(PUBLIC_PAPER_STATUSES),
  /** How it derives from its original (Änderungsantrag, Ergänzung), if it does. */
  derivation: z.enum(PAPER_DERIVATIONS).nullable(),
});
export type PortalPaperRef = z.infer<typeof portalPaperRefSchema>;

export const portalPaperListSchema = z.object({
  data: z.array(portalPaperRefSchema),
  /** Null on the last page; otherwise pass it unchanged as `cursor`. */
  nextCursor: z.string().nullable(),
});
export type PortalPaperList = z.infer<typeof portalPaperListSchema>;

export const portalPaperTypeListSchema = z.object({ data: z.array(portalPaperTypeSchema) });

/** One step of the paper's consultation path, and where it was (or will be) deliberated. */
export const portalConsultationSchema = z.object({
  id: z.string(),
  /** 1-based position in the path. */
  position: z.number().int(),
  organization: portalOrganizationRefSchema,
  /** Decides (beschließend) rather than deliberating in advance. */
  authoritative: z.boolean(),
  /** "Vorberatung", "Entscheidung", "Kenntnisnahme", … */
  role: z.string().nullable(),
  /** The meeting whose public agenda holds it; null while not scheduled (or only in closed session). */
  meeting: z
    .object({ id: z.string(), name: z.string(), start: instant, cancelled: z.boolean(), meetingState: z.enum(MEETING_STATES) })
    .nullable(),
  /** The agenda item there: its number and, once recorded, the result. */
  agendaItem: z.object({ id: z.string(), number: z.string().nullable(), result: z.string().nullable() }).nullable(),
});
export type PortalConsultation = z.infer<typeof portalConsultationSchema>;

export const portalPaperSchema = portalPaperRefSchema.extend({
  responsibleDepartment: z.string().nullable(),
  originatorPersons: z.array(portalPersonRefSchema),
  originatorOrganizations: z.array(portalOrganizationRefSchema),
  /** The path in its order (Beratungsfolge). */
  consultations: z.array(portalConsultationSchema),
  mainFile: portalFileSchema.nullable(),
  auxiliaryFiles: z.array(portalFileSchema),
  /** The paper this one amends or supplements. */
  originalPaper: portalPaperRefSchema.nullable(),
  /** Amendments and supplements of this paper. */
  derivativePapers: z.array(portalPaperRefSchema),
  superordinatePaper: portalPaperRefSchema.nullable(),
  subordinatePapers: z.array(portalPaperRefSchema),
  relatedPapers: z.array(portalPaperRefSchema),
  /** Its resolutions and how far their execution is (Beschlusskontrolle): public items of meetings that were not cancelled; never `obsolete` ones. Oldest meeting first. */
  resolutions: z.array(portalPaperResolutionSchema),
  createdAt: instant,
  modifiedAt: instant,
});
export type PortalPaper = z.infer<typeof portalPaperSchema>;

const meetingSummaryShape = {
  id: z.string(),
  name: z.string(),
  start: instant,
  end: instant.nullable(),
  locationText: z.string().nullable(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  organization: z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() }),
};
export const portalMeetingSummarySchema = z.object(meetingSummaryShape);

// The older public lists, described for the OpenAPI document (their DTOs are the interfaces in council.ts).
const organizationRefShape = { id: z.string(), name: z.string(), shortName: z.string().nullable() };
export const portalOrganizationListSchema = z.object({
  data: z.array(
    z.object({ ...organizationRefShape, organizationType: z.enum(ORGANIZATION_TYPES), classification: z.string().nullable(), startDate: isoDay.nullable(), endDate: isoDay.nullable() }),
  ),
});
export const portalPersonListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      familyName: z.string(),
      givenName: z.string(),
      formOfAddress: z.string().nullable(),
      title: z.string().nullable(),
      memberships: z.array(
        z.object({ id: z.string(), organization: z.object(organizationRefShape), role: z.string().nullable(), votingRight: z.boolean(), startDate: isoDay.nullable(), endDate: isoDay.nullable() }),
      ),
    }),
  ),
});
export const portalMeetingListSchema = z.object({ data: z.array(portalMeetingSummarySchema) });

export const portalMemberSchema = z.object({
  /** The membership's id. */
  id: z.string(),
  person: portalPersonRefSchema,
  role: z.string().nullable(),
  votingRight: z.boolean(),
  startDate: isoDay.nullable(),
  endDate: isoDay.nullable(),
  /** The faction the person sits for in this body. */
  onBehalfOf: portalOrganizationRefSchema.nullable(),
  /** A deputy's principal (Stellvertretung für …). */
  deputyFor: portalPersonRefSchema.nullable(),
});
export type PortalMember = z.infer<typeof portalMemberSchema>;

export const portalLegislativeTermSchema = z.object({ id: z.string(), name: z.string(), startDate: isoDay, endDate: isoDay.nullable() });

export const portalLocationSchema = z.object({
  description: z.string(),
  room: z.string().nullable(),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  locality: z.string().nullable(),
});

/** How many meetings the organization page lists on each side of today. */
export const ORGANIZATION_PAGE_MEETINGS = 20;

export const portalOrganizationSchema = portalOrganizationRefSchema.extend({
  classification: z.string().nullable(),
  startDate: isoDay.nullable(),
  endDate: isoDay.nullable(),
  website: z.string().nullable(),
  parent: portalOrganizationRefSchema.nullable(),
  subOrganizations: z.array(portalOrganizationRefSchema),
  location: portalLocationSchema.nullable(),
  /** The legislative term of today (Wahlperiode), if the authority keeps them. */
  currentTerm: portalLegislativeTermSchema.nullable(),
  /** Current members (memberships that have not ended before today), chairs first. */
  members: z.array(portalMemberSchema),
  /** From today on, soonest first (at most ORGANIZATION_PAGE_MEETINGS). */
  upcomingMeetings: z.array(portalMeetingSummarySchema),
  /** Before today, latest first (at most ORGANIZATION_PAGE_MEETINGS; the archive has all). */
  pastMeetings: z.array(portalMeetingSummarySchema),
});
export type PortalOrganization = z.infer<typeof portalOrganizationSchema>;

export const portalPersonMembershipSchema = z.object({
  id: z.string(),
  organization: portalOrganizationRefSchema,
  role: z.string().nullable(),
  votingRight: z.boolean(),
  startDate: isoDay.nullable(),
  endDate: isoDay.nullable(),
  onBehalfOf: portalOrganizationRefSchema.nullable(),
  deputyFor: portalPersonRefSchema.nullable(),
  /** Not ended before today. */
  current: z.boolean(),
});
export type PortalPersonMembership = z.infer<typeof portalPersonMembershipSchema>;

export const portalPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  formOfAddress: z.string().nullable(),
  title: z.string().nullable(),
  affix: z.string().nullable(),
  /** A short public biography. */
  life: z.string().nullable(),
  photo: portalFileSchema.nullable(),
  /** Current memberships first, then former ones, each by organization name. */
  memberships: z.array(portalPersonMembershipSchema),
  /** Public papers the person originated (Anträge, Anfragen), newest first, at most 50. */
  papers: z.array(portalPaperRefSchema),
});
export type PortalPerson = z.infer<typeof portalPersonSchema>;

/** A public agenda item with the paper it deliberates (when that is public) and its public files. */
export const portalAgendaItemSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  number: z.string().nullable(),
  name: z.string(),
  result: z.string().nullable(),
  level: z.number().int(),
  urgent: z.boolean(),
  paper: z.object({ id: z.string(), reference: z.string(), name: z.string() }).nullable(),
  /** The item's own public files, then its paper's. */
  files: z.array(portalFileSchema),
  ...portalAgendaItemResultShape,
});
export type PortalAgendaItem = z.infer<typeof portalAgendaItemSchema>;

export const portalMeetingDetailSchema = z.object({
  ...meetingSummaryShape,
  cancelledReason: z.string().nullable(),
  agendaItems: z.array(portalAgendaItemSchema),
  /** The meeting's own public files (invitation, minutes). */
  files: z.array(portalFileSchema),
  /** The public bundle (Sitzungsmappe); the full one is never named here. */
  bundle: meetingBundleInfoSchema,
  ...portalMeetingResultShape,
});
export type PortalMeetingDetail = z.infer<typeof portalMeetingDetailSchema>;

// ---- input -----------------------------------------------------------------------------------

export const portalPaperParamsSchema = z.object({ tenant: pathSegment(), paperId: uuidSchema }).strict();
export const portalOrganizationParamsSchema = z.object({ tenant: pathSegment(), organizationId: uuidSchema }).strict();
export const portalPersonParamsSchema = z.object({ tenant: pathSegment(), personId: uuidSchema }).strict();

export const PORTAL_PAPER_PAGE_SIZE = 20;

/**
 * `GET /api/portal/{tenant}/papers`: newest first (by the paper's date); `q` matches every word
 * in the title or the reference, `type` is a paper type's id, `year` the year of the date.
 */
export const portalPaperQuerySchema = z
  .object({
    q: text({ max: 200 }).optional(),
    type: uuidSchema.optional(),
    year: z.coerce.number({ message: 'must be a year' }).int('must be a year').min(MIN_YEAR, `must be between ${MIN_YEAR} and ${MAX_YEAR}`).max(MAX_YEAR, `must be between ${MIN_YEAR} and ${MAX_YEAR}`).optional(),
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(PORTAL_PAPER_PAGE_SIZE),
  })
  .strict();
export type PortalPaperQuery = z.infer<typeof portalPaperQuerySchema>;
/** The query as a client writes it (before parsing): plain values. */
export interface PortalPaperFilter {
  q?: string;
  type?: string;
  year?: number;
  cursor?: string;
  limit?: number;
}
