import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ProvisioningStepDto, TenantStatus } from '@ratsinfo/contracts';
import { PROVISIONING_SUMMARY_KEYS, TENANT_DISPLAY_STATE_KEYS, TenantDisplayState } from '../../labels';
import { displayStates, summarize } from '../../provisioning';

/**
 * Status of an authority as a KERN badge with an icon and the status in words (never colour only).
 * With its provisioning steps, an onboarding that stopped at a failure reads "Einrichtung
 * fehlgeschlagen" instead of "Einrichtung läuft".
 */
@Component({
  selector: 'ri-tenant-status',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="kern-badge" [class]="'kern-badge--' + variant()" [attr.data-status]="state()">
      <span class="kern-icon" [class]="'kern-icon--' + icon()" aria-hidden="true"></span>
      <span class="kern-label">{{ keys[state()] | transloco }}</span>
    </span>
  `,
  styles: `
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class TenantStatusBadge {
  readonly status = input.required<TenantStatus>();
  /** The provisioning steps, to tell a failed onboarding from a running one. */
  readonly steps = input<readonly ProvisioningStepDto[]>([]);

  protected readonly keys = TENANT_DISPLAY_STATE_KEYS;
  protected readonly state = computed(() => tenantDisplayState(this.status(), this.steps()));
  protected readonly variant = computed(() => ({ active: 'success', suspended: 'warning', provisioning: 'info', 'provisioning-failed': 'danger' })[this.state()]);
  protected readonly icon = computed(() => ({ active: 'success', suspended: 'warning', provisioning: 'info', 'provisioning-failed': 'danger' })[this.state()]);
}

/** The state to show: onboarding split into running and failed. */
export function tenantDisplayState(status: TenantStatus, steps: readonly ProvisioningStepDto[]): TenantDisplayState {
  if (status !== 'provisioning') return status;
  return steps.some((step) => step.state === 'failed') ? 'provisioning-failed' : 'provisioning';
}

/** Provisioning state of an authority in words: "abgeschlossen", "läuft (3 von 5)", "fehlgeschlagen". */
@Component({
  selector: 'ri-provisioning-summary',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span [attr.data-provisioning]="summary()">
      @if (summary() === 'failed') {
        <span class="kern-badge kern-badge--danger">
          <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
          <span class="kern-label">{{ keys.failed | transloco }}</span>
        </span>
      } @else {
        {{ keys[summary()] | transloco: { done: done(), total: steps().length } }}
      }
    </span>
  `,
  styles: `
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class ProvisioningSummaryText {
  readonly steps = input.required<readonly ProvisioningStepDto[]>();

  protected readonly keys = PROVISIONING_SUMMARY_KEYS;
  private readonly states = computed(() => displayStates(this.steps(), null));
  protected readonly summary = computed(() => summarize(this.states()));
  protected readonly done = computed(() => this.states().filter((state) => state === 'done').length);
}
