import { z } from 'zod';
import { MAX_INVITATION_MESSAGE } from './mail-routes';
import { text } from './input';
import { instant } from './response';
import { LIFECYCLE_STATES, MAX_INVITATION_DELIVERY_DAYS, MAX_NOTICE_PERIOD_DAYS, MAX_URGENT_REASON, TRANSITION_TARGETS } from './meeting-lifecycle-routes';

/**
 * The meeting's lifecycle over HTTP (issue 9): `GET …/meetings/{id}/lifecycle` and
 * `POST …/meetings/{id}/transitions` (If-Match: the meeting's version). The table of allowed
 * transitions and the notice-period rule live zod-free in ./meeting-lifecycle-rules.
 */

/** `POST …/transitions`: the target state and what that transition needs. */
export const meetingTransitionSchema = z
  .object({
    to: z.enum(TRANSITION_TARGETS, { message: `must be one of ${TRANSITION_TARGETS.join(', ')}` }),
    /** `invited` after the latest timely date: why the meeting is invited at short notice (Dringlichkeit). Audited, shown in the invitation. */
    urgentReason: text({ max: MAX_URGENT_REASON, min: 1, multiline: true }).optional(),
    /** `invited`: a note for the invitation mail. */
    message: text({ max: MAX_INVITATION_MESSAGE, multiline: true }).optional(),
    /** `cancelled`: why (sent to everyone invited). */
    reason: text({ max: 1000, min: 1, multiline: true }).optional(),
    /** `minutes_approved`: the accepted agenda item of a later meeting that approved these minutes. */
    approvedByItemId: z.uuid({ message: 'must be a UUID' }).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.to === 'cancelled' && !t.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to cancel a meeting' });
    if (t.to === 'minutes_approved' && !t.approvedByItemId) ctx.addIssue({ code: 'custom', path: ['approvedByItemId'], message: 'is required to approve the minutes' });
    if (t.urgentReason !== undefined && t.to !== 'invited') ctx.addIssue({ code: 'custom', path: ['urgentReason'], message: 'belongs to the transition to invited only' });
    if (t.message !== undefined && t.to !== 'invited') ctx.addIssue({ code: 'custom', path: ['message'], message: 'belongs to the transition to invited only' });
    if (t.reason !== undefined && t.to !== 'cancelled') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'belongs to the transition to cancelled only' });
    if (t.approvedByItemId !== undefined && t.to !== 'minutes_approved') ctx.addIssue({ code: 'custom', path: ['approvedByItemId'], message: 'belongs to the transition to minutes_approved only' });
  });
export type MeetingTransitionInput = z.infer<typeof meetingTransitionSchema>;

export const noticeInfoSchema = z.object({
  /** Full days between delivery and the meeting (Ladungsfrist), the authority's setting. */
  noticePeriodDays: z.number().int(),
  /** Days after sending an electronic invitation counts as delivered, the authority's setting. */
  invitationDeliveryDays: z.number().int(),
  /** The meeting's day in Europe/Berlin. */
  meetingDate: z.string(),
  /** The last Berlin day on which the invitation is timely (YYYY-MM-DD). */
  latestTimelyDate: z.string(),
  /** Whether an invitation sent today (Berlin) would be timely. */
  timelyNow: z.boolean(),
});
export type NoticeInfoDto = z.infer<typeof noticeInfoSchema>;

export const meetingLifecycleSchema = z.object({
  meetingId: z.string(),
  state: z.enum(LIFECYCLE_STATES),
  allowedTransitions: z.array(z.enum(LIFECYCLE_STATES)),
  /** The meeting's version (also the ETag): send it as If-Match with the next transition. */
  version: z.number().int(),
  invitedAt: instant.nullable(),
  urgentReason: z.string().nullable(),
  startedAt: instant.nullable(),
  closedAt: instant.nullable(),
  cancelledReason: z.string().nullable(),
  minutesApprovedByItemId: z.string().nullable(),
  /**
   * Agenda items of later meetings that approve these minutes ("Genehmigung der Niederschrift"),
   * oldest meeting first: the clerk picks the accepted one when approving.
   */
  approvalCandidates: z.array(
    z.object({
      itemId: z.string(),
      number: z.string().nullable(),
      name: z.string(),
      meetingId: z.string(),
      meetingName: z.string(),
      meetingStart: instant,
      /** Decided "accepted": only then can it approve the minutes. */
      accepted: z.boolean(),
    }),
  ),
  notice: noticeInfoSchema,
});
export type MeetingLifecycleDto = z.infer<typeof meetingLifecycleSchema>;

/** The authority's notice-period settings, part of `GET/PUT …/settings`. */
export const noticeSettingsSchema = z.object({
  noticePeriodDays: z.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_NOTICE_PERIOD_DAYS, `must be at most ${MAX_NOTICE_PERIOD_DAYS}`),
  invitationDeliveryDays: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(MAX_INVITATION_DELIVERY_DAYS, `must be at most ${MAX_INVITATION_DELIVERY_DAYS}`),
});
export type NoticeSettingsDto = z.infer<typeof noticeSettingsSchema>;
