import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiErrorKind, isApiError } from '@ratsinfo/web-data-access';
import { Alert } from '@ratsinfo/web-ui';
import { AuthService } from '../auth.service';

export interface AccessErrorKeys {
  title: string;
  text: string;
  /** Whether trying again may help (transient errors). */
  retry: boolean;
  /** Whether signing in again helps (expired sign-in). */
  signIn: boolean;
}

/** Heading and text per kind of error in the signed-in areas. */
export const ACCESS_ERROR_KEYS: Readonly<Record<ApiErrorKind, AccessErrorKeys>> = {
  /**
   * t(access.unauthorized.title, access.unauthorized.text, access.forbidden.title, access.forbidden.text,
   *   access.tenantNotFound.title, access.tenantNotFound.text, access.tenantSuspended.title, access.tenantSuspended.text,
   *   access.notFound.title, access.notFound.text, access.conflict.title, access.conflict.text,
   *   access.validation.title, access.validation.text, access.unavailable.title, access.unavailable.text,
   *   access.network.title, access.network.text, access.server.title, access.server.text,
   *   access.rateLimited.title, access.rateLimited.text)
   */
  unauthorized: { title: 'access.unauthorized.title', text: 'access.unauthorized.text', retry: false, signIn: true },
  forbidden: { title: 'access.forbidden.title', text: 'access.forbidden.text', retry: false, signIn: false },
  'tenant-not-found': { title: 'access.tenantNotFound.title', text: 'access.tenantNotFound.text', retry: false, signIn: false },
  'tenant-suspended': { title: 'access.tenantSuspended.title', text: 'access.tenantSuspended.text', retry: false, signIn: false },
  'not-found': { title: 'access.notFound.title', text: 'access.notFound.text', retry: false, signIn: false },
  conflict: { title: 'access.conflict.title', text: 'access.conflict.text', retry: true, signIn: false },
  validation: { title: 'access.validation.title', text: 'access.validation.text', retry: false, signIn: false },
  'rate-limited': { title: 'access.rateLimited.title', text: 'access.rateLimited.text', retry: true, signIn: false },
  unavailable: { title: 'access.unavailable.title', text: 'access.unavailable.text', retry: true, signIn: false },
  network: { title: 'access.network.title', text: 'access.network.text', retry: true, signIn: false },
  server: { title: 'access.server.title', text: 'access.server.text', retry: true, signIn: false },
};

/**
 * Error state in the signed-in areas: says in words what went wrong (expired sign-in, missing
 * permission, unknown record, connection problem, …) and offers the way on: sign in again, try
 * again, or projected links (e.g. back to the public portal).
 */
@Component({
  selector: 'ri-access-error',
  imports: [Alert, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-alert
      [variant]="kind() === 'tenant-suspended' ? 'warning' : 'danger'"
      [heading]="messages().title | transloco: params()"
      [headingLevel]="headingLevel()"
      [role]="headingLevel() === 1 ? null : 'alert'"
      [attr.data-error-kind]="kind()"
    >
      <p class="kern-body">{{ messages().text | transloco: params() }}</p>
      @if (detail(); as detail) {
        <p class="kern-body kern-body--small" data-problem-detail>{{ detail }}</p>
      }
      <div class="ri-access-error__actions">
        @if (messages().signIn && auth.available) {
          <button type="button" class="kern-btn kern-btn--primary" (click)="signIn()">
            <span class="kern-label">{{ 'auth.signInAgain' | transloco }}</span>
          </button>
        }
        @if (messages().retry) {
          <button type="button" class="kern-btn kern-btn--secondary" (click)="retry.emit()">
            <span class="kern-label">{{ 'common.retry' | transloco }}</span>
          </button>
        }
        <ng-content />
      </div>
    </ri-alert>
  `,
  styles: `
    .ri-access-error__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: center;
      margin-top: var(--kern-metric-space-small, 8px);
    }
    .ri-access-error__actions:empty {
      display: none;
    }
  `,
})
export class AccessError {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** The error of a failed call; anything that is not an `ApiError` counts as `server`. */
  readonly error = input.required<unknown>();
  /** 1 when the error replaces the page content, so its heading is the page's `<h1>`. */
  readonly headingLevel = input<1 | 2 | 3 | 4>(2);
  /** Overrides the messages of a kind, e.g. "Keine Berechtigung für diese Kommune". */
  readonly overrides = input<Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>>>({});
  /** Parameters of the texts, e.g. `{ tenant: 'Stadt Burg' }`. */
  readonly params = input<Record<string, string>>({});
  readonly retry = output<void>();

  protected readonly kind = computed<ApiErrorKind>(() => {
    const error = this.error();
    return isApiError(error) ? error.kind : 'server';
  });

  protected readonly messages = computed<AccessErrorKeys>(() => ({ ...ACCESS_ERROR_KEYS[this.kind()], ...this.overrides()[this.kind()] }));

  /** The API's own explanation of a conflict (e.g. "export the tenant first"). */
  protected readonly detail = computed(() => {
    const error = this.error();
    return isApiError(error) && error.kind === 'conflict' ? (error.problem?.detail ?? null) : null;
  });

  protected signIn(): void {
    void this.auth.signIn({ returnUrl: this.router.url });
  }
}
