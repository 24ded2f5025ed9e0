import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MeetingGuestDto, MeetingMailDto, MeetingMailListDto } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, MailApi } from '@ratsinfo/web-data-access';
import { DateTime, ModalDialog } from '@ratsinfo/web-ui';

/** How often the recipients table refreshes by itself while mails are on their way. */
const POLL_MS = 4_000;

/** t(mail.status.pending, mail.status.sent, mail.status.failed) */
const STATUS_KEYS: Record<MeetingMailDto['status'], string> = { pending: 'mail.status.pending', sent: 'mail.status.sent', failed: 'mail.status.failed' };

/**
 * The clerk's "Einladung" section of a meeting: whether and when it was invited (with the iCal
 * sequence), sending the invitation or an update (confirmed in a dialog, with an optional message;
 * the meeting's version goes along as If-Match, so a double click cannot send twice), the
 * recipients with their mail status and the SMTP server's accepted time (the proof of a timely
 * invitation), and the guests invited besides the members. Status changes are announced.
 */
@Component({
  selector: 'ri-meeting-invitation',
  imports: [TranslocoPipe, AccessError, DateTime, ModalDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section" aria-labelledby="meeting-invitation-heading" data-invitation>
      <h2 id="meeting-invitation-heading" class="kern-heading-medium">{{ 'mail.invitation.heading' | transloco }}</h2>

      @if (state(); as s) {
        <p class="kern-body" data-invitation-state>
          @if (s.invitedAt) {
            {{ 'mail.invitation.invitedOn' | transloco }} <ri-date-time [value]="s.invitedAt" />
            – {{ 'mail.invitation.sequence' | transloco: { sequence: s.sequence } }}
          } @else {
            {{ 'mail.invitation.notYet' | transloco }}
          }
        </p>
      } @else if (mails.error(); as error) {
        <ri-access-error [error]="error" [headingLevel]="3" (retry)="mails.reload()" />
      }

      <p class="kern-body ri-live" role="status" aria-live="polite" data-invitation-status>{{ announcement() | transloco: announcementParams() }}</p>

      @if (state(); as s) {
        <!-- The invitation itself is the lifecycle's step (with the notice-period check); here only updates of an invited meeting. -->
        @if (!cancelled() && s.invitedAt) {
          <div class="ri-actions">
            <button type="button" class="kern-btn kern-btn--primary" data-invitation-open (click)="openDialog()" [disabled]="sending()">
              <span class="kern-label">{{ 'mail.invitation.sendUpdate' | transloco }}</span>
            </button>
          </div>
        }

        <h3 class="kern-heading-small" id="meeting-recipients-heading">{{ 'mail.recipients.heading' | transloco }}</h3>
        <div class="ri-actions">
          <button type="button" class="kern-btn kern-btn--secondary" data-recipients-refresh (click)="refresh()">
            <span class="kern-icon kern-icon--autorenew" aria-hidden="true"></span>
            <span class="kern-label">{{ 'mail.recipients.refresh' | transloco }}</span>
          </button>
        </div>
        @if (s.data.length > 0) {
          <div class="kern-table-responsive">
            <table class="kern-table ri-meeting-table" data-recipients>
              <caption class="kern-sr-only">{{ 'mail.recipients.caption' | transloco }}</caption>
              <thead>
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">{{ 'mail.recipients.name' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'mail.recipients.address' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'mail.recipients.kind' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'mail.recipients.status' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'mail.recipients.acceptedAt' | transloco }}</th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                @for (mail of s.data; track mail.id) {
                  <tr class="kern-table__row" [class.ri-mail--failed]="mail.status === 'failed'" [attr.data-mail-status]="mail.status" [attr.data-recipient]="mail.recipientEmail">
                    <th class="kern-table__header ri-plain" scope="row">{{ mail.recipientName ?? mail.recipientEmail }}</th>
                    <td class="kern-table__cell ri-break" [attr.data-label]="'mail.recipients.address' | transloco">{{ mail.recipientEmail }}</td>
                    <td class="kern-table__cell" [attr.data-label]="'mail.recipients.kind' | transloco">
                      {{ mailKindKey(mail) | transloco }}@if (mail.sequence !== null) { ({{ 'mail.invitation.sequence' | transloco: { sequence: mail.sequence } }})}
                    </td>
                    <td class="kern-table__cell" [attr.data-label]="'mail.recipients.status' | transloco">
                      @if (mail.status === 'failed') {
                        <span class="kern-badge kern-badge--danger"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-label">{{ statusKeys[mail.status] | transloco }}</span></span>
                        @if (mail.lastError) {
                          <span class="ri-detail kern-body kern-body--small" data-mail-error>{{ 'mail.recipients.error' | transloco: { error: mail.lastError } }}</span>
                        }
                      } @else if (mail.status === 'sent') {
                        <span class="kern-badge kern-badge--success"><span class="kern-label">{{ statusKeys[mail.status] | transloco }}</span></span>
                      } @else {
                        <span class="kern-badge kern-badge--info"><span class="kern-label">{{ statusKeys[mail.status] | transloco }}</span></span>
                      }
                    </td>
                    <td class="kern-table__cell" [attr.data-label]="'mail.recipients.acceptedAt' | transloco" data-accepted-at>
                      @if (mail.acceptedAt) {
                        <ri-date-time [value]="mail.acceptedAt" />
                      } @else {
                        <span aria-hidden="true">–</span><span class="kern-sr-only">{{ 'mail.recipients.notAccepted' | transloco }}</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else if (s.pendingRequests > 0) {
          <p class="kern-body" data-recipients-pending>{{ 'mail.recipients.preparing' | transloco }}</p>
        } @else {
          <p class="kern-body" data-recipients-empty>{{ 'mail.recipients.none' | transloco }}</p>
        }
      }

      <h3 class="kern-heading-small" id="meeting-guests-heading">{{ 'mail.guests.heading' | transloco }}</h3>
      <p class="kern-body">{{ 'mail.guests.intro' | transloco }}</p>
      @if (guests.hasValue() && guests.value().length > 0) {
        <ul class="ri-guests" aria-labelledby="meeting-guests-heading" data-guests>
          @for (g of guests.value(); track g.id) {
            <li class="ri-guest" [attr.data-guest]="g.email">
              <span class="kern-body ri-guest__name"><strong>{{ g.name }}</strong>{{ ' ' }}<span class="ri-break">&lt;{{ g.email }}&gt;</span></span>
              @if (!cancelled()) {
                <button type="button" class="kern-btn kern-btn--tertiary" (click)="removeGuest(g)" data-guest-remove>
                  <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
                  <span class="kern-label">{{ 'mail.guests.remove' | transloco }}<span class="kern-sr-only">: {{ g.name }}</span></span>
                </button>
              }
            </li>
          }
        </ul>
      } @else if (guests.hasValue()) {
        <p class="kern-body" data-guests-empty>{{ 'mail.guests.none' | transloco }}</p>
      }
      @if (!cancelled()) {
        <form class="ri-guest-form" (submit)="addGuest($event)" novalidate data-guest-form>
          <div class="kern-form-input" [class.kern-form-input--error]="guestErrors().name">
            <label class="kern-label" for="guest-name">{{ 'mail.guests.name' | transloco }}</label>
            <input class="kern-form-input__input" id="guest-name" type="text" maxlength="200" autocomplete="off" [value]="guestName()" (input)="guestName.set($any($event.target).value)"
              [attr.aria-invalid]="!!guestErrors().name" [attr.aria-describedby]="guestErrors().name ? 'guest-name-error' : null" />
            @if (guestErrors().name; as e) {
              <p class="kern-error" id="guest-name-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
            }
          </div>
          <div class="kern-form-input" [class.kern-form-input--error]="guestErrors().email">
            <label class="kern-label" for="guest-email">{{ 'mail.guests.email' | transloco }}</label>
            <input class="kern-form-input__input" id="guest-email" type="email" maxlength="254" autocomplete="off" [value]="guestEmail()" (input)="guestEmail.set($any($event.target).value)"
              [attr.aria-invalid]="!!guestErrors().email" [attr.aria-describedby]="guestErrors().email ? 'guest-email-error' : null" />
            @if (guestErrors().email; as e) {
              <p class="kern-error" id="guest-email-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
            }
          </div>
          <div>
            <button type="submit" class="kern-btn kern-btn--secondary" data-guest-add>
              <span class="kern-label">{{ 'mail.guests.add' | transloco }}</span>
            </button>
          </div>
        </form>
      }
    </section>

    <ri-dialog #sendDialog [heading]="(state()?.invitedAt ? 'mail.dialog.updateHeading' : 'mail.dialog.heading') | transloco" [closable]="!sending()">
      <form id="invitation-form" class="ri-guest-form" (submit)="send($event)" novalidate>
        <p class="kern-body">{{ (state()?.invitedAt ? 'mail.dialog.updateText' : 'mail.dialog.text') | transloco }}</p>
        <div class="kern-form-input">
          <label class="kern-label" for="invitation-message">{{ 'mail.dialog.message' | transloco }}</label>
          <div class="kern-hint" id="invitation-message-hint">{{ 'mail.dialog.messageHint' | transloco }}</div>
          <textarea class="kern-form-input__input" id="invitation-message" rows="4" maxlength="2000" aria-describedby="invitation-message-hint" [value]="message()" (input)="message.set($any($event.target).value)"></textarea>
        </div>
        @if (sendError(); as e) {
          <p class="kern-error" role="alert" data-send-error><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
        }
      </form>
      <button riDialogActions type="button" class="kern-btn kern-btn--secondary" data-initial-focus (click)="sendDialog.close()" [disabled]="sending()">
        <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
      </button>
      <button riDialogActions type="submit" form="invitation-form" class="kern-btn kern-btn--primary" data-invitation-confirm [disabled]="sending()">
        <span class="kern-label">{{ (sending() ? 'mail.dialog.sending' : state()?.invitedAt ? 'mail.dialog.confirmUpdate' : 'mail.dialog.confirm') | transloco }}</span>
      </button>
    </ri-dialog>
  `,
  styles: `
    h3 {
      margin-block-start: var(--kern-metric-space-large, 24px);
    }
    .ri-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .ri-live:empty {
      margin: 0;
    }
    .ri-detail {
      display: block;
    }
    .ri-plain {
      font-weight: inherit;
    }
    .ri-break {
      overflow-wrap: anywhere;
    }
    .ri-mail--failed > :first-child {
      box-shadow: inset 6px 0 0 var(--kern-color-feedback-danger, #c3002d);
    }
    .ri-guests {
      list-style: none;
      margin: 0 0 var(--kern-metric-space-default, 16px);
      padding: 0;
    }
    .ri-guest {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--kern-metric-space-small, 8px);
      border-bottom: 1px solid var(--kern-color-layout-border, #dadee8);
      padding-block: var(--kern-metric-space-small, 8px);
    }
    /* The tertiary button's negative inline margin would push it past the list's edge. */
    .ri-guest .kern-btn {
      margin-inline: 0;
      flex: 0 0 auto;
      max-width: 100%;
    }
    /* The name takes the row's free space and may shrink (long addresses break), so the button keeps its full width and wraps below the name when the row is too narrow. */
    .ri-guest__name {
      flex: 1 1 12rem;
      min-width: 0;
    }
    .ri-guest-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class MeetingInvitation {
  private readonly api = inject(MailApi);
  private readonly dialog = viewChild.required<ModalDialog>('sendDialog');

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();
  /** The meeting's version as the page knows it: sent as If-Match. */
  readonly version = input.required<number>();
  readonly cancelled = input(false);
  /** The meeting's new version after a sending. */
  readonly versionSeen = output<number>();

  protected readonly statusKeys = STATUS_KEYS;

  protected readonly mails = rxResource({
    params: () => ({ slug: this.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.mails(params.slug, params.id),
  });
  protected readonly guests = rxResource({
    params: () => ({ slug: this.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.guests(params.slug, params.id),
  });

  protected readonly state = computed<MeetingMailListDto | null>(() => (this.mails.hasValue() ? (this.mails.value() ?? null) : null));

  protected readonly message = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);
  /** The text of the live region (a translation key) and its parameters. */
  protected readonly announcement = signal('');
  protected readonly announcementParams = signal<Record<string, unknown>>({});

  protected readonly guestName = signal('');
  protected readonly guestEmail = signal('');
  protected readonly guestErrors = signal<{ name?: string; email?: string }>({});

  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  /** t(mail.template.meetingInvitation, mail.template.meetingUpdate, mail.template.meetingCancellation, mail.template.meetingReminder, mail.template.absenceNotice, mail.template.accessGranted, mail.template.other) */
  protected mailKindKey(mail: Pick<MeetingMailDto, 'template' | 'kind'>): string {
    return mailKindKey(mail);
  }

  protected openDialog(): void {
    this.sendError.set(null);
    this.dialog().open();
  }

  /** t(mail.dialog.failed, mail.dialog.stale, mail.announce.requested, mail.announce.updateRequested) */
  protected send(event: Event): void {
    event.preventDefault();
    const s = this.state();
    if (!s || this.sending()) return;
    const kind = s.invitedAt ? 'update' : 'invitation';
    this.sending.set(true);
    this.sendError.set(null);
    this.api.sendInvitation(this.slug(), this.meetingId(), this.version(), kind, this.message().trim() || undefined).subscribe({
      next: (r) => {
        this.sending.set(false);
        this.message.set('');
        this.dialog().close();
        this.versionSeen.emit(r.version);
        this.mails.set({ ...s, sequence: r.sequence, invitedAt: r.invitedAt, version: r.version, pendingRequests: s.pendingRequests + 1 });
        this.announce(kind === 'update' ? 'mail.announce.updateRequested' : 'mail.announce.requested', { sequence: r.sequence });
        this.startPolling();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        if (isApiError(error) && error.status === 412) {
          this.sendError.set('mail.dialog.stale');
          this.mails.reload();
        } else this.sendError.set(isApiError(error) && error.problem?.detail ? error.problem.detail : 'mail.dialog.failed');
      },
    });
  }

  /** Reads the invitation state again and follows the mails on their way (after the lifecycle's invitation or cancellation). */
  reload(): void {
    this.refresh();
    this.startPolling();
  }

  /** t(mail.announce.progress) */
  protected refresh(): void {
    this.api.mails(this.slug(), this.meetingId()).subscribe({
      next: (list) => {
        this.mails.set(list);
        this.announceProgress(list);
      },
      error: () => this.announce('mail.announce.refreshFailed'),
    });
  }

  /** t(mail.guests.nameMissing, mail.guests.emailInvalid, mail.guests.duplicate, mail.guests.failed, mail.announce.guestAdded, mail.announce.guestRemoved, mail.announce.refreshFailed) */
  protected addGuest(event: Event): void {
    event.preventDefault();
    const name = this.guestName().trim();
    const email = this.guestEmail().trim();
    const errors: { name?: string; email?: string } = {};
    if (!name) errors.name = 'mail.guests.nameMissing';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'mail.guests.emailInvalid';
    this.guestErrors.set(errors);
    if (errors.name || errors.email) return;
    this.api.addGuest(this.slug(), this.meetingId(), { name, email }).subscribe({
      next: (g) => {
        this.guests.set([...(this.guests.hasValue() ? this.guests.value() : []), g]);
        this.guestName.set('');
        this.guestEmail.set('');
        this.announce('mail.announce.guestAdded', { name: g.name });
      },
      error: (error: unknown) => {
        if (isApiError(error) && error.status === 409) this.guestErrors.set({ email: 'mail.guests.duplicate' });
        else if (isApiError(error) && error.status === 400) this.guestErrors.set({ email: 'mail.guests.emailInvalid' });
        else this.guestErrors.set({ email: 'mail.guests.failed' });
      },
    });
  }

  protected removeGuest(g: MeetingGuestDto): void {
    this.api.removeGuest(this.slug(), this.meetingId(), g.id).subscribe({
      next: () => {
        this.guests.set((this.guests.hasValue() ? this.guests.value() : []).filter((x) => x.id !== g.id));
        this.announce('mail.announce.guestRemoved', { name: g.name });
      },
      error: () => this.announce('mail.guests.failed'),
    });
  }

  private announce(key: string, params: Record<string, unknown> = {}): void {
    this.announcementParams.set(params);
    this.announcement.set(key);
  }

  private announceProgress(list: MeetingMailListDto): void {
    const current = list.data.filter((m) => m.sequence === list.sequence);
    const sent = current.filter((m) => m.status === 'sent').length;
    const failed = current.filter((m) => m.status === 'failed').length;
    this.announce('mail.announce.progress', { sent, failed, total: current.length });
  }

  /** While mails of the newest sequence are pending (or not yet recorded), look again every few seconds. */
  private startPolling(): void {
    this.stopPolling();
    let rounds = 0;
    const tick = () => {
      rounds += 1;
      this.api.mails(this.slug(), this.meetingId()).subscribe({
        next: (list) => {
          this.mails.set(list);
          const open = list.pendingRequests > 0 || list.data.some((m) => m.sequence === list.sequence && m.status === 'pending');
          if (open && rounds < 45) this.timer = setTimeout(tick, POLL_MS);
          else {
            this.timer = null;
            this.announceProgress(list);
          }
        },
        error: () => (this.timer = null),
      });
    };
    this.timer = setTimeout(tick, POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The label of a mail record: the worker renders invitation, update and cancellation with the one
 * template `meeting-invitation` (the kind is in the record's data), the others by template name.
 */
export function mailKindKey(mail: Pick<MeetingMailDto, 'template' | 'kind'>): string {
  switch (mail.template) {
    case 'meeting-invitation':
      return mail.kind === 'update' ? 'mail.template.meetingUpdate' : mail.kind === 'cancellation' ? 'mail.template.meetingCancellation' : 'mail.template.meetingInvitation';
    case 'meeting-reminder':
      return 'mail.template.meetingReminder';
    case 'absence-notice':
      return 'mail.template.absenceNotice';
    case 'access-granted':
      return 'mail.template.accessGranted';
    default:
      return 'mail.template.other';
  }
}
