/**
 * The zod-free part of the decisions contract (routes, the fixed lists, the default words of a
 * result), for the web app's pages without zod in the initial bundle; schemas in ./decisions.
 */
import type { MeetingState } from './council';

const enc = encodeURIComponent;
const meeting = (slug: string, id: string) => `/api/office/${enc(slug)}/meetings/${enc(id)}`;

export const DecisionRoutes = {
  /** GET: every item's decision, the eligible voters, the minutes file. */
  decisions: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/decisions`,
  /** PUT (If-Match): one item's decision. */
  decision: (slug: string, meetingId: string, itemId: string) => `${meeting(slug, meetingId)}/agenda-items/${enc(itemId)}/decision`,
  /** PUT `{fileId}` / DELETE (If-Match): the signed final minutes (PDF). */
  minutesFile: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/minutes-file`,
  /** POST `{approvesMeetingId}` (If-Match): adds the item approving an earlier meeting's minutes. */
  minutesApproval: (slug: string, meetingId: string) => `${meeting(slug, meetingId)}/agenda/minutes-approval`,
} as const;

export const AGENDA_RESULT_KINDS = ['accepted', 'rejected', 'referred', 'postponed', 'taken_note'] as const;
export type AgendaResultKind = (typeof AGENDA_RESULT_KINDS)[number];
export const VOTE_MODES = ['counted', 'named'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];
export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** The words of a result (OParl AgendaItem.result) when the clerk gives none: German, as printed in the minutes. */
export const RESULT_WORDS: Readonly<Record<AgendaResultKind, string>> = {
  accepted: 'angenommen',
  rejected: 'abgelehnt',
  referred: 'verwiesen',
  postponed: 'vertagt',
  taken_note: 'zur Kenntnis genommen',
};

/** States in which decisions and minutes per item are recorded: during the meeting and until the minutes are approved. */
export const DECISION_STATES: readonly MeetingState[] = ['running', 'held', 'minutes_drafted'];
/** States in which the signed minutes are attached, and in which a meeting's minutes can be put up for approval. */
export const MINUTES_STATES: readonly MeetingState[] = ['held', 'minutes_drafted'];

/** The title of the item approving a meeting's minutes: "Genehmigung der Niederschrift der Sitzung vom 12.11.2026" (Berlin date). */
export function minutesApprovalTitle(approvedMeetingStart: string | Date): string {
  const d = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(approvedMeetingStart));
  return `Genehmigung der Niederschrift der Sitzung vom ${d}`;
}
