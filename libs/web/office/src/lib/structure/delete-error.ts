import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, isStaleVersion } from '@ratsinfo/web-data-access';

/**
 * Why a record could not be deleted, in the clerk's words: someone changed it meanwhile (412),
 * or something still depends on it (409: meetings, sub-organizations, faction seats, a user
 * account). Anything else is shown as the usual error with a retry.
 *
 * t(structure.deleteErrors.stale, structure.deleteErrors.meetings, structure.deleteErrors.children,
 *   structure.deleteErrors.factionSeats, structure.deleteErrors.account, structure.deleteErrors.conflict)
 */
@Component({
  selector: 'ri-delete-error',
  imports: [TranslocoPipe, AccessError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (key(); as k) {
      <div class="kern-alert kern-alert--danger" role="alert" data-delete-error>
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
          <h3 class="kern-title">{{ 'structure.deleteErrors.title' | transloco }}</h3>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{{ k | transloco: { count: count() } }}</p>
        </div>
      </div>
    } @else {
      <ri-access-error [error]="error()" [headingLevel]="3" (retry)="retry.emit()" />
    }
  `,
})
export class DeleteError {
  readonly error = input.required<unknown>();
  readonly retry = output<void>();

  private readonly detail = computed(() => {
    const error = this.error();
    return isApiError(error) ? (error.problem?.detail ?? '') : '';
  });

  protected readonly count = computed(() => Number(/(\d+)/.exec(this.detail())?.[1] ?? 0));

  protected readonly key = computed(() => {
    const error = this.error();
    if (isStaleVersion(error)) return 'structure.deleteErrors.stale';
    if (!isApiError(error) || error.kind !== 'conflict') return null;
    const detail = this.detail();
    if (/meeting/.test(detail)) return 'structure.deleteErrors.meetings';
    if (/sub-organization/.test(detail)) return 'structure.deleteErrors.children';
    if (/on behalf of/.test(detail)) return 'structure.deleteErrors.factionSeats';
    if (/user account/.test(detail)) return 'structure.deleteErrors.account';
    return 'structure.deleteErrors.conflict';
  });
}
