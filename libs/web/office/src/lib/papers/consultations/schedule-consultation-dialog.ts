import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LATE_ITEM_DAYS, type ConsultationDto, type OfficeMeetingSummaryDto } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError } from '@ratsinfo/web-data-access';
import { PapersApi, isStaleVersion } from '../data/papers-api';
import { CLOCK, DateTime, ModalDialog, addDays, berlinDate } from '@ratsinfo/web-ui';

/** How far ahead the dialog offers meetings. */
const AHEAD_DAYS = 365;

type ScheduleError = 'choose' | 'urgentReason' | 'conflict' | null;

/**
 * "In Sitzung einplanen": the upcoming meetings of the step's body; the clerk picks one and the
 * paper goes on that meeting's agenda (appended to its public or non-public part, as the paper
 * is). A meeting that is already invited, or starts within the invitation period, only takes
 * the paper as an urgent item (Dringlichkeitsantrag) with a reason. When someone changed the
 * agenda meanwhile (412), appending is still safe: it is retried once with the fresh version.
 */
@Component({
  selector: 'ri-schedule-consultation-dialog',
  imports: [TranslocoPipe, AccessError, DateTime, ModalDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-dialog [heading]="'papers.schedule.heading' | transloco: { organization: consultation()?.organization?.name ?? '' }" [closable]="!submitting()" (closed)="reset()">
      @if (consultation(); as consultation) {
        <p class="kern-body">{{ 'papers.schedule.intro' | transloco: { paper: paperLabel(), organization: consultation.organization.name } }}</p>
        @if (meetings() === null && !loadError()) {
          <p class="kern-body" role="status">{{ 'papers.schedule.loading' | transloco }}</p>
        } @else if (loadError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="load()" />
        } @else if (upcoming().length === 0) {
          <p class="kern-body" data-no-meetings>{{ 'papers.schedule.none' | transloco: { organization: consultation.organization.name } }}</p>
        } @else {
          <form id="schedule-form" (submit)="submit($event)" novalidate>
            <fieldset class="kern-fieldset" [class.kern-fieldset--error]="error() === 'choose'" [attr.aria-describedby]="error() === 'choose' ? 'schedule-choose-error' : null">
              <legend class="kern-label">{{ 'papers.schedule.meeting' | transloco }}</legend>
              @if (error() === 'choose') {
                <p class="kern-error" id="schedule-choose-error">
                  <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                  <span class="kern-body">{{ 'papers.schedule.chooseError' | transloco }}</span>
                </p>
              }
              <div class="kern-fieldset__body">
                @for (meeting of upcoming(); track meeting.id; let first = $first) {
                  <div class="kern-form-check">
                    <input
                      class="kern-form-check__radio"
                      type="radio"
                      name="schedule-meeting"
                      [id]="'schedule-meeting-' + meeting.id"
                      [value]="meeting.id"
                      [checked]="chosenId() === meeting.id"
                      (change)="choose(meeting.id)"
                      [attr.data-initial-focus]="first ? '' : null"
                      [attr.aria-describedby]="late(meeting) ? 'schedule-meeting-' + meeting.id + '-late' : null"
                    />
                    <label class="kern-label" [for]="'schedule-meeting-' + meeting.id">
                      {{ meeting.name }}, <ri-date-time [value]="meeting.start" />
                    </label>
                    @if (late(meeting)) {
                      <div class="kern-hint" [id]="'schedule-meeting-' + meeting.id + '-late'">{{ 'papers.schedule.lateHint' | transloco: { days: lateDays } }}</div>
                    }
                  </div>
                }
              </div>
            </fieldset>
            @if (chosenLate()) {
              <div class="kern-form-input" [class.kern-form-input--error]="error() === 'urgentReason'">
                <label class="kern-label" for="schedule-urgent-reason">{{ 'papers.schedule.urgentReason' | transloco }}</label>
                <div class="kern-hint" id="schedule-urgent-reason-hint">{{ 'papers.schedule.urgentReasonHint' | transloco }}</div>
                <textarea
                  class="kern-form-input__input"
                  id="schedule-urgent-reason"
                  rows="3"
                  maxlength="1000"
                  [value]="urgentReason()"
                  (input)="onReason($event)"
                  [attr.aria-invalid]="error() === 'urgentReason'"
                  [attr.aria-describedby]="error() === 'urgentReason' ? 'schedule-urgent-reason-hint schedule-urgent-reason-error' : 'schedule-urgent-reason-hint'"
                ></textarea>
                @if (error() === 'urgentReason') {
                  <p class="kern-error" id="schedule-urgent-reason-error">
                    <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                    <span class="kern-body">{{ 'papers.schedule.urgentReasonError' | transloco }}</span>
                  </p>
                }
              </div>
            }
            @if (error() === 'conflict') {
              <p class="kern-error" role="alert">
                <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                <span class="kern-body">{{ 'papers.schedule.conflict' | transloco }}</span>
              </p>
            }
            @if (submitError(); as error) {
              <ri-access-error [error]="error" [headingLevel]="3" (retry)="submit()" />
            }
          </form>
        }
      }
      <div riDialogActions class="ri-schedule__actions">
        <button type="button" class="kern-btn kern-btn--secondary" [disabled]="submitting()" (click)="close()">
          <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
        </button>
        @if (upcoming().length > 0) {
          <button type="submit" form="schedule-form" class="kern-btn kern-btn--primary" [attr.aria-busy]="submitting()" data-confirm-schedule>
            <span class="kern-label">{{ (submitting() ? 'papers.schedule.submitting' : 'papers.schedule.submit') | transloco }}</span>
          </button>
        }
      </div>
    </ri-dialog>
  `,
  styles: `
    .ri-schedule__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
    }
    .kern-fieldset__body {
      display: grid;
      gap: var(--kern-metric-space-small, 8px);
    }
    .kern-form-check .kern-hint {
      grid-column: 2;
      padding-inline-start: var(--kern-metric-space-default, 16px);
    }
  `,
})
export class ScheduleConsultationDialog {
  private readonly api = inject(PapersApi);
  private readonly clock = inject(CLOCK);
  private readonly dialog = viewChild.required(ModalDialog);

  readonly slug = input.required<string>();
  /** "BV/0001/2026 Radweg an der Ihle", for the intro. */
  readonly paperLabel = input.required<string>();
  /** After the paper went on the meeting's agenda. */
  readonly scheduled = output<OfficeMeetingSummaryDto>();

  protected readonly lateDays = LATE_ITEM_DAYS;
  protected readonly consultation = signal<ConsultationDto | null>(null);
  protected readonly meetings = signal<OfficeMeetingSummaryDto[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly chosenId = signal<string | null>(null);
  protected readonly urgentReason = signal('');
  protected readonly error = signal<ScheduleError>(null);
  protected readonly submitError = signal<unknown>(null);
  protected readonly submitting = signal(false);

  /** Meetings not cancelled and not yet begun, soonest first. */
  protected readonly upcoming = computed(() => {
    const now = this.clock().getTime();
    return (this.meetings() ?? []).filter((meeting) => !meeting.cancelled && Date.parse(meeting.start) > now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  });
  private readonly chosen = computed(() => this.upcoming().find((meeting) => meeting.id === this.chosenId()) ?? null);
  /** Set when the API asked for a reason although the clock here did not think the meeting late. */
  private readonly urgentDemanded = signal(false);
  protected readonly chosenLate = computed(() => {
    const meeting = this.chosen();
    return !!meeting && (this.late(meeting) || this.urgentDemanded());
  });

  open(consultation: ConsultationDto): void {
    this.reset();
    this.consultation.set(consultation);
    this.dialog().open();
    this.load();
  }

  close(): void {
    this.dialog().close();
  }

  protected reset(): void {
    this.meetings.set(null);
    this.loadError.set(null);
    this.chosenId.set(null);
    this.urgentReason.set('');
    this.urgentDemanded.set(false);
    this.error.set(null);
    this.submitError.set(null);
  }

  /** Late: invited already, or within the invitation period (the API then wants a reason). */
  protected late(meeting: OfficeMeetingSummaryDto): boolean {
    return meeting.meetingState !== 'planned' || Date.parse(meeting.start) - this.clock().getTime() < LATE_ITEM_DAYS * 86_400_000;
  }

  load(): void {
    const consultation = this.consultation();
    if (!consultation) return;
    this.loadError.set(null);
    this.meetings.set(null);
    const from = berlinDate(this.clock());
    this.api.meetingsOf(this.slug(), consultation.organization.id, from, addDays(from, AHEAD_DAYS)).subscribe({
      next: (meetings) => this.meetings.set(meetings),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected choose(id: string): void {
    this.chosenId.set(id);
    this.urgentDemanded.set(false);
    if (this.error() === 'choose') this.error.set(null);
  }

  protected onReason(event: Event): void {
    this.urgentReason.set((event.target as HTMLTextAreaElement).value);
    if (this.error() === 'urgentReason') this.error.set(null);
  }

  submit(event?: Event): void {
    event?.preventDefault();
    const consultation = this.consultation();
    const meeting = this.chosen();
    if (!consultation || this.submitting()) return;
    this.submitError.set(null);
    if (!meeting) {
      this.error.set('choose');
      return;
    }
    const reason = this.urgentReason().trim();
    const urgent = this.chosenLate();
    if (urgent && reason === '') {
      this.error.set('urgentReason');
      return;
    }
    this.error.set(null);
    this.submitting.set(true);
    this.send(meeting, consultation.id, urgent ? reason : null, true);
  }

  private send(meeting: OfficeMeetingSummaryDto, consultationId: string, reason: string | null, retryStale: boolean): void {
    this.api.scheduleConsultation(this.slug(), meeting.id, meeting.version, consultationId, reason).subscribe({
      next: () => {
        this.submitting.set(false);
        this.scheduled.emit(meeting);
        this.close();
      },
      error: (error: unknown) => {
        const current = isStaleVersion(error) ? error.problem?.current : null;
        const version = current && typeof current === 'object' ? (current as { version?: unknown }).version : undefined;
        if (retryStale && typeof version === 'number') {
          // appending an item overwrites nothing: retry once against the agenda as it is now
          this.send({ ...meeting, version }, consultationId, reason, false);
          return;
        }
        this.submitting.set(false);
        if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.some((field) => field.name === 'urgentReason' || field.name === 'urgent')) {
          this.urgentDemanded.set(true);
          this.error.set('urgentReason');
        } else if (isApiError(error) && error.kind === 'conflict') {
          this.error.set('conflict');
        } else {
          this.submitError.set(error);
        }
      },
    });
  }
}
