import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ResolutionStatus } from '@ratsinfo/contracts';
import { RESOLUTION_STATUS_BADGE, RESOLUTION_STATUS_KEYS } from './resolution-labels';

/** Status of a resolution as a KERN badge with an icon and the status in words. */
@Component({
  selector: 'ri-resolution-status',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="kern-badge" [class]="'kern-badge--' + badge().variant" [attr.data-status]="status()">
      <span class="kern-icon" [class]="'kern-icon--' + badge().icon" aria-hidden="true"></span>
      <span class="kern-label">{{ keys[status()] | transloco }}</span>
    </span>
  `,
  styles: `
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class ResolutionStatusBadge {
  readonly status = input.required<ResolutionStatus>();

  protected readonly keys = RESOLUTION_STATUS_KEYS;
  protected readonly badge = computed(() => RESOLUTION_STATUS_BADGE[this.status()]);
}
