import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterEveryRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEventDto, PagedResponse } from '@ratsinfo/contracts';
import { AuditPage } from '@ratsinfo/web-data-access';
import { AuditLogTable, Loading } from '@ratsinfo/web-ui';
import { Observable, map, tap } from 'rxjs';
import { AccessError } from '../access-error/access-error';

/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/**
 * An audit log paged by the API's cursor: each page holds up to {@link AUDIT_PAGE_SIZE} events,
 * "Ältere Einträge" asks for the page after the one shown (its `nextCursor`), "Neuere Einträge"
 * goes back. After paging, the focus moves to the line saying which entries are shown.
 */
@Component({
  selector: 'ri-audit-log',
  imports: [AuditLogTable, Loading, AccessError, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (events.isLoading()) {
      <ri-loading [label]="'audit.loading' | transloco" />
    } @else if (events.error(); as error) {
      <ri-access-error [error]="error" [headingLevel]="2" (retry)="events.reload()" />
    } @else if (events.hasValue()) {
      @if (events.value().length === 0) {
        <p class="kern-body" role="status">{{ (page() === 1 ? 'audit.empty' : 'audit.noOlder') | transloco }}</p>
      } @else {
        <p #range class="kern-body ri-audit-log__range" tabindex="-1" data-audit-range>
          {{ 'audit.range' | transloco: { from: firstIndex(), to: firstIndex() + events.value().length - 1 } }}
        </p>
        <ri-audit-log-table [events]="events.value()" [caption]="caption()" [showTenant]="showTenant()" />
      }
      @if (page() > 1 || hasOlder()) {
        <nav class="ri-audit-log__pager" [attr.aria-label]="'audit.pagerLabel' | transloco">
          @if (page() > 1) {
            <button type="button" class="kern-btn kern-btn--secondary" (click)="newer()">
              <span class="kern-icon kern-icon--arrow-back" aria-hidden="true"></span>
              <span class="kern-label">{{ 'audit.newer' | transloco }}</span>
            </button>
          }
          @if (hasOlder()) {
            <button type="button" class="kern-btn kern-btn--secondary" (click)="older()">
              <span class="kern-label">{{ 'audit.older' | transloco }}</span>
              <span class="kern-icon kern-icon--arrow-forward" aria-hidden="true"></span>
            </button>
          }
        </nav>
      }
    }
  `,
  styles: `
    .ri-audit-log__range:focus {
      outline: none;
    }
    .ri-audit-log__pager {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      margin-top: var(--kern-metric-space-default, 16px);
    }
  `,
})
export class AuditLog {
  private readonly injector = inject(Injector);
  private readonly range = viewChild<ElementRef<HTMLElement>>('range');

  /** Loads one page of events, newest first. */
  readonly load = input.required<(page: AuditPage) => Observable<PagedResponse<AuditEventDto>>>();
  /** Table caption (already translated). */
  readonly caption = input.required<string>();
  readonly showTenant = input(false);
  readonly pageSize = input(AUDIT_PAGE_SIZE);

  /** Cursors of the pages visited; the last one is the current page (undefined: newest). */
  private readonly cursors = signal<(string | undefined)[]>([undefined]);
  protected readonly page = computed(() => this.cursors().length);
  protected readonly firstIndex = computed(() => (this.page() - 1) * this.pageSize() + 1);

  protected readonly events = rxResource({
    params: () => ({ load: this.load(), cursor: this.cursors().at(-1), limit: this.pageSize() }),
    stream: ({ params }) =>
      params.load({ limit: params.limit, cursor: params.cursor }).pipe(
        tap((page) => this.nextCursor.set(page.nextCursor)),
        map((page) => page.data),
      ),
  });

  /** Where the page after the current one starts; null on the last page. */
  private readonly nextCursor = signal<string | null>(null);
  protected readonly hasOlder = computed(() => this.events.hasValue() && this.nextCursor() !== null);

  protected older(): void {
    const next = this.nextCursor();
    if (!next) return;
    this.cursors.update((cursors) => [...cursors, next]);
    this.focusRangeWhenLoaded();
  }

  protected newer(): void {
    this.cursors.update((cursors) => (cursors.length > 1 ? cursors.slice(0, -1) : cursors));
    this.focusRangeWhenLoaded();
  }

  /** Moves the focus to the "entries x to y" line once the page has rendered. */
  private focusRangeWhenLoaded(): void {
    const ref = afterEveryRender(
      () => {
        if (this.events.isLoading()) return;
        ref.destroy();
        this.range()?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }
}
