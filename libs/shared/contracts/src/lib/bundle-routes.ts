/*
 * Paths of the meeting bundle (Sitzungsmappe) downloads. Zod-free: the web app's pages import
 * them without pulling zod into the initial bundle.
 */

export const MEETING_BUNDLE_VARIANTS = ['public', 'full'] as const;
export type MeetingBundleVariant = (typeof MEETING_BUNDLE_VARIANTS)[number];

const seg = (s: string) => encodeURIComponent(s);

export const BundleRoutes = {
  /** The public bundle on the portal (anyone). */
  portal: (t: string, meetingId: string) => `/api/portal/${seg(t)}/meetings/${seg(meetingId)}/bundle`,
  /** A bundle in the back office; `full` only for those who may read all non-public items of the meeting. */
  office: (t: string, meetingId: string, variant: MeetingBundleVariant) => `/api/office/${seg(t)}/meetings/${seg(meetingId)}/bundle?variant=${variant}`,
} as const;
