import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { hasControlCharacters, type LifecycleState, MAX_URGENT_REASON, type MeetingLifecycleDto, type MeetingTransitionInput, type TransitionTarget } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, MeetingLifecycleApi, staleCurrent } from '@ratsinfo/web-data-access';
import { DateTime, formatDate, LanguageService } from '@ratsinfo/web-ui';

/** t(lifecycle.state.planned, lifecycle.state.invited, lifecycle.state.running, lifecycle.state.held, lifecycle.state.minutes_drafted, lifecycle.state.minutes_approved, lifecycle.state.cancelled) */
export const LIFECYCLE_STATE_KEYS: Readonly<Record<LifecycleState, string>> = {
  planned: 'lifecycle.state.planned',
  invited: 'lifecycle.state.invited',
  running: 'lifecycle.state.running',
  held: 'lifecycle.state.held',
  minutes_drafted: 'lifecycle.state.minutes_drafted',
  minutes_approved: 'lifecycle.state.minutes_approved',
  cancelled: 'lifecycle.state.cancelled',
};

/** t(lifecycle.action.invited, lifecycle.action.running, lifecycle.action.held, lifecycle.action.minutes_drafted, lifecycle.action.minutes_approved) */
const ACTION_KEYS: Readonly<Record<Exclude<TransitionTarget, 'cancelled'>, string>> = {
  invited: 'lifecycle.action.invited',
  running: 'lifecycle.action.running',
  held: 'lifecycle.action.held',
  minutes_drafted: 'lifecycle.action.minutes_drafted',
  minutes_approved: 'lifecycle.action.minutes_approved',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Action = Exclude<TransitionTarget, 'cancelled'>;

/**
 * The clerk's lifecycle panel of a meeting: the state in words, the latest timely invitation
 * date (Ladungsfrist), and one button per allowed transition (the cancellation has its own form
 * with the reason below). A late invitation is refused by the API; the panel then shows why and
 * offers "Dringlich einladen" with a reason. Conflicts (409) and someone else's change (412, the
 * current state is taken over) are explained in German; every result is announced in a live region.
 */
@Component({
  selector: 'ri-meeting-lifecycle',
  imports: [TranslocoPipe, AccessError, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section" aria-labelledby="meeting-lifecycle-heading" data-lifecycle>
      <h2 id="meeting-lifecycle-heading" class="kern-heading-medium">{{ 'lifecycle.heading' | transloco }}</h2>

      @if (current(); as l) {
        <dl class="kern-description-list">
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{{ 'lifecycle.stateLabel' | transloco }}</dt>
            <dd class="kern-description-list-item__value"><strong data-lifecycle-state>{{ stateKeys[l.state] | transloco }}</strong></dd>
          </div>
          @if (l.state === 'planned') {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'lifecycle.notice.label' | transloco }}</dt>
              <dd class="kern-description-list-item__value" data-latest-timely>
                {{ 'lifecycle.notice.latest' | transloco: { date: latestTimely() } }}
                @if (!l.notice.timelyNow) {
                  <span class="kern-badge kern-badge--warning" data-notice-expired>
                    <span class="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true"></span>
                    <span class="kern-label">{{ 'lifecycle.notice.expired' | transloco }}</span>
                  </span>
                }
                <span class="ri-detail kern-body kern-body--small">{{ 'lifecycle.notice.rule' | transloco: { notice: l.notice.noticePeriodDays, delivery: l.notice.invitationDeliveryDays } }}</span>
              </dd>
            </div>
          }
          @if (l.invitedAt) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'lifecycle.invitedAt' | transloco }}</dt>
              <dd class="kern-description-list-item__value"><ri-date-time [value]="l.invitedAt" /></dd>
            </div>
          }
          @if (l.urgentReason) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'lifecycle.urgentReason' | transloco }}</dt>
              <dd class="kern-description-list-item__value" data-lifecycle-urgent>{{ l.urgentReason }}</dd>
            </div>
          }
          @if (l.startedAt) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'lifecycle.startedAt' | transloco }}</dt>
              <dd class="kern-description-list-item__value"><ri-date-time [value]="l.startedAt" /></dd>
            </div>
          }
          @if (l.closedAt) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'lifecycle.closedAt' | transloco }}</dt>
              <dd class="kern-description-list-item__value"><ri-date-time [value]="l.closedAt" /></dd>
            </div>
          }
        </dl>
      } @else if (lifecycle.error(); as error) {
        <ri-access-error [error]="error" [headingLevel]="3" (retry)="lifecycle.reload()" />
      }

      <p class="kern-body ri-live" role="status" aria-live="polite" data-lifecycle-status>{{ announcement() | transloco: announcementParams() }}</p>
      @if (error(); as e) {
        <div class="kern-alert kern-alert--danger" role="alert" data-lifecycle-error>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
            <span class="kern-title">{{ 'lifecycle.errors.title' | transloco }}</span>
          </div>
          <div class="kern-alert__body"><p class="kern-body">{{ e.key | transloco: e.params }}</p></div>
        </div>
      }

      @if (current(); as l) {
        @if (actions().length > 0) {
          <div class="ri-actions" role="group" [attr.aria-label]="'lifecycle.actions' | transloco">
            @for (a of actions(); track a) {
              <button type="button" class="kern-btn" [class.kern-btn--primary]="$first" [class.kern-btn--secondary]="!$first" [attr.data-transition]="a" [disabled]="busy()" (click)="start(a)">
                <span class="kern-label">{{ actionKeys[a] | transloco }}</span>
              </button>
            }
          </div>
        } @else if (l.state === 'minutes_approved' || l.state === 'cancelled') {
          <p class="kern-body" data-lifecycle-final>{{ 'lifecycle.final' | transloco }}</p>
        }

        @if (urgentOpen()) {
          <form class="ri-form" (submit)="inviteUrgently($event)" novalidate data-urgent-form>
            <div class="kern-form-input" [class.kern-form-input--error]="urgentError()">
              <label class="kern-label" for="lifecycle-urgent-reason">{{ 'lifecycle.urgent.label' | transloco }}</label>
              <div class="kern-hint" id="lifecycle-urgent-hint">{{ 'lifecycle.urgent.hint' | transloco }}</div>
              <textarea #urgentField class="kern-form-input__input" id="lifecycle-urgent-reason" rows="3" [attr.maxlength]="maxUrgent" [value]="urgentReason()" (input)="urgentReason.set($any($event.target).value)"
                [attr.aria-invalid]="!!urgentError()" [attr.aria-describedby]="urgentError() ? 'lifecycle-urgent-hint lifecycle-urgent-error' : 'lifecycle-urgent-hint'"></textarea>
              @if (urgentError(); as e) {
                <p class="kern-error" id="lifecycle-urgent-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
              }
            </div>
            <div class="ri-actions">
              <button type="submit" class="kern-btn kern-btn--primary" data-urgent-submit [disabled]="busy()">
                <span class="kern-label">{{ 'lifecycle.urgent.submit' | transloco }}</span>
              </button>
            </div>
          </form>
        }

        @if (approveOpen()) {
          <form class="ri-form" (submit)="approve($event)" novalidate data-approve-form>
            @if (l.approvalCandidates.length === 0) {
              <p class="kern-body" data-approve-none>{{ 'lifecycle.approve.none' | transloco }}</p>
            } @else {
              <fieldset class="kern-fieldset" [attr.aria-describedby]="approveError() ? 'lifecycle-approve-hint lifecycle-approve-error' : 'lifecycle-approve-hint'">
                <legend class="kern-label">{{ 'lifecycle.approve.label' | transloco }}</legend>
                <div class="kern-hint" id="lifecycle-approve-hint">{{ 'lifecycle.approve.hint' | transloco }}</div>
                <div class="kern-fieldset__body">
                  @for (c of l.approvalCandidates; track c.itemId; let first = $first) {
                    <div class="kern-form-check">
                      <input #approveField class="kern-form-check__radio" type="radio" name="lifecycle-approved-by" [id]="'lifecycle-approve-' + c.itemId" [value]="c.itemId"
                        [checked]="approvedBy() === c.itemId" [disabled]="!c.accepted" (change)="approvedBy.set(c.itemId)" [attr.data-approval-candidate]="c.itemId" />
                      <label class="kern-label" [for]="'lifecycle-approve-' + c.itemId">
                        {{ c.number ?? '' }} {{ c.name }} – {{ c.meetingName }}, <ri-date-time [value]="c.meetingStart" />
                        @if (!c.accepted) {
                          <span class="kern-body kern-body--small"> ({{ 'lifecycle.approve.notAccepted' | transloco }})</span>
                        }
                      </label>
                    </div>
                  }
                </div>
              </fieldset>
              @if (approveError(); as e) {
                <p class="kern-error" id="lifecycle-approve-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
              }
              <div class="ri-actions">
                <button type="submit" class="kern-btn kern-btn--primary" data-approve-submit [disabled]="busy()">
                  <span class="kern-label">{{ 'lifecycle.approve.submit' | transloco }}</span>
                </button>
              </div>
            }
          </form>
        }
        @if (l.allowedTransitions.includes('cancelled')) {
          <p class="kern-body kern-body--small">{{ 'lifecycle.cancelHint' | transloco }}</p>
        }
      }
    </section>
  `,
  styles: `
    .ri-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .ri-actions .kern-btn {
      max-width: 100%;
    }
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-live:empty {
      margin: 0;
    }
    .ri-detail {
      display: block;
    }
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
      margin-inline-start: var(--kern-metric-space-small, 8px);
    }
  `,
})
export class MeetingLifecycle {
  private readonly api = inject(MeetingLifecycleApi);
  private readonly language = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  private readonly urgentField = viewChild<ElementRef<HTMLTextAreaElement>>('urgentField');
  private readonly approveField = viewChild<ElementRef<HTMLInputElement>>('approveField');

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();
  /** The meeting's version as the page knows it: the panel reads the lifecycle again when it moves. */
  readonly version = input.required<number>();
  /** After a transition: the lifecycle as it is now (its version is the meeting's). */
  readonly changed = output<MeetingLifecycleDto>();

  protected readonly stateKeys = LIFECYCLE_STATE_KEYS;
  protected readonly actionKeys = ACTION_KEYS;
  protected readonly maxUrgent = MAX_URGENT_REASON;

  protected readonly lifecycle = rxResource({
    params: () => ({ slug: this.slug(), id: this.meetingId(), version: this.version() }),
    stream: ({ params }) => this.api.lifecycle(params.slug, params.id),
  });
  /** The lifecycle as last answered (a transition's answer, a 412's current state, or the read). */
  private readonly answered = signal<MeetingLifecycleDto | null>(null);
  protected readonly current = computed<MeetingLifecycleDto | null>(() => {
    const read = this.lifecycle.hasValue() ? (this.lifecycle.value() ?? null) : null;
    const mine = this.answered();
    if (!mine) return read;
    if (!read) return mine;
    return read.version > mine.version ? read : mine;
  });

  protected readonly actions = computed<Action[]>(() => (this.current()?.allowedTransitions ?? []).filter((t): t is Action => t !== 'cancelled' && t !== 'planned'));
  protected readonly latestTimely = computed(() => formatDate(this.current()?.notice.latestTimelyDate ?? null, this.language.active(), 'long'));

  protected readonly busy = signal(false);
  protected readonly error = signal<{ key: string; params: Record<string, unknown> } | null>(null);
  protected readonly announcement = signal('');
  protected readonly announcementParams = signal<Record<string, unknown>>({});

  protected readonly urgentOpen = signal(false);
  protected readonly urgentReason = signal('');
  protected readonly urgentError = signal<string | null>(null);
  protected readonly approveOpen = signal(false);
  protected readonly approvedBy = signal('');
  protected readonly approveError = signal<string | null>(null);

  protected start(to: Action): void {
    this.error.set(null);
    if (to === 'minutes_approved') {
      // The accepted approval item, when there is one, is already chosen.
      this.approvedBy.set(this.current()?.approvalCandidates.find((c) => c.accepted)?.itemId ?? '');
      this.approveOpen.set(true);
      setTimeout(() => this.approveField()?.nativeElement.focus());
      return;
    }
    this.run({ to });
  }

  /** t(lifecycle.urgent.missing, lifecycle.urgent.invalid) */
  protected inviteUrgently(event: Event): void {
    event.preventDefault();
    const reason = this.urgentReason().trim();
    if (!reason) this.urgentError.set('lifecycle.urgent.missing');
    else if (hasControlCharacters(reason, { multiline: true }) || reason.length > MAX_URGENT_REASON) this.urgentError.set('lifecycle.urgent.invalid');
    else {
      this.urgentError.set(null);
      this.run({ to: 'invited', urgentReason: reason });
      return;
    }
    this.urgentField()?.nativeElement.focus();
  }

  /** t(lifecycle.approve.missing) */
  protected approve(event: Event): void {
    event.preventDefault();
    const id = this.approvedBy().trim();
    if (!UUID.test(id)) {
      this.approveError.set('lifecycle.approve.missing');
      this.approveField()?.nativeElement.focus();
      return;
    }
    this.approveError.set(null);
    this.run({ to: 'minutes_approved', approvedByItemId: id });
  }

  /** t(lifecycle.announce.invited, lifecycle.announce.urgentInvited, lifecycle.announce.changed) */
  private run(input: MeetingTransitionInput): void {
    const l = this.current();
    if (!l || this.busy()) return;
    this.busy.set(true);
    this.announce('lifecycle.announce.working');
    this.api.transition(this.slug(), this.meetingId(), l.version, input).subscribe({
      next: (after) => {
        this.busy.set(false);
        this.answered.set(after);
        this.urgentOpen.set(false);
        this.urgentReason.set('');
        this.approveOpen.set(false);
        this.approvedBy.set('');
        this.error.set(null);
        const state = this.transloco.translate(this.stateKeys[after.state]);
        this.announce(input.to === 'invited' ? (input.urgentReason ? 'lifecycle.announce.urgentInvited' : 'lifecycle.announce.invited') : 'lifecycle.announce.changed', { state });
        this.changed.emit(after);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failed(error, input);
      },
    });
  }

  /** t(lifecycle.announce.working, lifecycle.announce.failed, lifecycle.errors.late, lifecycle.errors.conflict, lifecycle.errors.noneAllowed, lifecycle.errors.stale, lifecycle.errors.invalid, lifecycle.errors.approval, lifecycle.errors.failed) */
  private failed(error: unknown, input: MeetingTransitionInput): void {
    this.announce('lifecycle.announce.failed');
    if (!isApiError(error)) {
      this.error.set({ key: 'lifecycle.errors.failed', params: {} });
      return;
    }
    const stale = staleCurrent<MeetingLifecycleDto>(error);
    if (error.status === 412) {
      if (stale) {
        this.answered.set(stale);
        this.changed.emit(stale);
      } else this.lifecycle.reload();
      this.error.set({ key: 'lifecycle.errors.stale', params: {} });
      return;
    }
    const problem = error.problem;
    if (error.status === 409 && problem?.latestTimelyDate) {
      this.error.set({ key: 'lifecycle.errors.late', params: { date: formatDate(problem.latestTimelyDate, this.language.active(), 'long') } });
      this.urgentOpen.set(true);
      setTimeout(() => this.urgentField()?.nativeElement.focus());
      return;
    }
    if (error.status === 409 && problem?.allowed) {
      const allowed = problem.allowed.map((s) => this.stateLabel(s));
      this.error.set(allowed.length ? { key: 'lifecycle.errors.conflict', params: { allowed: allowed.join(', ') } } : { key: 'lifecycle.errors.noneAllowed', params: {} });
      this.lifecycle.reload();
      return;
    }
    if (error.status === 409 && input.to === 'minutes_approved') {
      this.error.set({ key: 'lifecycle.errors.approval', params: { detail: problem?.detail ?? '' } });
      return;
    }
    if (error.status === 409) {
      this.error.set({ key: 'lifecycle.errors.conflict', params: { allowed: '–' } });
      this.lifecycle.reload();
      return;
    }
    if (error.status === 400) {
      this.error.set({ key: 'lifecycle.errors.invalid', params: {} });
      return;
    }
    this.error.set({ key: 'lifecycle.errors.failed', params: {} });
  }

  private stateLabel(state: string): string {
    return state in this.stateKeys ? `»${this.transloco.translate(this.stateKeys[state as LifecycleState])}«` : state;
  }

  private announce(key: string, params: Record<string, unknown> = {}): void {
    this.announcementParams.set(params);
    this.announcement.set(key);
  }
}
