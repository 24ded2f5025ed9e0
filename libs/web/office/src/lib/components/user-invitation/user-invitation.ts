import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserAccountDto } from '@ratsinfo/contracts';
import { OfficeApi, isApiError } from '@ratsinfo/web-data-access';

type ResendOutcome = { kind: 'sent' } | { kind: 'error'; messageKey: string };

/** Error message per kind of failure when resending an invitation. */
const RESEND_ERROR_KEYS: Readonly<Record<string, string>> = {
  /**
   * t(office.users.invitation.errors.conflict, office.users.invitation.errors.unavailable,
   *   office.users.invitation.errors.notFound, office.users.invitation.errors.forbidden,
   *   office.users.invitation.errors.unauthorized, office.users.invitation.errors.other)
   */
  conflict: 'office.users.invitation.errors.conflict',
  unavailable: 'office.users.invitation.errors.unavailable',
  'not-found': 'office.users.invitation.errors.notFound',
  forbidden: 'office.users.invitation.errors.forbidden',
  unauthorized: 'office.users.invitation.errors.unauthorized',
};

/**
 * For an account whose person has not signed in yet: sends the invitation e-mail again
 * (`POST …/users/{id}/invitation`). The confirmation is announced in a status region, failures
 * (signed in meanwhile, identity provider unavailable, …) as an alert.
 */
@Component({
  selector: 'ri-user-invitation',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ri-invitation" [attr.aria-busy]="sending()">
      <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" data-resend (click)="resend()">
        <span class="kern-label">
          {{ (sending() ? 'office.users.invitation.sending' : 'office.users.invitation.resend') | transloco }}
          <span class="ri-sr-only">{{ 'office.users.invitation.resendFor' | transloco: { name: user().displayName } }}</span>
        </span>
      </button>
      <p class="kern-body kern-body--small ri-invitation__status" role="status" data-invitation-status>
        @if (outcome()?.kind === 'sent') {
          <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
          {{ 'office.users.invitation.sent' | transloco: { name: user().displayName, email: user().email ?? '' } }}
        }
      </p>
    </div>
    @if (outcome(); as result) {
      @if (result.kind === 'error') {
        <p class="kern-error" role="alert" data-invitation-error>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
          <span class="kern-body">{{ result.messageKey | transloco: { name: user().displayName } }}</span>
        </p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: var(--kern-metric-space-default, 16px);
    }
    .ri-invitation {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-invitation__status {
      margin: 0;
    }
    .kern-error {
      display: flex;
      gap: var(--kern-metric-space-x-small, 4px);
      align-items: center;
      margin: var(--kern-metric-space-small, 8px) 0 0;
    }
  `,
})
export class UserInvitation {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly user = input.required<UserAccountDto>();
  /** Emits the account as the API returns it after sending. */
  readonly resent = output<UserAccountDto>();

  protected readonly sending = signal(false);
  protected readonly outcome = signal<ResendOutcome | null>(null);

  protected resend(): void {
    if (this.sending()) return;
    this.sending.set(true);
    this.outcome.set(null);
    this.api.resendInvitation(this.slug(), this.user().id).subscribe({
      next: (account) => {
        this.sending.set(false);
        this.outcome.set({ kind: 'sent' });
        this.resent.emit(account);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        const kind = isApiError(error) ? error.kind : 'server';
        this.outcome.set({ kind: 'error', messageKey: RESEND_ERROR_KEYS[kind] ?? 'office.users.invitation.errors.other' });
      },
    });
  }
}
