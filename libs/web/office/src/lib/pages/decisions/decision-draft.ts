import { type AgendaResultKind, type DecisionDto, type EligibleVoterDto, type PutDecisionInput, RESULT_WORDS, type VoteChoice, type VoteMode } from '@ratsinfo/contracts';

/** What the clerk types into one item's form: texts as typed, counts as typed (checked before sending). */
export interface DecisionDraft {
  resultKind: AgendaResultKind | '';
  result: string;
  resolutionText: string;
  voteMode: VoteMode | '';
  counts: { yes: string; no: string; abstain: string };
  /** Per eligible person: their named vote ('' = none recorded). */
  votes: Readonly<Record<string, VoteChoice | ''>>;
  /** Per eligible person: a declared conflict of interest (Mitwirkungsverbot) and its note. */
  conflicts: Readonly<Record<string, { declared: boolean; note: string }>>;
  minutesText: string;
}

/**
 * A problem of the draft: the form field (suffix of its id) and the translation key of the message.
 *
 * t(decisions.errors.resultForVote, decisions.errors.countNumber, decisions.errors.countTotal, decisions.errors.noVote)
 * t(decisions.errors.notEligible, decisions.errors.countServer, decisions.errors.field)
 */
export interface DraftProblem {
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

/** The saved decision as a draft. The default words of its kind show as empty, so that choosing another kind does not keep stale words. */
export function draftOf(d: DecisionDto): DecisionDraft {
  return {
    resultKind: d.resultKind ?? '',
    result: d.result && !(d.resultKind && d.result === RESULT_WORDS[d.resultKind]) ? d.result : '',
    resolutionText: d.resolutionText ?? '',
    voteMode: d.voteMode ?? '',
    counts: d.voteMode === 'counted' && d.counts ? { yes: String(d.counts.yes), no: String(d.counts.no), abstain: String(d.counts.abstain) } : { yes: '', no: '', abstain: '' },
    votes: Object.fromEntries(d.namedVotes.map((v) => [v.personId, v.vote])),
    conflicts: Object.fromEntries(d.conflicts.map((c) => [c.personId, { declared: true, note: c.note ?? '' }])),
    minutesText: d.minutesText ?? '',
  };
}

export const isConflicted = (draft: DecisionDraft, personId: string): boolean => draft.conflicts[personId]?.declared === true;

/** How many may vote on the item: the eligible persons without those with a conflict of interest. */
export function votersLeft(draft: DecisionDraft, voters: readonly EligibleVoterDto[]): number {
  return voters.filter((v) => !isConflicted(draft, v.personId)).length;
}

const COUNT = /^\d{1,5}$/;

/** The named votes of the draft as counts (what the API will store). */
export function namedCounts(draft: DecisionDraft, voters: readonly EligibleVoterDto[]): { yes: number; no: number; abstain: number } {
  const counts = { yes: 0, no: 0, abstain: 0 };
  for (const v of voters) {
    const vote = draft.votes[v.personId];
    if (vote && !isConflicted(draft, v.personId)) counts[vote] += 1;
  }
  return counts;
}

/** The checks the API makes too, before sending: a vote needs a result; counts are whole numbers and not more than the voters. */
export function checkDraft(draft: DecisionDraft, voters: readonly EligibleVoterDto[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.voteMode && !draft.resultKind) problems.push({ field: 'result-kind', key: 'decisions.errors.resultForVote' });
  if (draft.voteMode === 'counted') {
    const keys = ['yes', 'no', 'abstain'] as const;
    for (const k of keys) if (!COUNT.test(draft.counts[k].trim())) problems.push({ field: `count-${k}`, key: 'decisions.errors.countNumber' });
    if (problems.length === 0) {
      const total = keys.reduce((sum, k) => sum + Number(draft.counts[k].trim()), 0);
      const max = votersLeft(draft, voters);
      if (total > max) problems.push({ field: 'count-yes', key: 'decisions.errors.countTotal', params: { total, max } });
    }
  }
  return problems;
}

/** The body of `PUT …/decision` for the draft: conflicted persons never carry a vote. */
export function toInput(draft: DecisionDraft, voters: readonly EligibleVoterDto[]): PutDecisionInput {
  const conflicts = voters.filter((v) => isConflicted(draft, v.personId)).map((v) => ({ personId: v.personId, note: draft.conflicts[v.personId]?.note.trim() || null }));
  const input: PutDecisionInput = {
    resultKind: draft.resultKind || null,
    result: draft.result.trim() || null,
    resolutionText: draft.resolutionText.trim() || null,
    voteMode: draft.voteMode || null,
    conflicts,
    minutesText: draft.minutesText.trim() || null,
  };
  if (draft.voteMode === 'counted') input.counts = { yes: Number(draft.counts.yes.trim()), no: Number(draft.counts.no.trim()), abstain: Number(draft.counts.abstain.trim()) };
  if (draft.voteMode === 'named')
    input.namedVotes = voters.flatMap((v) => {
      const vote = draft.votes[v.personId];
      return vote && !isConflicted(draft, v.personId) ? [{ personId: v.personId, vote }] : [];
    });
  return input;
}

/**
 * The API's invalid fields (`counts`, `namedVotes.2.personId`, `resolutionText`) as problems of
 * the form: a person's vote or conflict by the index into the body that was sent.
 */
export function problemsOfApi(errors: readonly { name: string; reason: string }[], sent: PutDecisionInput, voters: readonly EligibleVoterDto[]): DraftProblem[] {
  const nameOf = (personId: string | undefined) => voters.find((v) => v.personId === personId)?.name ?? personId ?? '';
  return errors.map((e): DraftProblem => {
    const vote = /^namedVotes\.(\d+)\.personId$/.exec(e.name);
    if (vote) {
      const personId = sent.namedVotes?.[Number(vote[1])]?.personId;
      return { field: `vote-${personId}`, key: 'decisions.errors.noVote', params: { name: nameOf(personId) } };
    }
    const conflict = /^conflicts\.(\d+)\.personId$/.exec(e.name);
    if (conflict) {
      const personId = sent.conflicts?.[Number(conflict[1])]?.personId;
      return { field: `conflict-${personId}`, key: 'decisions.errors.notEligible', params: { name: nameOf(personId) } };
    }
    if (e.name === 'counts' || e.name.startsWith('counts.')) return { field: 'count-yes', key: 'decisions.errors.countServer', params: { reason: e.reason } };
    const field = { resultKind: 'result-kind', result: 'result', resolutionText: 'resolution', minutesText: 'minutes', voteMode: 'mode-none' }[e.name] ?? 'result-kind';
    return { field, key: 'decisions.errors.field', params: { reason: e.reason } };
  });
}
