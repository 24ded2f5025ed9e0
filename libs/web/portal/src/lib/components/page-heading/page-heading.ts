import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { safeHexColour } from '../../colour';

/**
 * The `<h1>` of a page with an optional preline (e.g. the kind of authority) in a KERN hgroup.
 * `accent` (the authority's primary colour) draws a decorative bar beside the heading; text
 * colours stay KERN's, so contrast never depends on a tenant's branding.
 */
@Component({
  selector: 'ri-page-heading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hgroup class="kern-hgroup ri-page-heading" [class.ri-page-heading--accent]="!!accentColour()" [style.--ri-accent]="accentColour()">
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
    .ri-page-heading {
      margin-block: var(--kern-metric-space-default, 16px) var(--kern-metric-space-large, 24px);
      padding-left: var(--kern-metric-space-default, 16px);
      border-left: 8px solid var(--kern-color-decorative-brand-default, #454b6b);
    }
    .ri-page-heading--accent {
      border-left-color: var(--ri-accent);
    }
    h1 {
      margin: 0;
    }
  `,
})
export class PageHeading {
  readonly heading = input.required<string>();
  readonly preline = input<string | null>(null);
  readonly subline = input<string | null>(null);
  /** Colour like `#1a5e9b`; anything else is ignored. */
  readonly accent = input<string | null>(null);

  protected readonly accentColour = computed(() => safeHexColour(this.accent()));
}
