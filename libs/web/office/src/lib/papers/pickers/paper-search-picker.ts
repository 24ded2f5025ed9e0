import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, model, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { PaperRefDto, PaperSummaryDto } from '@ratsinfo/contracts';
import { PapersApi } from '../data/papers-api';
import { PaperStatusBadge } from '../paper-status-badge';

/** Search results shown at most (the clerk narrows the words rather than paging). */
const RESULT_LIMIT = 10;

/**
 * Related or superordinate papers: search the authority's papers by reference or words of the
 * title, then take one from the results. `single` keeps one paper (the superordinate paper),
 * otherwise a list (related papers). The paper itself and those already chosen are not offered.
 */
@Component({
  selector: 'ri-paper-search-picker',
  imports: [TranslocoPipe, PaperStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="kern-fieldset ri-paper-picker">
      <legend class="kern-label">
        {{ legend() }} <span class="kern-label__optional">{{ 'forms.optional' | transloco }}</span>
      </legend>
      @if (value().length > 0) {
        <ul class="kern-list ri-paper-picker__chosen" [attr.aria-label]="legend()">
          @for (paper of value(); track paper.id; let index = $index) {
            <li class="ri-paper-picker__item" [attr.data-chosen-paper]="paper.id">
              <span
                ><strong>{{ paper.reference }}</strong> {{ paper.name }}</span
              >
              @if (!disabled()) {
                <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="remove(index)" data-remove-paper>
                  <span class="kern-icon kern-icon--close" aria-hidden="true"></span>
                  <span class="kern-label">{{ 'papers.picker.remove' | transloco }}</span>
                  <span class="ri-sr-only">{{ paper.reference }}</span>
                </button>
              }
            </li>
          }
        </ul>
      } @else {
        <p class="kern-body ri-paper-picker__none">{{ noneText() }}</p>
      }

      @if (!disabled() && (!single() || value().length === 0)) {
        <div class="ri-paper-picker__search">
          <div class="kern-form-input">
            <label class="kern-label" [for]="inputId()">{{ 'papers.picker.searchLabel' | transloco }}</label>
            <input
              class="kern-form-input__input"
              type="search"
              maxlength="200"
              [id]="inputId()"
              [value]="query()"
              (input)="onQuery($event)"
              (keydown.enter)="search($event)"
              autocomplete="off"
              data-paper-search
            />
          </div>
          <button type="button" class="kern-btn kern-btn--secondary" (click)="search()" data-paper-search-button>
            <span class="kern-icon kern-icon--search" aria-hidden="true"></span>
            <span class="kern-label">{{ 'papers.picker.search' | transloco }}</span>
          </button>
        </div>
        <p class="kern-body kern-body--small ri-paper-picker__status" role="status" aria-live="polite">
          @if (searching()) {
            {{ 'papers.picker.searching' | transloco }}
          } @else if (failed()) {
            {{ 'papers.picker.failed' | transloco }}
          } @else if (results(); as results) {
            {{ (results.length === 0 ? 'papers.picker.noResults' : 'papers.picker.results') | transloco: { count: results.length } }}
          }
        </p>
        @if (offered().length > 0) {
          <ul class="kern-list ri-paper-picker__results" [attr.aria-label]="'papers.picker.resultsLabel' | transloco">
            @for (paper of offered(); track paper.id) {
              <li class="ri-paper-picker__item" [attr.data-result-paper]="paper.id">
                <span
                  ><strong>{{ paper.reference }}</strong> {{ paper.name }} <ri-paper-status [status]="paper.status"
                /></span>
                <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" (click)="take(paper)" data-take-paper>
                  <span class="kern-label">{{ (single() ? 'papers.picker.choosePaper' : 'papers.picker.add') | transloco }}</span>
                  <span class="ri-sr-only">{{ paper.reference }}</span>
                </button>
              </li>
            }
          </ul>
        }
      }
    </fieldset>
  `,
  styles: `
    /* KERN floats the legend: everything after it starts on a line of its own */
    .ri-paper-picker > :not(legend) {
      clear: left;
    }
    .ri-paper-picker__chosen,
    .ri-paper-picker__results {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: var(--kern-metric-space-2x-small, 4px);
    }
    .ri-paper-picker__item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--kern-metric-space-small, 8px);
      padding-block: var(--kern-metric-space-2x-small, 4px);
      border-bottom: 1px solid var(--kern-color-layout-border, #6e7597);
      overflow-wrap: anywhere;
    }
    .ri-paper-picker__none,
    .ri-paper-picker__status:empty {
      margin: 0;
    }
    .ri-paper-picker__search {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--kern-metric-space-small, 8px);
      margin-top: var(--kern-metric-space-small, 8px);
    }
    .ri-paper-picker__search .kern-form-input {
      flex: 1 1 14rem;
      min-width: 0;
    }
  `,
})
export class PaperSearchPicker {
  private readonly api = inject(PapersApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly slug = input.required<string>();
  readonly value = model<readonly PaperRefDto[]>([]);
  readonly legend = input.required<string>();
  readonly noneText = input.required<string>();
  readonly inputId = input.required<string>();
  /** One paper at most (the superordinate paper). */
  readonly single = input(false);
  /** Papers never offered (the paper being edited). */
  readonly excludeIds = input<readonly string[]>([]);
  readonly disabled = input(false);

  protected readonly query = signal('');
  protected readonly searching = signal(false);
  protected readonly failed = signal(false);
  protected readonly results = signal<PaperSummaryDto[] | null>(null);

  protected readonly offered = computed(() => {
    const excluded = new Set([...this.excludeIds(), ...this.value().map((paper) => paper.id)]);
    return (this.results() ?? []).filter((paper) => !excluded.has(paper.id));
  });

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  /** Searches; Enter in the field searches too instead of submitting the paper form. */
  search(event?: Event): void {
    event?.preventDefault();
    const q = this.query().trim();
    if (q === '' || this.searching()) return;
    this.searching.set(true);
    this.failed.set(false);
    this.api.papers(this.slug(), { q }, { limit: RESULT_LIMIT }).subscribe({
      next: (page) => {
        this.searching.set(false);
        this.results.set(page.data);
      },
      error: () => {
        this.searching.set(false);
        this.failed.set(true);
        this.results.set(null);
      },
    });
  }

  protected take(paper: PaperSummaryDto): void {
    const ref: PaperRefDto = { id: paper.id, reference: paper.reference, name: paper.name, status: paper.status, public: paper.public };
    this.value.update((papers) => (this.single() ? [ref] : [...papers, ref]));
    /** t(papers.picker.added) */
    void this.announcer.announce(this.transloco.translate('papers.picker.added', { label: `${paper.reference} ${paper.name}` }), 'polite');
    if (this.single()) {
      this.results.set(null);
      this.focusAfterRender('[data-remove-paper]');
    } else {
      this.focusAfterRender(`[id="${this.inputId()}"]`);
    }
  }

  protected remove(index: number): void {
    const paper = this.value()[index];
    if (!paper) return;
    this.value.update((papers) => papers.filter((_, i) => i !== index));
    /** t(papers.picker.removed) */
    void this.announcer.announce(this.transloco.translate('papers.picker.removed', { label: paper.reference }), 'polite');
    const rest = this.value().length;
    this.focusAfterRender(rest > 0 ? `[data-chosen-paper]:nth-child(${Math.min(index, rest - 1) + 1}) [data-remove-paper]` : `[id="${this.inputId()}"]`);
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
