import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AGENDA_RESULT_KINDS,
  type AgendaResultKind,
  type DecisionItemDto,
  type EligibleVoterDto,
  type MeetingDecisionsDto,
  RESULT_WORDS,
  VOTE_CHOICES,
  type VoteChoice,
  type VoteMode,
} from '@ratsinfo/contracts';
import { isApiError, staleCurrent } from '@ratsinfo/web-data-access';
import { Alert, ErrorSummary, type FormErrorItem } from '@ratsinfo/web-ui';
import { checkDraft, type DecisionDraft, draftOf, type DraftProblem, isConflicted, namedCounts, problemsOfApi, toInput, votersLeft } from './decision-draft';
import { DecisionsApi } from './decisions-api';

/** t(decisions.result.accepted, decisions.result.rejected, decisions.result.referred, decisions.result.postponed, decisions.result.taken_note) */
export const RESULT_KEYS: Readonly<Record<AgendaResultKind, string>> = {
  accepted: 'decisions.result.accepted',
  rejected: 'decisions.result.rejected',
  referred: 'decisions.result.referred',
  postponed: 'decisions.result.postponed',
  taken_note: 'decisions.result.taken_note',
};
/** t(decisions.vote.yes, decisions.vote.no, decisions.vote.abstain) */
const VOTE_KEYS: Readonly<Record<VoteChoice, string>> = { yes: 'decisions.vote.yes', no: 'decisions.vote.no', abstain: 'decisions.vote.abstain' };

/**
 * One agenda item's decision: the result (a fixed kind and its words), the resolution text, the
 * vote (none, counted, or named per eligible person), conflicts of interest (a person who declares
 * one is taken out of the vote), and the item's minutes. Saved on its own with the meeting's
 * version; when someone else saved in between (412) the clerk's input stays and the saved state
 * is shown beside it, to take over or to save over.
 */
@Component({
  selector: 'ri-decision-item-form',
  imports: [TranslocoPipe, Alert, ErrorSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decision-item-form.html',
  styleUrl: './decisions.css',
})
export class DecisionItemForm implements OnInit {
  private readonly api = inject(DecisionsApi);

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();
  readonly item = input.required<DecisionItemDto>();
  readonly voters = input.required<readonly EligibleVoterDto[]>();
  /** The meeting's version (If-Match). */
  readonly version = input.required<number>();
  /** Whether decisions can be recorded in the meeting's state. */
  readonly editable = input(true);

  /** The record after a save, or as it is now after a stale save. */
  readonly saved = output<MeetingDecisionsDto>();

  protected readonly resultKinds = AGENDA_RESULT_KINDS;
  protected readonly resultKeys = RESULT_KEYS;
  protected readonly resultWords = RESULT_WORDS;
  protected readonly voteChoices = VOTE_CHOICES;
  protected readonly voteKeys = VOTE_KEYS;

  protected readonly draft = signal<DecisionDraft>(draftOf({ resultKind: null, result: null, resolutionText: null, voteMode: null, counts: null, namedVotes: [], conflicts: [], minutesText: null, decidedAt: null, resolutionId: null }));
  protected readonly problems = signal<readonly DraftProblem[]>([]);
  protected readonly focusKey = signal(0);
  protected readonly saving = signal(false);
  /** The live region's message (translation key). */
  protected readonly status = signal<string>('');
  protected readonly failure = signal<string | null>(null);
  /** Someone else saved this item in between: their decision, shown beside the clerk's input. */
  protected readonly staleItem = signal<DecisionItemDto | null>(null);

  /** The form opens by itself where nothing is recorded yet and while the meeting runs; otherwise one click away. */
  readonly openInitially = input(false);
  protected readonly startOpen = signal(false);
  protected readonly conflictsOpen = signal(false);

  protected readonly idPrefix = computed(() => `decision-${this.item().id}`);
  /** How many declared a conflict of interest in the draft. */
  protected readonly declared = computed(() => this.voters().filter((v) => isConflicted(this.draft(), v.personId)).length);
  protected readonly left = computed(() => votersLeft(this.draft(), this.voters()));
  protected readonly named = computed(() => namedCounts(this.draft(), this.voters()));
  protected readonly errorItems = computed<FormErrorItem[]>(() => this.problems().map((p) => ({ fieldId: this.fieldId(p.field), messageKey: p.key, params: p.params })));
  protected readonly defaultWords = computed(() => {
    const kind = this.draft().resultKind;
    return kind ? RESULT_WORDS[kind] : '';
  });

  ngOnInit(): void {
    this.draft.set(draftOf(this.item().decision));
    this.startOpen.set(this.openInitially());
    this.conflictsOpen.set(this.declared() > 0);
  }

  protected fieldId(field: string): string {
    return `${this.idPrefix()}-${field}`;
  }

  protected hasProblem(field: string): boolean {
    return this.problems().some((p) => p.field === field);
  }

  protected update(patch: Partial<DecisionDraft>): void {
    this.draft.update((d) => ({ ...d, ...patch }));
  }

  protected setCount(key: 'yes' | 'no' | 'abstain', value: string): void {
    this.draft.update((d) => ({ ...d, counts: { ...d.counts, [key]: value } }));
  }

  protected setVote(personId: string, vote: VoteChoice | ''): void {
    this.draft.update((d) => ({ ...d, votes: { ...d.votes, [personId]: vote } }));
  }

  protected vote(personId: string): VoteChoice | '' {
    return this.draft().votes[personId] ?? '';
  }

  protected conflicted(personId: string): boolean {
    return isConflicted(this.draft(), personId);
  }

  protected conflictNote(personId: string): string {
    return this.draft().conflicts[personId]?.note ?? '';
  }

  /** Declaring a conflict takes the person out of the vote: their named vote is dropped. */
  protected setConflict(personId: string, declared: boolean): void {
    this.draft.update((d) => ({
      ...d,
      conflicts: { ...d.conflicts, [personId]: { declared, note: d.conflicts[personId]?.note ?? '' } },
      votes: declared ? { ...d.votes, [personId]: '' } : d.votes,
    }));
  }

  protected setConflictNote(personId: string, note: string): void {
    this.draft.update((d) => ({ ...d, conflicts: { ...d.conflicts, [personId]: { declared: true, note } } }));
  }

  protected setMode(mode: VoteMode | ''): void {
    this.update({ voteMode: mode });
  }

  /** Takes over what the other person saved (the clerk's input is replaced). */
  protected takeOver(): void {
    const current = this.staleItem();
    if (!current) return;
    this.draft.set(draftOf(current.decision));
    this.staleItem.set(null);
    this.problems.set([]);
    this.status.set('decisions.item.tookOver');
  }

  /** t(decisions.item.saving, decisions.item.saved, decisions.item.stale, decisions.item.failed, decisions.item.invalid, decisions.item.tookOver) */
  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    const draft = this.draft();
    const local = checkDraft(draft, this.voters());
    this.failure.set(null);
    if (local.length) {
      this.problems.set(local);
      this.focusKey.update((k) => k + 1);
      this.status.set('decisions.item.invalid');
      return;
    }
    const body = toInput(draft, this.voters());
    this.saving.set(true);
    this.status.set('decisions.item.saving');
    this.api.saveDecision(this.slug(), this.meetingId(), this.item().id, this.version(), body).subscribe({
      next: (record) => {
        this.saving.set(false);
        this.problems.set([]);
        this.staleItem.set(null);
        const mine = record.items.find((i) => i.id === this.item().id);
        if (mine) this.draft.set(draftOf(mine.decision));
        this.status.set('decisions.item.saved');
        this.saved.emit(record);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const current = staleCurrent<MeetingDecisionsDto>(error);
        if (current?.items) {
          this.staleItem.set(current.items.find((i) => i.id === this.item().id) ?? null);
          this.status.set('decisions.item.stale');
          this.saved.emit(current);
          return;
        }
        if (isApiError(error) && error.kind === 'validation' && error.problem?.errors?.length) {
          this.problems.set(problemsOfApi(error.problem.errors, body, this.voters()));
          this.focusKey.update((k) => k + 1);
          this.status.set('decisions.item.invalid');
          return;
        }
        this.status.set('decisions.item.failed');
        /** t(decisions.errors.state) */
        this.failure.set(isApiError(error) && error.kind === 'conflict' ? 'decisions.errors.state' : isApiError(error) && error.problem?.detail ? error.problem.detail : 'decisions.item.failed');
      },
    });
  }
}
