import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { OperatorDeadLetterDto } from '@ratsinfo/contracts';
import { DeadLettersApi } from '@ratsinfo/web-data-access';
import { Alert, LanguageService, Loading, formatDate, formatTime } from '@ratsinfo/web-ui';
import { OperatorHeading } from '../../components/operator-heading/operator-heading';

/**
 * `/betrieb/fehlgeschlagene-auftraege`: every authority's failed jobs, for operators: which
 * authority, what kind of job, when, how often, the kind of error. No contents: the API never
 * sends payload, message or names of the authority's data.
 */
@Component({
  selector: 'ri-operator-dead-letters-page',
  imports: [TranslocoPipe, Alert, Loading, OperatorHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-operator-heading [heading]="'deadLetters.operator.heading' | transloco" [preline]="'operator.preline' | transloco" />
    <p class="kern-body">{{ 'deadLetters.operator.intro' | transloco }}</p>
    <p class="kern-body" data-testid="dead-letters-no-content">{{ 'deadLetters.operator.noContent' | transloco }}</p>
    @if (list.isLoading() && rows().length === 0) {
      <ri-loading [label]="'deadLetters.operator.loading' | transloco" />
    } @else if (list.error()) {
      <ri-alert variant="danger" [heading]="'deadLetters.operator.loadFailed' | transloco" role="alert" />
    } @else if (rows().length === 0) {
      <p class="kern-body" data-testid="dead-letters-empty">{{ 'deadLetters.operator.empty' | transloco }}</p>
    } @else {
      <div class="ri-dl-scroll" tabindex="0" role="region" [attr.aria-label]="'deadLetters.operator.caption' | transloco">
        <table class="kern-table">
          <caption class="kern-sr-only">{{ 'deadLetters.operator.caption' | transloco }}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.authority' | transloco }}</th>
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.job' | transloco }}</th>
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.failedAt' | transloco }}</th>
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.createdAt' | transloco }}</th>
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.attempts' | transloco }}</th>
              <th class="kern-table__header" scope="col">{{ 'deadLetters.operator.errorKind' | transloco }}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            @for (d of rows(); track d.id) {
              <tr class="kern-table__row" data-testid="operator-dead-letter">
                <th class="kern-table__header" scope="row">{{ d.tenant.name ?? d.tenant.slug ?? d.tenant.id }}</th>
                <td class="kern-table__cell">{{ d.labelKey ? (d.labelKey | transloco) : d.topic }}</td>
                <td class="kern-table__cell">{{ when(d.deadAt) }}</td>
                <td class="kern-table__cell">{{ when(d.createdAt) }}</td>
                <td class="kern-table__cell">{{ d.attempts }}</td>
                <td class="kern-table__cell"><code>{{ d.errorKind }}</code></td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (nextCursor()) {
        <button type="button" class="kern-btn kern-btn--tertiary" (click)="more()">
          <span class="kern-label">{{ 'deadLetters.operator.more' | transloco }}</span>
        </button>
      }
    }
  `,
  styles: `
    .ri-dl-scroll {
      overflow-x: auto;
      max-width: 100%;
    }
  `,
})
export class OperatorDeadLettersPage {
  private readonly api = inject(DeadLettersApi);
  private readonly language = inject(LanguageService);
  private readonly cursor = signal<string | undefined>(undefined);
  private readonly earlier = signal<readonly OperatorDeadLetterDto[]>([]);
  protected readonly list = rxResource({ params: () => ({ cursor: this.cursor() }), stream: ({ params }) => this.api.operator({ cursor: params.cursor }) });
  protected readonly rows = computed(() => [...this.earlier(), ...(this.list.value()?.data ?? [])]);
  protected readonly nextCursor = computed(() => this.list.value()?.nextCursor ?? null);

  protected when(iso: string): string {
    const lang = this.language.active();
    return `${formatDate(iso, lang)}, ${formatTime(iso, lang)}`;
  }

  protected more(): void {
    this.earlier.set(this.rows());
    this.cursor.set(this.nextCursor() ?? undefined);
  }
}
