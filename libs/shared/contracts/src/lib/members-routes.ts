/**
 * The zod-free part of the members' area contract (routes and limits), so that the web app's
 * shell can import them without pulling zod into its initial bundle (see ./members for the schemas).
 */

const enc = encodeURIComponent;
const me = (slug: string) => `/api/office/${enc(slug)}/me`;

export const MemberRoutes = {
  /** GET: the bodies the caller's person belongs to today (member or deputy). */
  bodies: (slug: string) => `${me(slug)}/bodies`,
  /** GET `?when=upcoming|past&cursor=`: meetings of those bodies, with the caller's absence notice state. */
  meetings: (slug: string) => `${me(slug)}/meetings`,
  /** GET `?q=&cursor=`: papers (with their files) the visibility rule lets the caller read, newest first. */
  documents: (slug: string) => `${me(slug)}/documents`,
  /** GET `?paperId=|fileId=` (the caller's own private annotations), POST a new one. */
  annotations: (slug: string) => `${me(slug)}/annotations`,
  /** GET, PATCH (If-Match: its version), DELETE one of the caller's annotations. */
  annotation: (slug: string, id: string) => `${me(slug)}/annotations/${enc(id)}`,
  /** GET: all of the caller's annotations in this authority as a JSON download. */
  annotationsExport: (slug: string) => `${me(slug)}/annotations/export`,
} as const;

export const MY_MEETINGS_WHEN = ['upcoming', 'past'] as const;
export type MyMeetingsWhen = (typeof MY_MEETINGS_WHEN)[number];

/** The caller's absence state for a meeting: a standing notice, can still give one, or neither (cancelled, over). */
export const MY_ABSENCE_STATES = ['noticed', 'open', 'closed'] as const;
export type MyAbsenceState = (typeof MY_ABSENCE_STATES)[number];

export const MAX_ANNOTATION_TEXT = 10_000;
export const MAX_DOCUMENT_QUERY = 200;
