import type { MeetingState, MemberVisibilitySetting, PersonDto, SupportAccessGrantDto } from '@ratsinfo/contracts';

/*
 * Translation keys chosen at run time; the marker comments let `nx run web:i18n-check` see them,
 * `labels.spec.ts` checks that they exist.
 */

/** State of a meeting in words (the portal's keys). */
export const MEETING_STATE_KEYS: Readonly<Record<MeetingState, string>> = {
  /** t(meetings.state.planned, meetings.state.invited, meetings.state.running, meetings.state.held, meetings.state.minutes_drafted, meetings.state.minutes_approved) */
  planned: 'meetings.state.planned',
  invited: 'meetings.state.invited',
  running: 'meetings.state.running',
  held: 'meetings.state.held',
  minutes_drafted: 'meetings.state.minutes_drafted',
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

/** A person of the authority as an option of the person pickers. */
export interface PersonOption {
  id: string;
  /** The name, with the bodies the person currently belongs to: "Karl Meier (Bauausschuss, Stadtrat)". */
  label: string;
  givenName: string;
  familyName: string;
}

const personCollator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The persons as options, by family name, then given name (people with the same name told apart by their bodies). */
export function personOptions(persons: readonly PersonDto[]): PersonOption[] {
  return [...persons]
    .sort((a, b) => personCollator.compare(a.familyName, b.familyName) || personCollator.compare(a.givenName, b.givenName) || personCollator.compare(a.name, b.name))
    .map((person) => {
      const bodies = [...new Set(person.memberships.map((membership) => membership.organization.name))].sort(personCollator.compare);
      const label = bodies.length > 0 ? `${person.name} (${bodies.join(', ')})` : person.name;
      return { id: person.id, label, givenName: person.givenName, familyName: person.familyName };
    });
}

/** The member visibility rule in words, with its explanation. */
export const MEMBER_VISIBILITY_KEYS: Readonly<Record<MemberVisibilitySetting, { label: string; hint: string }>> = {
  /** t(office.settings.visibility.ownBodies.label, office.settings.visibility.ownBodies.hint) */
  'own-bodies': { label: 'office.settings.visibility.ownBodies.label', hint: 'office.settings.visibility.ownBodies.hint' },
  /** t(office.settings.visibility.allBodies.label, office.settings.visibility.allBodies.hint) */
  'all-bodies': { label: 'office.settings.visibility.allBodies.label', hint: 'office.settings.visibility.allBodies.hint' },
};
