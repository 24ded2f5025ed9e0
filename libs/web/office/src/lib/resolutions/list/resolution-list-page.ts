import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type OfficeResolutionSummaryDto, RESOLUTION_STATUSES, type ResolutionStatus } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { BreadcrumbItem, Breadcrumbs, DateTime, Loading, PageTitle } from '@ratsinfo/web-ui';
import { map } from 'rxjs';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';
import { ResolutionsApi, type ResolutionListFilter } from '../data/resolutions-api';
import { RESOLUTION_STATUS_KEYS, plainDate } from '../resolution-labels';
import { ResolutionStatusBadge } from '../resolution-status-badge';

/** Resolutions per page ("Weitere laden" fetches the next as many). */
export const RESOLUTION_PAGE_SIZE = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters as the URL holds them (`?status=open&ueberfaellig=1&gremium=…`); anything unknown is ignored. */
export function resolutionFiltersFromQuery(q: Params): Required<ResolutionListFilter> {
  const status = typeof q['status'] === 'string' && (RESOLUTION_STATUSES as readonly string[]).includes(q['status']) ? (q['status'] as ResolutionStatus) : null;
  const organizationId = typeof q['gremium'] === 'string' && UUID.test(q['gremium']) ? q['gremium'] : null;
  return { status, overdue: q['ueberfaellig'] === '1', organizationId };
}

function filtersToQuery(f: ResolutionListFilter): Params {
  return { status: f.status || null, ueberfaellig: f.overdue ? '1' : null, gremium: f.organizationId || null };
}

/**
 * `/:tenant/verwaltung/beschluesse`: the resolutions to follow up (Beschlusskontrolle), newest
 * meeting first, or — "nur überfällige" — the overdue ones, the oldest due date first. Filters
 * live in the URL; an overdue resolution says so in words ("überfällig seit …") besides its colour.
 */
@Component({
  selector: 'ri-resolution-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, AccessError, Breadcrumbs, DateTime, Loading, OfficeHeading, ResolutionStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './resolution-list-page.html',
  styleUrl: './resolution-list-page.css',
})
export class ResolutionListPage {
  private readonly api = inject(ResolutionsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);
  protected readonly context = inject(OfficeContext);

  protected readonly statuses = RESOLUTION_STATUSES;
  protected readonly statusKeys = RESOLUTION_STATUS_KEYS;
  private readonly language = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });

  protected readonly filters = toSignal(this.route.queryParams.pipe(map(resolutionFiltersFromQuery)), { initialValue: resolutionFiltersFromQuery({}) });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.status !== null || f.overdue || f.organizationId !== null;
  });

  protected readonly form = new FormGroup({
    status: new FormControl('', { nonNullable: true }),
    overdue: new FormControl(false, { nonNullable: true }),
    organizationId: new FormControl('', { nonNullable: true }),
  });

  protected readonly organizations = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.organizations(slug),
  });

  protected readonly firstPage = rxResource({
    params: () => ({ slug: this.context.slug(), filters: this.filters() }),
    stream: ({ params }) => this.api.list(params.slug, params.filters, { limit: RESOLUTION_PAGE_SIZE }),
  });

  private readonly more = linkedSignal<unknown, OfficeResolutionSummaryDto[]>({ source: () => this.firstPage.value(), computation: () => [] });
  private readonly moreCursor = linkedSignal<unknown, string | null | undefined>({ source: () => this.firstPage.value(), computation: () => undefined });
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);

  protected readonly resolutions = computed(() => [...(this.firstPage.value()?.data ?? []), ...this.more()]);
  protected readonly nextCursor = computed(() => {
    const more = this.moreCursor();
    return more === undefined ? (this.firstPage.value()?.nextCursor ?? null) : more;
  });

  private readonly table = viewChild<ElementRef<HTMLElement>>('table');

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, resolutions.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'resolutions.breadcrumb' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(resolutions.title.listOf) */
    effect(() => pageTitle.set('resolutions.title.listOf', { tenant: this.context.tenantName() }));
    effect(() => {
      const f = this.filters();
      this.form.setValue({ status: f.status ?? '', overdue: f.overdue, organizationId: f.organizationId ?? '' }, { emitEvent: false });
    });
  }

  protected link(r: OfficeResolutionSummaryDto): string[] {
    return officeLink(this.context.slug(), 'beschluesse', r.id);
  }

  protected date(day: string | null): string {
    return plainDate(day, this.language());
  }

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    const v = this.form.getRawValue();
    const filters: ResolutionListFilter = { status: (v.status || null) as ResolutionStatus | null, overdue: v.overdue, organizationId: v.organizationId || null };
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToQuery(filters), queryParamsHandling: 'merge' });
  }

  protected resetFilters(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToQuery({}), queryParamsHandling: 'merge' });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    const firstNew = this.resolutions().length;
    this.api.list(this.context.slug(), this.filters(), { limit: RESOLUTION_PAGE_SIZE, cursor }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.more.update((rows) => [...rows, ...page.data]);
        this.moreCursor.set(page.nextCursor);
        afterNextRender(() => this.table()?.nativeElement.querySelector<HTMLElement>(`[data-row="${firstNew}"] a`)?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.moreError.set(error);
      },
    });
  }
}
