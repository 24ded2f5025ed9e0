import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AgendaItemDto } from '@ratsinfo/contracts';

/** The public agenda of a meeting as a KERN table in agenda order: item number, subject, result; one block per item on phones. */
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
    /* Phones: one block per item (shared .ri-meeting-table rules), no sideways scrolling. */
    @media (max-width: 767px) {
      .ri-agenda__number {
        width: 100%;
      }
    }
  `,
})
export class AgendaTable {
  readonly items = input.required<readonly AgendaItemDto[]>();
  /** Table caption (already translated), read by screen readers. */
  readonly caption = input.required<string>();

  protected readonly ordered = computed(() => [...this.items()].sort((a, b) => a.order - b.order));
}
