import { z } from 'zod';

/**
 * What the content handlers record in `mail_messages.data` (a snapshot taken when the mail is
 * recorded) and the templates render. Parsed again when rendering: the record is the contract.
 */

export const INVITATION_KINDS = ['invitation', 'update', 'cancellation'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

export const meetingSnapshotSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organization: z.string(),
  /** ISO 8601 instants. */
  start: z.string(),
  end: z.string().nullable(),
  location: z.string().nullable(),
  cancelledReason: z.string().nullable(),
});
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;

export const agendaSnapshotSchema = z.object({
  /** The public part: number, title, the paper's reference (public papers only), urgency. */
  public: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      paperReference: z.string().nullable(),
      urgentReason: z.string().nullable(),
    }),
  ),
  /** The non-public part as numbers only (never titles); null for guests, who do not learn of it. */
  nonPublic: z.object({ count: z.number().int().min(0), numbers: z.array(z.string()) }).nullable(),
});
export type AgendaSnapshot = z.infer<typeof agendaSnapshotSchema>;

export const AUDIENCES = ['member', 'guest'] as const;

export const invitationDataSchema = z.object({
  kind: z.enum(INVITATION_KINDS),
  sequence: z.number().int().min(1),
  audience: z.enum(AUDIENCES),
  meeting: meetingSnapshotSchema,
  agenda: agendaSnapshotSchema,
  message: z.string().nullable(),
  /** Invited at short notice (after the notice period): the clerk's reason for the urgency. Absent in records before issue 9. */
  urgentReason: z.string().nullish(),
  /** Members: the meeting in the member area; guests: the meeting on the public portal. */
  link: z.string(),
});
export type InvitationData = z.infer<typeof invitationDataSchema>;

export const reminderDataSchema = z.object({
  audience: z.enum(AUDIENCES),
  meeting: meetingSnapshotSchema,
  agenda: agendaSnapshotSchema,
  link: z.string(),
});
export type ReminderData = z.infer<typeof reminderDataSchema>;

export const absenceDataSchema = z.object({
  noticeId: z.uuid(),
  absentName: z.string(),
  meeting: meetingSnapshotSchema,
  link: z.string(),
});
export type AbsenceData = z.infer<typeof absenceDataSchema>;

export const accessGrantedDataSchema = z.object({
  signInUrl: z.string(),
  tenantSlug: z.string(),
});
export type AccessGrantedData = z.infer<typeof accessGrantedDataSchema>;
