import { z } from 'zod';
import { calendarDate, emailAddress, text, webUrl } from './input';
import { ORGANIZATION_TYPES } from './council';

/*
 * The council structure as the back office edits it (issue 7): legislative terms, locations,
 * organizations (council, committees, factions, other bodies), persons and their memberships.
 * Field names follow OParl 1.1 (`organizationType`, `subOrganizationOf` as `parent`,
 * `onBehalfOf`, `votingRight`, `formOfAddress`, …) so the OParl layer stays a thin mapping.
 *
 * Create bodies take every field (optional ones may be left out or null); update bodies
 * (PATCH) take any subset. Every body is strict: an unknown field is a 400 naming it. Updates
 * and deletes name the version they read in `If-Match`.
 */

/** An optional single-line text: absent, null or "" all mean "none". */
const optionalText = (max: number) =>
  text({ max })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const optionalMultiline = (max: number) =>
  text({ max, multiline: true })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const optionalDate = () => calendarDate().nullable().optional();
const optionalId = () => z.uuid('must be an id (UUID)').nullable().optional();

/** End not before start, when both are given in the same body (the service checks the stored pair). */
function datesInOrder(value: { startDate?: string | null; endDate?: string | null }, ctx: z.RefinementCtx) {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  }
}

// ---------------------------------------------------------------------------------------------
// Common parts of every answer. Answers are named `…Response` (not `…Schema`): they describe
// what the API sends, so the input rules (bounded, no control characters) do not apply to them.

const versioned = {
  /** Optimistic concurrency: send it back as `If-Match: "<version>"` to update or delete. */
  version: z.number().int(),
  createdAt: z.string(),
  modifiedAt: z.string(),
};

const organizationRef = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });
const personRef = z.object({ id: z.string(), name: z.string() });
const locationRef = z.object({ id: z.string(), description: z.string() });

// ---------------------------------------------------------------------------------------------
// Legislative terms (Wahlperioden)

const legislativeTermFields = z
  .object({
    name: text({ min: 1, max: 200 }),
    startDate: calendarDate(),
    endDate: optionalDate(),
  })
  .strict();

export const legislativeTermCreateSchema = legislativeTermFields.superRefine(datesInOrder);
export type LegislativeTermCreate = z.infer<typeof legislativeTermCreateSchema>;
export const legislativeTermUpdateSchema = legislativeTermFields.partial().strict().superRefine(datesInOrder);
export type LegislativeTermUpdate = z.infer<typeof legislativeTermUpdateSchema>;

export const legislativeTermResponse = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  ...versioned,
});
export type LegislativeTermDto = z.infer<typeof legislativeTermResponse>;

// ---------------------------------------------------------------------------------------------
// Locations (Orte)

const locationFields = z
  .object({
    /** OParl description, e.g. "Ratssaal, Rathaus Burg". */
    description: text({ min: 1, max: 300 }),
    room: optionalText(100),
    streetAddress: optionalText(200),
    postalCode: text({ max: 10 })
      .transform((v) => (v === '' ? null : v))
      .pipe(z.string().regex(/^[0-9A-Za-z -]{1,10}$/, 'must be a postal code').nullable())
      .nullable()
      .optional(),
    locality: optionalText(100),
  })
  .strict();

export const locationCreateSchema = locationFields;
export type LocationCreate = z.infer<typeof locationCreateSchema>;
export const locationUpdateSchema = locationFields.partial().strict();
export type LocationUpdate = z.infer<typeof locationUpdateSchema>;

export const locationResponse = z.object({
  id: z.string(),
  description: z.string(),
  room: z.string().nullable(),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  locality: z.string().nullable(),
  ...versioned,
});
export type LocationDto = z.infer<typeof locationResponse>;

// ---------------------------------------------------------------------------------------------
// Organizations (Gremien)

const organizationFields = z
  .object({
    name: text({ min: 1, max: 300 }),
    shortName: optionalText(50),
    organizationType: z.enum(ORGANIZATION_TYPES),
    /** OParl classification, e.g. "Ausschuss", "Fraktion", "Beirat". */
    classification: optionalText(100),
    startDate: optionalDate(),
    endDate: optionalDate(),
    website: webUrl({ max: 500 }).nullable().optional(),
    /** OParl subOrganizationOf: e.g. a sub-committee under its committee. */
    parentId: optionalId(),
    locationId: optionalId(),
  })
  .strict();

export const organizationCreateSchema = organizationFields.superRefine(datesInOrder);
export type OrganizationCreate = z.infer<typeof organizationCreateSchema>;
export const organizationUpdateSchema = organizationFields.partial().strict().superRefine(datesInOrder);
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>;

export const officeOrganizationResponse = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  organizationType: z.enum(ORGANIZATION_TYPES),
  classification: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  website: z.string().nullable(),
  parent: organizationRef.nullable(),
  location: locationRef.nullable(),
  /** Memberships that have not ended (today in Berlin). */
  currentMemberCount: z.number().int(),
  ...versioned,
});
export type OfficeOrganizationDto = z.infer<typeof officeOrganizationResponse>;

// ---------------------------------------------------------------------------------------------
// Persons (Personen)

export const PERSON_GENDERS = ['female', 'male', 'diverse'] as const;
export type PersonGender = (typeof PERSON_GENDERS)[number];

const personFields = z
  .object({
    /** "Frau", "Herr", … */
    formOfAddress: optionalText(50),
    /** Academic title, e.g. "Dr." */
    title: optionalText(50),
    givenName: text({ min: 1, max: 100 }),
    familyName: text({ min: 1, max: 100 }),
    /** Name affix, e.g. "von", "MdL". */
    affix: optionalText(50),
    gender: z.enum(PERSON_GENDERS).nullable().optional(),
    email: emailAddress().nullable().optional(),
    /** Free text: numbers come with notes such as "(mobil)" or "Durchwahl 12". */
    phone: optionalText(50),
    /** Postal address for council mail, one block (street, postcode, town). */
    address: optionalMultiline(500),
    /** OParl `life`: a short public biography. */
    life: optionalMultiline(2000),
  })
  .strict();

export const personCreateSchema = personFields;
export type PersonCreate = z.infer<typeof personCreateSchema>;
export const personUpdateSchema = personFields.partial().strict();
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

export const officePersonResponse = z.object({
  id: z.string(),
  /** Display name as OParl's `name`: title, given name, family name, affix. */
  name: z.string(),
  formOfAddress: z.string().nullable(),
  title: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  affix: z.string().nullable(),
  gender: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  life: z.string().nullable(),
  /** The photo (a public file of this person), uploaded through the files API. */
  photoFileId: z.string().nullable(),
  /** Where to load the photo (relative), or null. */
  photoUrl: z.string().nullable(),
  /** Memberships that have not ended (today in Berlin). */
  currentMemberships: z.array(z.object({ id: z.string(), organization: organizationRef, role: z.string().nullable() })),
  ...versioned,
});
export type OfficePersonDto = z.infer<typeof officePersonResponse>;

// ---------------------------------------------------------------------------------------------
// Memberships (Mitgliedschaften)

const membershipChangeable = {
  /** "Vorsitz", "Mitglied", "stellv. Mitglied", … */
  role: optionalText(100),
  votingRight: z.boolean().optional(),
  startDate: optionalDate(),
  endDate: optionalDate(),
  /** OParl onBehalfOf: the faction this person sits for (an organization of type faction). */
  onBehalfOfId: optionalId(),
  /** A deputy membership: the member of the same organization this person stands in for. */
  deputyForId: optionalId(),
};

export const membershipCreateSchema = z
  .object({ personId: z.uuid('must be an id (UUID)'), organizationId: z.uuid('must be an id (UUID)'), ...membershipChangeable })
  .strict()
  .superRefine(datesInOrder);
export type MembershipCreate = z.infer<typeof membershipCreateSchema>;
/** Person and organization are what a membership is: to change them, end it and create another. */
export const membershipUpdateSchema = z.object(membershipChangeable).strict().superRefine(datesInOrder);
export type MembershipUpdate = z.infer<typeof membershipUpdateSchema>;

export const membershipQuerySchema = z
  .object({ organizationId: z.uuid('must be an id (UUID)').optional(), personId: z.uuid('must be an id (UUID)').optional() })
  .strict();
export type MembershipQuery = z.infer<typeof membershipQuerySchema>;

export const officeMembershipResponse = z.object({
  id: z.string(),
  person: personRef,
  organization: organizationRef,
  role: z.string().nullable(),
  votingRight: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  onBehalfOf: organizationRef.nullable(),
  deputyFor: personRef.nullable(),
  ...versioned,
});
export type OfficeMembershipDto = z.infer<typeof officeMembershipResponse>;

// ---------------------------------------------------------------------------------------------
// Lists

export const legislativeTermListResponse = z.object({ data: z.array(legislativeTermResponse) });
export const locationListResponse = z.object({ data: z.array(locationResponse) });
export const officeOrganizationListResponse = z.object({ data: z.array(officeOrganizationResponse) });
export const officePersonListResponse = z.object({ data: z.array(officePersonResponse) });
export const officeMembershipListResponse = z.object({ data: z.array(officeMembershipResponse) });
