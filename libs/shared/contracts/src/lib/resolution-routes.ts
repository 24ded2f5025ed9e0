/**
 * The zod-free part of the resolution-tracking contract (Beschlusskontrolle): routes and the
 * statuses, so the web app's shell can import them without pulling zod into its initial bundle
 * (see ./resolutions for the schemas).
 */

const enc = encodeURIComponent;
const office = (slug: string) => `/api/office/${enc(slug)}`;

export const ResolutionRoutes = {
  /** GET (clerk, admin): the list, query `resolutionListQuerySchema`. */
  list: (slug: string) => `${office(slug)}/resolutions`,
  /** GET (ETag = version) with its notes; PATCH (If-Match). */
  one: (slug: string, id: string) => `${office(slug)}/resolutions/${enc(id)}`,
  /** POST a dated note on its execution. */
  notes: (slug: string, id: string) => `${office(slug)}/resolutions/${enc(id)}/notes`,
} as const;

/** Where a resolution stands: `obsolete` (überholt/erledigt durch anderen Beschluss) is internal only. */
export const RESOLUTION_STATUSES = ['open', 'in_progress', 'done', 'obsolete'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

/** What the portal shows of a resolution: never `obsolete` (those are left out). */
export const PUBLIC_RESOLUTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type PublicResolutionStatus = (typeof PUBLIC_RESOLUTION_STATUSES)[number];

/** Statuses in which a resolution past its due date counts as overdue. */
export const PENDING_RESOLUTION_STATUSES: readonly ResolutionStatus[] = ['open', 'in_progress'];

/** Longest execution note (the column is varchar(4000)). */
export const MAX_RESOLUTION_NOTE_LENGTH = 4000;
/** Longest name of the responsible department (varchar(200)). */
export const MAX_RESPONSIBLE_DEPARTMENT_LENGTH = 200;
