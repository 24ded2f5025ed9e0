import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PaperStatus } from '@ratsinfo/contracts';
import { PAPER_STATUS_BADGE, PAPER_STATUS_KEYS } from './paper-labels';

/** Status of a paper as a KERN badge with an icon and the status in words (never colour only). */
@Component({
  selector: 'ri-paper-status',
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
export class PaperStatusBadge {
  readonly status = input.required<PaperStatus>();

  protected readonly keys = PAPER_STATUS_KEYS;
  protected readonly badge = computed(() => PAPER_STATUS_BADGE[this.status()]);
}
