/*
 * Paths of the structure API. Kept apart from the zod schemas of structure.ts: the web app's
 * initial bundle imports the paths (through the data-access client) and must not pull in zod.
 */

const enc = encodeURIComponent;
const office = (slug: string) => `/api/office/${enc(slug)}`;

/** Paths of the structure API under `/api/office/{tenant}`. */
export const StructureRoutes = {
  legislativeTerms: (slug: string) => `${office(slug)}/legislative-terms`,
  legislativeTerm: (slug: string, id: string) => `${office(slug)}/legislative-terms/${enc(id)}`,
  locations: (slug: string) => `${office(slug)}/locations`,
  location: (slug: string, id: string) => `${office(slug)}/locations/${enc(id)}`,
  organizations: (slug: string) => `${office(slug)}/organizations`,
  organization: (slug: string, id: string) => `${office(slug)}/organizations/${enc(id)}`,
  persons: (slug: string) => `${office(slug)}/persons`,
  person: (slug: string, id: string) => `${office(slug)}/persons/${enc(id)}`,
  memberships: (slug: string) => `${office(slug)}/memberships`,
  membership: (slug: string, id: string) => `${office(slug)}/memberships/${enc(id)}`,
  /** The person's photo (uploaded through the files API, `POST persons/{id}/photo`). */
  personPhotoContent: (slug: string, fileId: string) => `${office(slug)}/files/${enc(fileId)}/content`,
} as const;
