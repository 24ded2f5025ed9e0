import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';

/** The `<h1>` of an operator console page with a preline, in a KERN hgroup; focusable for focus management. */
@Component({
  selector: 'ri-operator-heading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hgroup class="kern-hgroup ri-operator-heading">
      @if (preline()) {
        <p class="kern-preline">{{ preline() }}</p>
      }
      <h1 #title class="kern-heading-large" tabindex="-1">{{ heading() }}</h1>
      @if (subline()) {
        <p class="kern-subline">{{ subline() }}</p>
      }
    </hgroup>
  `,
  styles: `
    .ri-operator-heading {
      margin-block: var(--kern-metric-space-default, 16px) var(--kern-metric-space-large, 24px);
      padding-left: var(--kern-metric-space-default, 16px);
      border-left: 8px solid var(--kern-color-decorative-brand-default, #454b6b);
    }
    h1 {
      margin: 0;
    }
    h1:focus {
      outline: none;
    }
  `,
})
export class OperatorHeading {
  private readonly element = viewChild.required<ElementRef<HTMLElement>>('title');

  readonly heading = input.required<string>();
  readonly preline = input<string | null>(null);
  readonly subline = input<string | null>(null);

  focus(): void {
    this.element().nativeElement.focus();
  }
}
