import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalAgendaItem } from '@ratsinfo/contracts';
import { FileList } from '../file-list/file-list';

/**
 * The public agenda of a meeting as a KERN table in agenda order: item number, subject (with the
 * paper it deliberates and its files to open or download), result; one block per item on phones.
 */
@Component({
  selector: 'ri-agenda-table',
  imports: [RouterLink, TranslocoPipe, FileList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agenda-table.html',
  styles: `
    .ri-agenda__number {
      white-space: nowrap;
      width: 1%;
    }
    .ri-agenda__name {
      font-weight: inherit;
      overflow-wrap: anywhere;
    }
    .ri-agenda__row--sub .ri-agenda__name {
      padding-left: var(--kern-metric-space-large, 24px);
    }
    .ri-agenda__title {
      font-weight: 600;
    }
    .ri-agenda__paper {
      display: block;
    }
    .ri-agenda__badge {
      min-height: auto;
      margin-left: var(--kern-metric-space-small, 8px);
    }
    .ri-agenda__files {
      display: block;
      margin-top: var(--kern-metric-space-x-small, 4px);
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
  readonly items = input.required<readonly PortalAgendaItem[]>();
  /** For the links to the items' papers. */
  readonly tenantSlug = input.required<string>();
  /** Table caption (already translated), read by screen readers. */
  readonly caption = input.required<string>();

  protected readonly ordered = computed(() => [...this.items()].sort((a, b) => a.order - b.order));
}
