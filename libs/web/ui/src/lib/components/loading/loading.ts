import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Busy indicator: KERN loader plus a visible text, announced politely by screen readers. */
@Component({
  selector: 'ri-loading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ri-loading" role="status">
      <span class="kern-loader kern-loader--visible" aria-hidden="true"></span>
      <span class="kern-body">{{ label() }}</span>
    </div>
  `,
  styles: `
    .ri-loading {
      display: flex;
      align-items: center;
      gap: var(--kern-metric-space-default, 16px);
      padding-block: var(--kern-metric-space-large, 24px);
    }
    .kern-loader {
      width: 48px;
      height: 48px;
      border-width: 6px;
      flex-shrink: 0;
    }
    .kern-loader::before,
    .kern-loader::after {
      display: none;
    }
    @media (prefers-reduced-motion: reduce) {
      .kern-loader {
        animation-duration: 6s;
      }
    }
  `,
})
export class Loading {
  /** Visible and announced text, already translated. */
  readonly label = input.required<string>();
}
