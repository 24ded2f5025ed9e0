import type { LifecycleState } from './meeting-lifecycle-rules';

/**
 * The zod-free part of the lifecycle contract (routes, states, limits), so that the web app's
 * shell can import the API client without pulling zod into its initial bundle (see
 * ./meeting-lifecycle for the schemas).
 */

export const LIFECYCLE_STATES = ['planned', 'invited', 'running', 'held', 'minutes_drafted', 'minutes_approved', 'cancelled'] as const satisfies readonly LifecycleState[];
/** Where a transition may lead (every state but `planned`, which is where a meeting starts). */
export const TRANSITION_TARGETS = ['invited', 'running', 'held', 'minutes_drafted', 'minutes_approved', 'cancelled'] as const satisfies readonly LifecycleState[];
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export const MAX_URGENT_REASON = 1000;
export const MAX_NOTICE_PERIOD_DAYS = 60;
export const MAX_INVITATION_DELIVERY_DAYS = 14;

const enc = encodeURIComponent;
const meeting = (slug: string, id: string) => `/api/office/${enc(slug)}/meetings/${enc(id)}`;

export const MeetingLifecycleRoutes = {
  /** GET: the meeting's lifecycle state, the allowed transitions and the notice period. */
  lifecycle: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/lifecycle`,
  /** POST: move the meeting to another state; If-Match: the meeting's version. */
  transitions: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/transitions`,
} as const;
