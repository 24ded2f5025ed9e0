import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AgendaItemDto } from '@ratsinfo/contracts';

/** The public agenda of a meeting as a KERN table in agenda order: item number, subject, result. */
@Component({
  selector: 'ri-agenda-table',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agenda-table.html',
  styles: `
    .ri-agenda__number {
      white-space: nowrap;
      width: 1%;
    }
    .ri-agenda__name {
      font-weight: inherit;
    }
  `,
})
export class AgendaTable {
  readonly items = input.required<readonly AgendaItemDto[]>();
  /** Table caption (already translated), read by screen readers. */
  readonly caption = input.required<string>();

  protected readonly ordered = computed(() => [...this.items()].sort((a, b) => a.order - b.order));
}
