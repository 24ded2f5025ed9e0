import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

/**
 * KERN alert box with an icon, a heading and projected body content. `role` makes it a live
 * region when it appears after the page has loaded (`alert` for errors, `status` for notes).
 */
@Component({
  selector: 'ri-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kern-alert" [class]="'kern-alert--' + variant()" [attr.role]="role()">
      <div class="kern-alert__header">
        <span class="kern-icon" [class]="'kern-icon--' + variant()" aria-hidden="true"></span>
        @if (headingLevel() === 1) {
          <h1 class="kern-title">{{ heading() }}</h1>
        } @else if (headingLevel() === 2) {
          <h2 class="kern-title">{{ heading() }}</h2>
        } @else if (headingLevel() === 3) {
          <h3 class="kern-title">{{ heading() }}</h3>
        } @else {
          <h4 class="kern-title">{{ heading() }}</h4>
        }
      </div>
      <div class="kern-alert__body">
        <ng-content />
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .kern-title {
      margin: 0;
    }
  `,
})
export class Alert {
  readonly variant = input<AlertVariant>('info');
  readonly heading = input.required<string>();
  /** Level of the heading element: 1 when the alert is the page's main content (e.g. "not found"). */
  readonly headingLevel = input<1 | 2 | 3 | 4>(2);
  readonly role = input<'alert' | 'status' | null>(null);
}
