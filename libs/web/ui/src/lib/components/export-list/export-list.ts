import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TenantExportDto } from '@ratsinfo/contracts';
import { DateTime } from '../date-time/date-time';

/** Export states that the worker is still working on: the page keeps polling while one is shown. */
export function exportsInProgress(list: readonly TenantExportDto[]): boolean {
  return list.some((e) => e.status === 'pending' || e.status === 'running');
}

export function formatExportSize(bytes: number | null): string {
  if (bytes === null) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * An authority's exports as a KERN table (operator console and the tenant admin's export page):
 * when and by whom requested, why, the status, size and counts, until when it can be downloaded,
 * and a download button while it is ready. A polite live region says what changed (an export
 * being built, ready, failed), so a screen reader hears the end of the job without moving focus.
 */
@Component({
  selector: 'ri-export-list',
  imports: [TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="kern-body ri-export-status" role="status" aria-live="polite" data-export-status>
      @if (summaryKey(); as key) {
        {{ key | transloco }}
      }
    </p>
    @if (exports().length === 0) {
      <p class="kern-body" data-exports-empty>{{ 'exports.list.empty' | transloco }}</p>
    } @else {
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small ri-meeting-table" role="table" data-exports>
          <caption class="kern-sr-only">{{ 'exports.list.caption' | transloco }}</caption>
          <thead role="rowgroup">
            <tr class="kern-table__row" role="row">
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'exports.list.requested' | transloco }}</th>
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'exports.list.status' | transloco }}</th>
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'exports.list.size' | transloco }}</th>
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'exports.list.expires' | transloco }}</th>
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'exports.list.action' | transloco }}</th>
            </tr>
          </thead>
          <tbody class="kern-table__body" role="rowgroup">
            @for (e of exports(); track e.id) {
              <tr class="kern-table__row" role="row" [attr.data-export-id]="e.id" [attr.data-status]="e.status">
                <th class="kern-table__header" scope="row" role="rowheader">
                  <ri-date-time [value]="e.createdAt" />
                  <span class="ri-export__by">{{ 'exports.list.by' | transloco: { name: e.requestedByName ?? '–', role: (e.requestedAs === 'operator' ? 'exports.as.operator' : 'exports.as.tenantAdmin') | transloco } }}</span>
                  <span class="ri-export__reason">{{ e.reason }}</span>
                </th>
                <td class="kern-table__cell" role="cell" [attr.data-label]="'exports.list.status' | transloco">
                  <span data-export-state>{{ 'exports.status.' + e.status | transloco }}</span>
                  @if (e.status === 'failed' && e.error) {
                    <span class="ri-export__error">{{ e.error }}</span>
                  }
                  @if (e.counts; as counts) {
                    <span class="ri-export__counts">{{ 'exports.list.counts' | transloco: { papers: counts['papers'] ?? 0, files: counts['fileContents'] ?? 0, meetings: counts['meetings'] ?? 0 } }}</span>
                  }
                </td>
                <td class="kern-table__cell" role="cell" [attr.data-label]="'exports.list.size' | transloco">{{ size(e.size) }}</td>
                <td class="kern-table__cell" role="cell" [attr.data-label]="'exports.list.expires' | transloco">
                  @if (e.expiresAt && e.status === 'ready') {
                    <ri-date-time [value]="e.expiresAt" />
                  } @else {
                    <span aria-hidden="true">–</span>
                  }
                </td>
                <td class="kern-table__cell" role="cell" [attr.data-label]="'exports.list.action' | transloco">
                  @if (e.status === 'ready') {
                    <button type="button" class="kern-btn kern-btn--secondary" (click)="download.emit(e)" [disabled]="downloading() === e.id" data-export-download>
                      <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
                      <span class="kern-label">{{ (downloading() === e.id ? 'exports.list.downloading' : 'exports.list.download') | transloco }}</span>
                    </button>
                  } @else {
                    <span aria-hidden="true">–</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .ri-export__by,
    .ri-export__reason,
    .ri-export__counts,
    .ri-export__error {
      display: block;
      font-weight: normal;
      overflow-wrap: anywhere;
    }
    .ri-export__error {
      color: var(--kern-color-feedback-danger, #c3000b);
    }
    .ri-export-status:empty {
      margin: 0;
    }
  `,
})
/** t(exports.status.pending, exports.status.running, exports.status.ready, exports.status.failed, exports.status.expired) */
export class ExportList {
  readonly exports = input.required<readonly TenantExportDto[]>();
  /** The export being downloaded right now (its button is disabled). */
  readonly downloading = input<string | null>(null);
  readonly download = output<TenantExportDto>();

  /** What the newest export is doing, for the live region. */
  protected readonly summaryKey = computed(() => {
    const newest = this.exports()[0];
    if (!newest) return null;
    /** t(exports.live.pending, exports.live.running, exports.live.ready, exports.live.failed, exports.live.expired) */
    return `exports.live.${newest.status}`;
  });

  protected size(bytes: number | null): string {
    return formatExportSize(bytes);
  }
}
