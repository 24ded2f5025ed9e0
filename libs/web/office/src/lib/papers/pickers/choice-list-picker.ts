import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, model, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

/** One choice of a {@link ChoiceListPicker}. */
export interface PickerOption {
  id: string;
  label: string;
}

/**
 * Several of a known list (persons, bodies): the chosen ones as a list with "Entfernen" buttons,
 * below a select with "Hinzufügen". A separate button rather than adding on `change`, because
 * arrowing through a closed select fires `change` for every option it passes in some browsers.
 * Adding and removing are announced; the focus goes back to the select, or after a removal to
 * the next entry's button.
 */
@Component({
  selector: 'ri-choice-list-picker',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="kern-fieldset ri-picker" [attr.aria-describedby]="hint() ? inputId() + '-hint' : null">
      <legend class="kern-label">
        {{ legend() }} <span class="kern-label__optional">{{ 'forms.optional' | transloco }}</span>
      </legend>
      @if (hint()) {
        <div class="kern-hint" [id]="inputId() + '-hint'">{{ hint() }}</div>
      }
      @if (chosen().length > 0) {
        <ul class="kern-list ri-picker__chosen" [attr.aria-label]="chosenLabel()">
          @for (option of chosen(); track option.id; let index = $index) {
            <li class="ri-picker__item" [attr.data-chosen]="option.id">
              <span>{{ option.label }}</span>
              @if (!disabled()) {
                <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="remove(index)" data-remove-choice>
                  <span class="kern-icon kern-icon--close" aria-hidden="true"></span>
                  <span class="kern-label">{{ 'papers.picker.remove' | transloco }}</span>
                  <span class="ri-sr-only">{{ option.label }}</span>
                </button>
              }
            </li>
          }
        </ul>
      } @else {
        <p class="kern-body ri-picker__none">{{ noneText() }}</p>
      }
      @if (!disabled()) {
        <div class="ri-picker__add">
          <div class="kern-form-input">
            <label class="kern-label" [for]="inputId()">{{ addLabel() }}</label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" [id]="inputId()" [value]="pending()" (change)="onPending($event)" data-choice-select>
                <option value="">{{ 'papers.picker.choose' | transloco }}</option>
                @for (option of available(); track option.id) {
                  <option [value]="option.id">{{ option.label }}</option>
                }
              </select>
            </div>
          </div>
          <button type="button" class="kern-btn kern-btn--secondary" [disabled]="!pending()" (click)="add()" data-add-choice>
            <span class="kern-label">{{ 'papers.picker.add' | transloco }}</span>
          </button>
        </div>
      }
    </fieldset>
  `,
  styles: `
    /* KERN floats the legend: everything after it starts on a line of its own */
    .ri-picker > :not(legend) {
      clear: left;
    }
    .ri-picker__chosen {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: var(--kern-metric-space-2x-small, 4px);
    }
    .ri-picker__item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--kern-metric-space-small, 8px);
      padding-block: var(--kern-metric-space-2x-small, 4px);
      border-bottom: 1px solid var(--kern-color-layout-border, #6e7597);
      overflow-wrap: anywhere;
    }
    .ri-picker__none {
      margin: 0;
    }
    .ri-picker__add {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--kern-metric-space-small, 8px);
      margin-top: var(--kern-metric-space-small, 8px);
    }
    .ri-picker__add .kern-form-input {
      flex: 1 1 14rem;
      min-width: 0;
    }
  `,
})
export class ChoiceListPicker {
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Everything that can be chosen. */
  readonly options = input.required<readonly PickerOption[]>();
  /** Ids of the chosen options, in the order chosen. */
  readonly value = model<readonly string[]>([]);
  readonly legend = input.required<string>();
  readonly hint = input<string | null>(null);
  /** Label of the select ("Person hinzufügen"). */
  readonly addLabel = input.required<string>();
  /** Accessible name of the list of chosen entries. */
  readonly chosenLabel = input.required<string>();
  /** Shown while nothing is chosen. */
  readonly noneText = input.required<string>();
  /** Id of the select (error summaries link to it). */
  readonly inputId = input.required<string>();
  readonly disabled = input(false);

  protected readonly pending = signal('');

  private readonly byId = computed(() => new Map(this.options().map((option) => [option.id, option])));
  /** The chosen entries with their labels (an id no longer among the options keeps a neutral label). */
  protected readonly chosen = computed(() =>
    this.value().map((id) => this.byId().get(id) ?? { id, label: this.transloco.translate('papers.picker.unknown') }),
  );
  protected readonly available = computed(() => {
    const chosen = new Set(this.value());
    return this.options().filter((option) => !chosen.has(option.id));
  });

  protected onPending(event: Event): void {
    this.pending.set((event.target as HTMLSelectElement).value);
  }

  protected add(): void {
    const id = this.pending();
    const option = this.byId().get(id);
    if (!option || this.value().includes(id)) return;
    this.value.update((ids) => [...ids, id]);
    this.pending.set('');
    /** t(papers.picker.added) */
    void this.announcer.announce(this.transloco.translate('papers.picker.added', { label: option.label }), 'polite');
    this.focusAfterRender(`[id="${this.inputId()}"]`);
  }

  protected remove(index: number): void {
    const option = this.chosen()[index];
    if (!option) return;
    this.value.update((ids) => ids.filter((_, i) => i !== index));
    /** t(papers.picker.removed) */
    void this.announcer.announce(this.transloco.translate('papers.picker.removed', { label: option.label }), 'polite');
    const rest = this.value().length;
    this.focusAfterRender(rest > 0 ? `[data-chosen]:nth-child(${Math.min(index, rest - 1) + 1}) [data-remove-choice]` : `[id="${this.inputId()}"]`);
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
