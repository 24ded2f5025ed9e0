import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { MAX_ABSENCE_REASON } from '@ratsinfo/contracts';
import { isApiError, MailApi } from '@ratsinfo/web-data-access';
import { DateTime } from '@ratsinfo/web-ui';

/**
 * A member's own absence notice on the meeting page: "Abwesenheit melden" with an optional
 * reason (the office forwards it to the deputy), and withdrawing it. Shown only to members or
 * deputies of the meeting's body (the API says whether the caller is one); the outcome is announced.
 */
@Component({
  selector: 'ri-meeting-absence',
  imports: [TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (mine.hasValue() && mine.value(); as state) {
      @if (state.eligible || state.notice) {
        <section class="ri-section" aria-labelledby="meeting-absence-heading" data-absence>
          <h2 id="meeting-absence-heading" class="kern-heading-medium">{{ 'mail.absence.heading' | transloco }}</h2>
          <p class="kern-body ri-live" role="status" aria-live="polite" data-absence-status>{{ announcement() | transloco }}</p>
          @if (state.notice; as n) {
            <p class="kern-body" data-absence-standing>
              {{ 'mail.absence.standing' | transloco }} <ri-date-time [value]="n.createdAt" />
              @if (n.reason) {
                <br />{{ 'mail.absence.reasonShown' | transloco: { reason: n.reason } }}
              }
            </p>
            <button type="button" class="kern-btn kern-btn--secondary" (click)="withdraw()" [disabled]="busy()" data-absence-withdraw>
              <span class="kern-label">{{ 'mail.absence.withdraw' | transloco }}</span>
            </button>
          } @else {
            <p class="kern-body">{{ 'mail.absence.intro' | transloco }}</p>
            <form class="ri-absence-form" (submit)="notice($event)" novalidate>
              <div class="kern-form-input">
                <label class="kern-label" for="absence-reason">{{ 'mail.absence.reason' | transloco }}</label>
                <div class="kern-hint" id="absence-reason-hint">{{ 'mail.absence.reasonHint' | transloco }}</div>
                <textarea class="kern-form-input__input" id="absence-reason" rows="3" [attr.maxlength]="maxReason" aria-describedby="absence-reason-hint" [value]="reason()" (input)="reason.set($any($event.target).value)"></textarea>
              </div>
              <div>
                <button type="submit" class="kern-btn kern-btn--primary" [disabled]="busy()" data-absence-submit>
                  <span class="kern-label">{{ 'mail.absence.submit' | transloco }}</span>
                </button>
              </div>
            </form>
          }
        </section>
      }
    }
  `,
  styles: `
    .ri-absence-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-live:empty {
      margin: 0;
    }
  `,
})
export class MeetingAbsence {
  private readonly api = inject(MailApi);

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();

  protected readonly maxReason = MAX_ABSENCE_REASON;
  protected readonly mine = rxResource({
    params: () => ({ slug: this.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.myAbsence(params.slug, params.id),
  });
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');

  /** t(mail.absence.noticed, mail.absence.failed) */
  protected notice(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    this.busy.set(true);
    this.api.noticeAbsence(this.slug(), this.meetingId(), this.reason().trim() || undefined).subscribe({
      next: (n) => {
        this.busy.set(false);
        this.reason.set('');
        this.mine.set({ eligible: true, notice: n });
        this.announcement.set('mail.absence.noticed');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.announcement.set('mail.absence.failed');
        if (isApiError(error) && error.status === 409) this.mine.reload();
      },
    });
  }

  /** t(mail.absence.withdrawn) */
  protected withdraw(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.withdrawAbsence(this.slug(), this.meetingId()).subscribe({
      next: () => {
        this.busy.set(false);
        this.mine.set({ eligible: true, notice: null });
        this.announcement.set('mail.absence.withdrawn');
      },
      error: () => {
        this.busy.set(false);
        this.announcement.set('mail.absence.failed');
        this.mine.reload();
      },
    });
  }
}
