import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  InjectionToken,
  OnInit,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProvisioningStepDto } from '@ratsinfo/contracts';
import { OperatorApi } from '@ratsinfo/web-data-access';
import { Subscription, catchError, exhaustMap, of, timer } from 'rxjs';
import { PROVISIONING_FAILURE_KEYS, PROVISIONING_STEP_KEYS, ProvisioningSummary, STEP_STATE_KEYS } from '../../labels';
import { RetryBaseline, displayStates, retryBaseline, summarize } from '../../provisioning';

/** Milliseconds between two status requests while provisioning runs. */
export const PROVISIONING_POLL_INTERVAL = new InjectionToken<number>('PROVISIONING_POLL_INTERVAL', {
  providedIn: 'root',
  factory: () => 1_000,
});

/** Polls without any change for this long count as stalled (the run may have died). */
export const PROVISIONING_STALL_TIMEOUT = new InjectionToken<number>('PROVISIONING_STALL_TIMEOUT', {
  providedIn: 'root',
  factory: () => 120_000,
});

/** Consecutive failed status requests after which polling stops and asks the user. */
const MAX_POLL_ERRORS = 5;

/** A change to announce: a translation key, optionally naming a step (its translation key). */
interface Announcement {
  key: string;
  stepKey?: string;
}

/**
 * The provisioning steps of an authority with their progress: a visible list (each step's state
 * in words and with an icon), a progress bar, and a polite live region that announces each change
 * ("Schritt „Rolle zuweisen“ erledigt"). Polls the API every second until every step is done or
 * one has failed; on failure it shows the error and a button to run the failed steps again.
 */
@Component({
  selector: 'ri-provisioning-progress',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './provisioning-progress.html',
  styleUrl: './provisioning-progress.css',
})
export class ProvisioningProgress implements OnInit {
  private readonly api = inject(OperatorApi);
  private readonly interval = inject(PROVISIONING_POLL_INTERVAL);
  private readonly stallTimeout = inject(PROVISIONING_STALL_TIMEOUT);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private polling: Subscription | null = null;

  readonly tenantId = input.required<string>();
  readonly tenantName = input.required<string>();
  /** The steps as last known (e.g. from the onboarding answer). */
  readonly initialSteps = input.required<readonly ProvisioningStepDto[]>();
  /** Heading level of the section heading. */
  readonly headingLevel = input<2 | 3>(2);
  /** Emitted once provisioning has finished (`done`) or stopped at a failure (`failed`). */
  readonly finished = output<'done' | 'failed'>();

  protected readonly steps = linkedSignal<readonly ProvisioningStepDto[]>(() => this.initialSteps());
  private readonly baseline = signal<RetryBaseline | null>(null);
  protected readonly states = computed(() => displayStates(this.steps(), this.baseline()));
  protected readonly summary = computed<ProvisioningSummary>(() => summarize(this.states()));
  protected readonly doneCount = computed(() => this.states().filter((state) => state === 'done').length);
  protected readonly failedStep = computed(() => {
    const index = this.states().indexOf('failed');
    return index >= 0 ? this.steps()[index] : null;
  });

  protected readonly stepKeys = PROVISIONING_STEP_KEYS;
  protected readonly stateKeys = STEP_STATE_KEYS;
  protected readonly failureKeys = PROVISIONING_FAILURE_KEYS;
  protected readonly announcement = signal<Announcement | null>(null);
  /** Status requests keep failing, or nothing has changed for too long. */
  protected readonly interrupted = signal<'poll-errors' | 'stalled' | null>(null);
  protected readonly retrying = signal(false);
  protected readonly retryError = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  ngOnInit(): void {
    if (this.summary() === 'running') this.startPolling();
  }

  /** Runs the failed and pending steps again. */
  protected retry(): void {
    if (this.retrying()) return;
    this.retrying.set(true);
    this.retryError.set(false);
    this.api.retryProvisioning(this.tenantId()).subscribe({
      next: (steps) => {
        this.retrying.set(false);
        const current = steps ?? this.steps();
        this.baseline.set(retryBaseline(current));
        this.update(current);
        this.announce('operator.provisioning.announce.retrying');
        this.focusHeading();
        this.startPolling();
      },
      error: () => {
        this.retrying.set(false);
        this.retryError.set(true);
      },
    });
  }

  /** Polls again after an interruption. */
  protected resume(): void {
    this.focusHeading();
    this.startPolling();
  }

  private startPolling(): void {
    this.stopPolling();
    this.interrupted.set(null);
    let errors = 0;
    let lastChange = Date.now();
    this.polling = timer(this.interval, this.interval)
      .pipe(
        exhaustMap(() =>
          this.api.provisioning(this.tenantId()).pipe(
            catchError(() => {
              errors++;
              return of(null);
            }),
          ),
        ),
      )
      .subscribe((steps) => {
        if (steps === null) {
          if (errors >= MAX_POLL_ERRORS) this.interrupt('poll-errors');
          return;
        }
        errors = 0;
        if (this.update(steps)) lastChange = Date.now();
        const summary = this.summary();
        if (summary !== 'running') {
          this.stopPolling();
          if (summary === 'done' || summary === 'failed') this.finished.emit(summary);
        } else if (Date.now() - lastChange > this.stallTimeout) {
          this.interrupt('stalled');
        }
      });
  }

  private stopPolling(): void {
    this.polling?.unsubscribe();
    this.polling = null;
  }

  private interrupt(reason: 'poll-errors' | 'stalled'): void {
    this.stopPolling();
    this.interrupted.set(reason);
    /** t(operator.provisioning.announce.interrupted) */
    this.announce('operator.provisioning.announce.interrupted');
  }

  /** Takes the new state, announces what changed; true when something changed. */
  private update(next: readonly ProvisioningStepDto[]): boolean {
    const before = this.states();
    const previous = this.steps();
    const changed = JSON.stringify(previous) !== JSON.stringify(next);
    if (!changed) return false;
    this.steps.set(next);
    const after = this.states();
    const summary = this.summary();
    if (summary === 'done') {
      /** t(operator.provisioning.announce.done) */
      this.announce('operator.provisioning.announce.done');
      return true;
    }
    const failed = after.indexOf('failed');
    if (failed >= 0 && before[failed] !== 'failed') {
      /** t(operator.provisioning.announce.failed) */
      this.announce('operator.provisioning.announce.failed', PROVISIONING_STEP_KEYS[next[failed].step]);
      return true;
    }
    const completed = after.findIndex((state, index) => state === 'done' && before[index] !== 'done');
    if (completed >= 0) {
      /** t(operator.provisioning.announce.stepDone) */
      this.announce('operator.provisioning.announce.stepDone', PROVISIONING_STEP_KEYS[next[completed].step]);
    }
    return true;
  }

  /** t(operator.provisioning.announce.retrying) */
  private announce(key: string, stepKey?: string): void {
    this.announcement.set({ key, stepKey });
  }

  private focusHeading(): void {
    this.heading().nativeElement.focus();
  }
}
