import type { MeetingState, SupportAccessGrantDto } from '@ratsinfo/contracts';

/*
 * Translation keys chosen at run time; the marker comments let `nx run web:i18n-check` see them,
 * `labels.spec.ts` checks that they exist.
 */

/** State of a meeting in words (the portal's keys). */
export const MEETING_STATE_KEYS: Readonly<Record<MeetingState, string>> = {
  /** t(meetings.state.planned, meetings.state.invited, meetings.state.held, meetings.state.minutes_approved) */
  planned: 'meetings.state.planned',
  invited: 'meetings.state.invited',
  held: 'meetings.state.held',
  minutes_approved: 'meetings.state.minutes_approved',
};

export type GrantState = 'active' | 'expired' | 'revoked';

/** State of a support access grant in words ("aktiv", "abgelaufen", "widerrufen"). */
export const GRANT_STATE_KEYS: Readonly<Record<GrantState, string>> = {
  /** t(office.support.state.active, office.support.state.expired, office.support.state.revoked) */
  active: 'office.support.state.active',
  expired: 'office.support.state.expired',
  revoked: 'office.support.state.revoked',
};

export function grantState(grant: SupportAccessGrantDto, now: Date): GrantState {
  if (grant.revokedAt) return 'revoked';
  return grant.active && Date.parse(grant.expiresAt) > now.getTime() ? 'active' : 'expired';
}
