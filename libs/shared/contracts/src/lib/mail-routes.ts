/**
 * The zod-free part of the invitations contract (routes and limits), so that the web app's shell
 * can import them without pulling zod into its initial bundle (see ./mail for the schemas).
 */

const enc = encodeURIComponent;
const meeting = (slug: string, id: string) => `/api/office/${enc(slug)}/meetings/${enc(id)}`;

export const MailRoutes = {
  /** POST: send the invitation (or an update) of a meeting; If-Match: the meeting's version. */
  invitations: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/invitations`,
  /** GET: the invitation state and the mail records of a meeting (proof of timely invitation). */
  mails: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/mails`,
  guests: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/guests`,
  guest: (slug: string, meetingId: string, guestId: string) => `${meeting(slug, meetingId)}/guests/${enc(guestId)}`,
  /** POST/DELETE: the caller's own absence notice (a clerk names the person); GET: the caller's own state. */
  absence: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/absence`,
  /** GET: every standing absence notice of the meeting (clerks). */
  absences: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/absences`,
  myLocale: '/api/me/locale',
} as const;

/** The topic the API writes when a clerk sends, updates or (after an invitation) cancels a meeting's invitation. */
export const INVITATION_REQUESTED_TOPIC = 'meeting.invitation-requested';
/** The topic the API writes when a member (or a clerk for them) gives notice of absence. */
export const ABSENCE_NOTICED_TOPIC = 'absence.noticed';

export const INVITATION_KINDS = ['invitation', 'update', 'cancellation'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

export const MAX_INVITATION_MESSAGE = 2000;
export const MAX_ABSENCE_REASON = 1000;
export const MAX_REMINDER_DAYS = 60;
