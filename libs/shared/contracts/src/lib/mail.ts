import { z } from 'zod';
import { emailAddress, text } from './input';
import { instant } from './response';
import { INVITATION_KINDS, MAX_ABSENCE_REASON, MAX_INVITATION_MESSAGE, MAX_REMINDER_DAYS } from './mail-routes';

/**
 * Invitations, guests, absence notices and the authority's mail settings (issue 8). The API
 * records the request (an outbox event) in the clerk's transaction; the worker turns it into mail
 * records and sends them. Inputs are strict (unknown fields → 400 naming them).
 */

const id = z.uuid({ message: 'must be a UUID' });

// ---- Invitations --------------------------------------------------------------------------------

/** `POST …/meetings/{id}/invitations` (If-Match: the meeting's version). A cancellation goes through `…/cancel`. */
export const sendInvitationSchema = z
  .object({
    kind: z.enum(['invitation', 'update'], { message: "must be 'invitation' or 'update'" }),
    message: text({ max: MAX_INVITATION_MESSAGE, multiline: true }).optional(),
  })
  .strict();
export type SendInvitationInput = z.infer<typeof sendInvitationSchema>;

export const invitationRequestedSchema = z.object({
  /** The iCal SEQUENCE the mails of this request carry. */
  sequence: z.number().int(),
  invitedAt: instant,
  /** The meeting's new version (also the ETag). */
  version: z.number().int(),
});
export type InvitationRequestedDto = z.infer<typeof invitationRequestedSchema>;

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const meetingMailSchema = z.object({
  id: z.string(),
  recipientName: z.string().nullable(),
  recipientEmail: z.string(),
  template: z.string(),
  /** For `meeting-invitation` mails: which of the meeting's mails it is (the record's data.kind); else null. */
  kind: z.enum(['invitation', 'update', 'cancellation']).nullable(),
  /** The iCal SEQUENCE of the invitation this mail belongs to (null for mails without one). */
  sequence: z.number().int().nullable(),
  status: z.enum(MAIL_STATUSES),
  /** When the SMTP server accepted the mail: the proof of a timely invitation. */
  acceptedAt: instant.nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
});
export type MeetingMailDto = z.infer<typeof meetingMailSchema>;

/** The invitation state of a meeting and its mail records, newest sequence first. */
export const meetingMailListSchema = z.object({
  meetingId: z.string(),
  version: z.number().int(),
  cancelled: z.boolean(),
  /** 0 = never invited. */
  sequence: z.number().int(),
  invitedAt: instant.nullable(),
  /** Requests written to the outbox that the worker has not yet turned into mails. */
  pendingRequests: z.number().int(),
  data: z.array(meetingMailSchema),
});
export type MeetingMailListDto = z.infer<typeof meetingMailListSchema>;

export const invitationKindSchema = z.enum(INVITATION_KINDS);

/** The payload of `meeting.invitation-requested`, exactly. */
export const invitationRequestedPayloadSchema = z
  .object({ meetingId: z.uuid(), kind: invitationKindSchema, sequence: z.number().int().min(1), message: text({ max: MAX_INVITATION_MESSAGE, multiline: true }).optional() })
  .strict();
export type InvitationRequestedPayload = z.infer<typeof invitationRequestedPayloadSchema>;

// ---- Guests ---------------------------------------------------------------------------------------

export const addGuestSchema = z.object({ name: text({ max: 200, min: 1 }), email: emailAddress() }).strict();
export type AddGuestInput = z.infer<typeof addGuestSchema>;

export const meetingGuestSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), createdAt: instant });
export type MeetingGuestDto = z.infer<typeof meetingGuestSchema>;
export const meetingGuestListSchema = z.object({ data: z.array(meetingGuestSchema) });
export type MeetingGuestListDto = z.infer<typeof meetingGuestListSchema>;

// ---- Absence ------------------------------------------------------------------------------------

/** `POST …/meetings/{id}/absence`: a member for themselves; a clerk names the person. */
export const noticeAbsenceSchema = z
  .object({ personId: id.optional(), reason: text({ max: MAX_ABSENCE_REASON, multiline: true }).optional() })
  .strict();
export type NoticeAbsenceInput = z.infer<typeof noticeAbsenceSchema>;

/** `DELETE …/meetings/{id}/absence[?personId=]`: withdraws the standing notice. */
export const absenceQuerySchema = z.object({ personId: id.optional() }).strict();
export type AbsenceQuery = z.infer<typeof absenceQuerySchema>;

export const absenceNoticeSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: instant,
});
export type AbsenceNoticeDto = z.infer<typeof absenceNoticeSchema>;
export const absenceNoticeListSchema = z.object({ data: z.array(absenceNoticeSchema) });
export type AbsenceNoticeListDto = z.infer<typeof absenceNoticeListSchema>;

/** The caller's own state: may they give notice (a current member or deputy of the body), and their standing notice. */
export const myAbsenceSchema = z.object({ eligible: z.boolean(), notice: absenceNoticeSchema.nullable() });
export type MyAbsenceDto = z.infer<typeof myAbsenceSchema>;

// ---- Mail settings --------------------------------------------------------------------------------

/**
 * A header value: one line (text() refuses CR, LF and every other control, so no header
 * injection), bounded. An address is checked as an address on top.
 */
const headerAddress = emailAddress();

export const mailSettingsSchema = z.object({
  mailFromName: text({ max: 200 }).nullable(),
  mailFromAddress: headerAddress.nullable(),
  mailReplyTo: headerAddress.nullable(),
  reminderDaysBefore: z.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_REMINDER_DAYS, `must be at most ${MAX_REMINDER_DAYS}`),
});
export type MailSettingsDto = z.infer<typeof mailSettingsSchema>;

// ---- Locale -------------------------------------------------------------------------------------

export const myLocaleSchema = z.object({ locale: z.enum(['de', 'en'], { message: "must be 'de' or 'en'" }) }).strict();
export type MyLocaleDto = z.infer<typeof myLocaleSchema>;
