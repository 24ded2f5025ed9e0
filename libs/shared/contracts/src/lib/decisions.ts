import { z } from 'zod';
import { MEETING_STATES } from './council';
import { AGENDA_RESULT_KINDS, VOTE_CHOICES, VOTE_MODES } from './decision-routes';
import { text } from './input';

/*
 * Decisions of a meeting's agenda items (Beschlüsse): the result, the resolution text, the vote
 * (counted, or named per person), conflicts of interest (Mitwirkungsverbot) and the minutes per
 * item; the meeting's signed minutes (PDF) and the item of a later meeting that approves them.
 * Routes and the fixed lists are zod-free in ./decision-routes.
 */
const id = z.uuid({ message: 'must be a UUID' });

/** Long enough for a whole resolution or a long discussion summary; far below the 1 MB body limit. */
export const MAX_DECISION_TEXT = 100_000;
/** More votes than any council has members. */
export const MAX_NAMED_VOTES = 500;

// ---- Answers ------------------------------------------------------------------------------------

export const voteCountsSchema = z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() });
export type VoteCountsDto = z.infer<typeof voteCountsSchema>;

export const decisionSchema = z.object({
  resultKind: z.enum(AGENDA_RESULT_KINDS).nullable(),
  /** The result in words (OParl AgendaItem.result). */
  result: z.string().nullable(),
  resolutionText: z.string().nullable(),
  voteMode: z.enum(VOTE_MODES).nullable(),
  counts: voteCountsSchema.nullable(),
  namedVotes: z.array(z.object({ personId: z.string(), name: z.string(), vote: z.enum(VOTE_CHOICES) })),
  conflicts: z.array(z.object({ personId: z.string(), name: z.string(), note: z.string().nullable() })),
  minutesText: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The resolution the database made of an accepted decision (Beschlusskontrolle). */
  resolutionId: z.string().nullable(),
});
export type DecisionDto = z.infer<typeof decisionSchema>;

export const decisionItemSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  number: z.string().nullable(),
  name: z.string(),
  level: z.number().int(),
  public: z.boolean(),
  /** The meeting whose minutes this item approves (Genehmigung der Niederschrift). */
  approvesMinutesOfMeetingId: z.string().nullable(),
  decision: decisionSchema,
});
export type DecisionItemDto = z.infer<typeof decisionItemSchema>;

/** A person who may vote in the meeting: a voting member of the body, or a deputy recorded present for one. */
export const eligibleVoterSchema = z.object({
  personId: z.string(),
  name: z.string(),
  role: z.enum(['member', 'deputy']),
  deputyForPersonId: z.string().nullable(),
  deputyForName: z.string().nullable(),
  /** What the attendance list says (null: not recorded). */
  attendance: z.enum(['present', 'excused', 'absent']).nullable(),
});
export type EligibleVoterDto = z.infer<typeof eligibleVoterSchema>;

export const minutesFileRefSchema = z.object({ id: z.string(), name: z.string(), fileName: z.string(), mimeType: z.string() });
export type MinutesFileRefDto = z.infer<typeof minutesFileRefSchema>;

export const approvableMeetingSchema = z.object({ id: z.string(), name: z.string(), start: z.string(), meetingState: z.enum(MEETING_STATES), approvalItemId: z.string().nullable() });
export type ApprovableMeetingDto = z.infer<typeof approvableMeetingSchema>;

export const meetingDecisionsSchema = z
  .object({
    meetingId: z.string(),
    name: z.string(),
    start: z.string(),
    organizationId: z.string(),
    meetingState: z.enum(MEETING_STATES),
    cancelled: z.boolean(),
    /** The meeting's version (If-Match of every write here). */
    version: z.number().int(),
    items: z.array(decisionItemSchema),
    eligibleVoters: z.array(eligibleVoterSchema),
    /** The signed final minutes. */
    minutesFile: minutesFileRefSchema.nullable(),
    /** The meeting's own files that can be the signed minutes (PDF). */
    minutesFileCandidates: z.array(minutesFileRefSchema),
    /** Earlier meetings of the same body whose minutes wait for approval (held or minutes drafted). */
    approvableMeetings: z.array(approvableMeetingSchema),
  })
  .meta({ id: 'MeetingDecisions' });
export type MeetingDecisionsDto = z.infer<typeof meetingDecisionsSchema>;

// ---- Inputs -------------------------------------------------------------------------------------

const count = z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(10_000, 'must be at most 10000');

export const putDecisionSchema = z
  .object({
    resultKind: z.enum(AGENDA_RESULT_KINDS).nullable(),
    result: text({ max: 200 }).nullable().optional(),
    resolutionText: text({ max: MAX_DECISION_TEXT, multiline: true }).nullable().optional(),
    voteMode: z.enum(VOTE_MODES).nullable().optional(),
    counts: z.object({ yes: count, no: count, abstain: count }).strict().nullable().optional(),
    namedVotes: z
      .array(z.object({ personId: id, vote: z.enum(VOTE_CHOICES) }).strict())
      .max(MAX_NAMED_VOTES)
      .optional(),
    conflicts: z
      .array(z.object({ personId: id, note: text({ max: 500 }).nullable().optional() }).strict())
      .max(MAX_NAMED_VOTES)
      .optional(),
    minutesText: text({ max: MAX_DECISION_TEXT, multiline: true }).nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.voteMode === 'counted' && !v.counts) ctx.addIssue({ code: 'custom', path: ['counts'], message: 'are required for a counted vote' });
    if (v.voteMode !== 'counted' && v.counts) ctx.addIssue({ code: 'custom', path: ['counts'], message: 'belong to a counted vote (voteMode "counted")' });
    if (v.voteMode !== 'named' && v.namedVotes?.length) ctx.addIssue({ code: 'custom', path: ['namedVotes'], message: 'belong to a named vote (voteMode "named")' });
    if (v.voteMode && !v.resultKind) ctx.addIssue({ code: 'custom', path: ['resultKind'], message: 'is required with a vote' });
    const seen = (list: { personId: string }[] | undefined, field: string) => {
      const ids = new Set<string>();
      list?.forEach((x, i) => {
        if (ids.has(x.personId)) ctx.addIssue({ code: 'custom', path: [field, i, 'personId'], message: 'is named twice' });
        ids.add(x.personId);
      });
    };
    seen(v.namedVotes, 'namedVotes');
    seen(v.conflicts, 'conflicts');
  });
export type PutDecisionInput = z.infer<typeof putDecisionSchema>;

export const putMinutesFileSchema = z.object({ fileId: id }).strict();
export type PutMinutesFileInput = z.infer<typeof putMinutesFileSchema>;

export const addMinutesApprovalSchema = z.object({ approvesMeetingId: id, urgentReason: text({ max: 1000, min: 1 }).optional() }).strict();
export type AddMinutesApprovalInput = z.infer<typeof addMinutesApprovalSchema>;
