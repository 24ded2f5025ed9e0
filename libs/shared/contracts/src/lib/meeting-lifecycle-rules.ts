import type { MeetingState } from './council';

/**
 * The meeting's lifecycle (issue 9, docs/adr/0016-meeting-service.md), zod-free so that the web
 * app's pages and the API share one table:
 *
 *   planned → invited → running → held → minutes_drafted → minutes_approved
 *
 * and `cancelled` from any state before `held`. A meeting is cancelled by its `cancelled` flag
 * (OParl Meeting.cancelled); its meetingState stays where it was, so the lifecycle state the API
 * reports is `cancelled` whenever the flag is set.
 */
export type LifecycleState = MeetingState | 'cancelled';

export const MEETING_TRANSITIONS: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  planned: ['invited', 'cancelled'],
  invited: ['running', 'cancelled'],
  running: ['held', 'cancelled'],
  held: ['minutes_drafted'],
  minutes_drafted: ['minutes_approved', 'held'],
  minutes_approved: [],
  cancelled: [],
};

export function lifecycleState(m: { meetingState: MeetingState; cancelled: boolean }): LifecycleState {
  return m.cancelled ? 'cancelled' : m.meetingState;
}

export function allowedTransitions(from: LifecycleState): readonly LifecycleState[] {
  return MEETING_TRANSITIONS[from];
}

/**
 * The last Berlin calendar day on which the invitation may be sent so that it is timely
 * (Ladungsfrist), counting the authority's delivery rule for electronic invitations:
 *
 * - the invitation counts as delivered `deliveryDays` days after the day it was sent;
 * - between the day of delivery and the day of the meeting lie at least `noticeDays` full days
 *   (neither the day of delivery nor the meeting's day counts).
 *
 * Example: meeting on Thursday 2026-12-17, 7 days' notice, delivered the day after sending →
 * delivered by 2026-12-09 at the latest, sent by 2026-12-08.
 *
 * `meetingDate` is the meeting's Berlin calendar date (YYYY-MM-DD).
 */
export function latestTimelyInvitationDate(meetingDate: string, noticeDays: number, deliveryDays: number): string {
  const t = Date.parse(`${meetingDate}T00:00:00Z`) - (noticeDays + 1 + deliveryDays) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether an invitation sent on the Berlin day `sendDate` is timely for a meeting on `meetingDate`. */
export function invitationIsTimely(sendDate: string, meetingDate: string, noticeDays: number, deliveryDays: number): boolean {
  return sendDate <= latestTimelyInvitationDate(meetingDate, noticeDays, deliveryDays);
}
