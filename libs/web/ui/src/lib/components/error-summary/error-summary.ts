import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** One invalid field of a form: the id of its input and the translation key (and parameters) of the message. */
export interface FormErrorItem {
  fieldId: string;
  messageKey: string;
  params?: Record<string, unknown>;
  /** The field's label (translation key), shown before the message ("Name: darf nicht leer sein") where the message does not name it. */
  labelKey?: string;
}

let nextId = 0;

/**
 * Error summary at the top of a form (KERN danger alert): lists every invalid field as a link
 * that moves the focus to the field. After a failed submit the page increments `focusKey`; the
 * summary then takes the focus once, so screen readers read it and keyboard users start there.
 */
@Component({
  selector: 'ri-error-summary',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (errors().length > 0) {
      <div #box class="kern-alert kern-alert--danger ri-error-summary" tabindex="-1" [attr.aria-labelledby]="headingId" data-error-summary>
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
          <h2 class="kern-title" [id]="headingId">{{ heading() }}</h2>
        </div>
        <div class="kern-alert__body">
          <ul class="kern-list kern-list--bullet">
            @for (error of errors(); track error.fieldId) {
              <li>
                <a class="kern-link" [href]="'#' + error.fieldId" (click)="jumpTo($event, error.fieldId)"
                  >@if (error.labelKey) {{{ error.labelKey | transloco }}: }{{ error.messageKey | transloco: error.params }}</a
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
    }
    .ri-error-summary {
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .kern-title {
      margin: 0;
    }
    .kern-list {
      margin: 0;
    }
  `,
})
export class ErrorSummary {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly box = viewChild<ElementRef<HTMLElement>>('box');
  private focusedKey = 0;

  readonly errors = input.required<readonly FormErrorItem[]>();
  readonly heading = input.required<string>();
  /** Incremented by the form after each failed submit: the summary then takes the focus. */
  readonly focusKey = input(0);

  protected readonly headingId = `ri-error-summary-${++nextId}`;

  constructor() {
    effect(() => {
      const key = this.focusKey();
      if (key === this.focusedKey || untracked(() => this.errors().length) === 0) return;
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
