import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, effect, inject, input, untracked, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FieldMessage } from './form-model';

export interface SummaryItem {
  fieldId: string;
  labelKey: string;
  message: FieldMessage;
}

let nextId = 0;

/**
 * Error summary of a structure form (KERN danger alert): each invalid field by its label with
 * the message, as a link that focuses the field. Takes the focus once after each failed submit
 * (`focusKey` incremented), so screen readers announce it and keyboard users start there.
 */
@Component({
  selector: 'ri-structure-error-summary',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length > 0) {
      <div #box class="kern-alert kern-alert--danger" tabindex="-1" [attr.aria-labelledby]="headingId" data-error-summary>
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
          <h2 class="kern-title" [id]="headingId">{{ 'forms.errorSummary' | transloco }}</h2>
        </div>
        <div class="kern-alert__body">
          <ul class="kern-list kern-list--bullet">
            @for (item of items(); track item.fieldId) {
              <li>
                <a class="kern-link" [href]="'#' + item.fieldId" (click)="jumpTo($event, item.fieldId)"
                  >{{ item.labelKey | transloco }}: {{ item.message.key | transloco: item.message.params }}</a
                >
              </li>
            }
          </ul>
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .kern-title,
    .kern-list {
      margin: 0;
    }
  `,
})
export class StructureErrorSummary {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly box = viewChild<ElementRef<HTMLElement>>('box');
  private focusedKey = 0;

  readonly items = input.required<readonly SummaryItem[]>();
  readonly focusKey = input(0);

  protected readonly headingId = `ri-structure-errors-${++nextId}`;

  constructor() {
    effect(() => {
      const key = this.focusKey();
      if (key === this.focusedKey || untracked(() => this.items().length) === 0) return;
      this.focusedKey = key;
      afterNextRender(() => this.box()?.nativeElement.focus(), { injector: this.injector });
    });
  }

  /** Focuses the field (a `#fragment` href would resolve against `<base href>`). */
  protected jumpTo(event: Event, fieldId: string): void {
    event.preventDefault();
    const field = this.document.getElementById(fieldId);
    field?.focus();
    field?.scrollIntoView?.({ block: 'center' });
  }
}
