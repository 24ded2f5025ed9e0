import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The `<h1>` of a back-office page with the authority as preline, in a KERN hgroup. */
@Component({
  selector: 'ri-office-heading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hgroup class="kern-hgroup ri-office-heading">
      @if (preline()) {
        <p class="kern-preline">{{ preline() }}</p>
      }
      <h1 class="kern-heading-large">{{ heading() }}</h1>
      @if (subline()) {
        <p class="kern-subline">{{ subline() }}</p>
      }
    </hgroup>
  `,
  styles: `
    .ri-office-heading {
      margin-block: var(--kern-metric-space-default, 16px) var(--kern-metric-space-large, 24px);
      padding-left: var(--kern-metric-space-default, 16px);
      border-left: 8px solid var(--kern-color-decorative-brand-default, #454b6b);
    }
    h1 {
      margin: 0;
    }
  `,
})
export class OfficeHeading {
  readonly heading = input.required<string>();
  readonly preline = input<string | null>(null);
  readonly subline = input<string | null>(null);
}
