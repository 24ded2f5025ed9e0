import { z } from 'zod';
import { ATTENDANCE_ROLES, ATTENDANCE_STATUSES } from './attendance';
import { AGENDA_RESULT_KINDS, VOTE_CHOICES, VOTE_MODES } from './decision-routes';

/**
 * What the portal shows of a held meeting (states in PORTAL_RESULT_MEETING_STATES): per PUBLIC
 * agenda item its result, vote counts, named votes and the persons who declared a conflict of
 * interest; and the meeting's attendance. Non-public items never carry any of it (they are not
 * in the portal's meeting at all). These are additive, optional fields of the portal meeting
 * (portal-content.ts): absent for meetings that have not been held.
 */

/** A meeting in these states shows its results on the portal. */
export const PORTAL_RESULT_MEETING_STATES = ['held', 'minutes_drafted', 'minutes_approved'] as const;
// the portal's names for the lists of the meeting service (one source: decision-routes.ts, attendance.ts)
export const PORTAL_RESULT_KINDS = AGENDA_RESULT_KINDS;
export type PortalResultKind = (typeof PORTAL_RESULT_KINDS)[number];
export const PORTAL_VOTE_CHOICES = VOTE_CHOICES;
export type PortalVoteChoice = (typeof PORTAL_VOTE_CHOICES)[number];
export const PORTAL_ATTENDANCE_STATUSES = ATTENDANCE_STATUSES;
export type PortalAttendanceStatus = (typeof PORTAL_ATTENDANCE_STATUSES)[number];
export const PORTAL_ATTENDANCE_ROLES = ATTENDANCE_ROLES;
export type PortalAttendanceRole = (typeof PORTAL_ATTENDANCE_ROLES)[number];

const personRef = z.object({ id: z.string(), name: z.string() });
const count = z.number().int().nonnegative();

/** The counted result of a vote (for a named vote: the named votes counted). */
export const portalVotesSchema = z.object({ mode: z.enum(VOTE_MODES), yes: count, no: count, abstain: count });
export type PortalVotes = z.infer<typeof portalVotesSchema>;

export const portalNamedVoteSchema = z.object({ person: personRef, vote: z.enum(PORTAL_VOTE_CHOICES) });
export type PortalNamedVote = z.infer<typeof portalNamedVoteSchema>;

/** Fields of a public agenda item of a held meeting (spread into portalAgendaItemSchema). */
export const portalAgendaItemResultShape = {
  /** The kind of the result (the words are `result`); null when the item had no decision. */
  resultKind: z.enum(PORTAL_RESULT_KINDS).nullable().optional(),
  votes: portalVotesSchema.nullable().optional(),
  /** Name → vote, by family name (only for a named vote). */
  namedVotes: z.array(portalNamedVoteSchema).optional(),
  /** Persons who declared a conflict of interest and took no part (Mitwirkungsverbot). */
  conflictsOfInterest: z.array(personRef).optional(),
};

/** One line of the attendance list (never the reason of an absence). */
export const portalAttendanceSchema = z.object({
  person: personRef,
  status: z.enum(PORTAL_ATTENDANCE_STATUSES),
  role: z.enum(PORTAL_ATTENDANCE_ROLES),
  /** The member a deputy stood in for. */
  deputyFor: personRef.nullable(),
  /** Came late / left early (present only). */
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export type PortalAttendance = z.infer<typeof portalAttendanceSchema>;

/** Fields of the portal meeting when it was held (spread into portalMeetingDetailSchema). */
export const portalMeetingResultShape = {
  /** Members first, then deputies, then guests; each by family name. */
  attendance: z.array(portalAttendanceSchema).optional(),
};
