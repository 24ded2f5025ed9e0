import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiErrorKind, isApiError } from '@ratsinfo/web-data-access';
import { Alert } from '@ratsinfo/web-ui';
import { ERROR_MESSAGE_KEYS, ErrorMessageKeys } from '../../labels';

/**
 * Error state of a page or section: a KERN alert saying what went wrong in words (unknown or
 * suspended authority, record not found, connection problem, …) with a way on: try again for
 * transient errors, back to the list of authorities otherwise.
 */
@Component({
  selector: 'ri-api-error',
  imports: [Alert, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-error.html',
  styles: `
    .ri-api-error__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: center;
      margin-top: var(--kern-metric-space-small, 8px);
    }
  `,
})
export class ApiError {
  /** The error of a failed load; anything that is not an `ApiError` counts as `server`. */
  readonly error = input.required<unknown>();
  /** 1 when the error replaces the whole page content, so its heading is the page's `<h1>`. */
  readonly headingLevel = input<1 | 2 | 3>(2);
  /** Overrides the messages of a kind, e.g. "meeting not found" instead of the generic "not found". */
  readonly overrides = input<Partial<Record<ApiErrorKind, Partial<ErrorMessageKeys>>>>({});
  readonly retry = output<void>();

  protected readonly kind = computed<ApiErrorKind>(() => {
    const error = this.error();
    return isApiError(error) ? error.kind : 'server';
  });

  protected readonly messages = computed<ErrorMessageKeys>(() => ({
    ...ERROR_MESSAGE_KEYS[this.kind()],
    ...this.overrides()[this.kind()],
  }));

  protected readonly variant = computed(() => (this.kind() === 'tenant-suspended' ? 'warning' : 'danger'));
}
