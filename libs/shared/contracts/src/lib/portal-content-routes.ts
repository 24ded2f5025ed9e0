/**
 * Paths of the portal's content routes (client and tests). Kept apart from the schemas in
 * portal-content.ts: the web app imports this, and a module without zod keeps zod out of the
 * public portal's bundles (the contracts package is free of side effects).
 */
const enc = encodeURIComponent;
const portal = (slug: string) => `/api/portal/${enc(slug)}`;

/** Paths of the portal's content routes (client and tests). */
export const PortalContentRoutes = {
  papers: (slug: string) => `${portal(slug)}/papers`,
  paper: (slug: string, id: string) => `${portal(slug)}/papers/${enc(id)}`,
  paperTypes: (slug: string) => `${portal(slug)}/paper-types`,
  organization: (slug: string, id: string) => `${portal(slug)}/organizations/${enc(id)}`,
  person: (slug: string, id: string) => `${portal(slug)}/persons/${enc(id)}`,
  /** A public file's bytes (served by the files slice); `?download=1` asks for an attachment. */
  fileContent: (slug: string, id: string) => `${portal(slug)}/files/${enc(id)}/content`,
  fileDownload: (slug: string, id: string) => `${portal(slug)}/files/${enc(id)}/content?download=1`,
} as const;
