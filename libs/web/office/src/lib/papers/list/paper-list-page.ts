import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAPER_STATUSES, type PaperStatus, type PaperSummaryDto } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { PapersApi } from '../data/papers-api';
import { BreadcrumbItem, Breadcrumbs, CLOCK, DateTime, Loading, PageTitle } from '@ratsinfo/web-ui';
import { map } from 'rxjs';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';
import { PAPER_DERIVATION_KEYS, PAPER_STATUS_KEYS } from '../paper-labels';
import { PaperStatusBadge } from '../paper-status-badge';
import { MAX_SEARCH_LENGTH, NO_FILTERS, PaperListFilters, filtersFromQuery, filtersToQuery, hasFilters, yearOptions } from './paper-list-filters';

/** Papers per page ("Weitere laden" fetches the next as many). */
export const PAPER_PAGE_SIZE = 25;

/**
 * `/:tenant/verwaltung/vorlagen`: the authority's papers, newest first, with filters by type,
 * status, body, year and words in title or reference. The filters live in the URL (bookmarkable,
 * back button); "Weitere laden" appends the next page (keyset paging) and moves the focus to its
 * first paper. Clerks and admins start a new paper here; members read.
 */
@Component({
  selector: 'ri-paper-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, AccessError, Breadcrumbs, DateTime, Loading, OfficeHeading, PaperStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './paper-list-page.html',
  styleUrl: './paper-list-page.css',
})
export class PaperListPage {
  private readonly api = inject(PapersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  protected readonly context = inject(OfficeContext);

  protected readonly statuses = PAPER_STATUSES;
  protected readonly statusKeys = PAPER_STATUS_KEYS;
  protected readonly derivationKeys = PAPER_DERIVATION_KEYS;
  protected readonly maxSearchLength = MAX_SEARCH_LENGTH;
  protected readonly years = yearOptions(inject(CLOCK)());

  protected readonly canEdit = computed(() => this.context.roles().some((role) => role === 'clerk' || role === 'tenant-admin'));

  /** The filters as the URL has them: the one source of truth for what the list shows. */
  protected readonly filters = toSignal(this.route.queryParams.pipe(map(filtersFromQuery)), { initialValue: NO_FILTERS });
  protected readonly filtered = computed(() => hasFilters(this.filters()));

  protected readonly form = new FormGroup({
    type: new FormControl('', { nonNullable: true }),
    status: new FormControl('', { nonNullable: true }),
    organizationId: new FormControl('', { nonNullable: true }),
    year: new FormControl('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true }),
  });

  protected readonly paperTypes = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.paperTypes(slug),
  });
  protected readonly organizations = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.organizations(slug),
  });

  protected readonly firstPage = rxResource({
    params: () => ({ slug: this.context.slug(), filters: this.filters() }),
    stream: ({ params }) => this.api.papers(params.slug, params.filters, { limit: PAPER_PAGE_SIZE }),
  });

  /** Pages loaded with "Weitere laden" after the first; reset when the filters change. */
  private readonly morePapers = linkedSignal<unknown, PaperSummaryDto[]>({ source: () => this.firstPage.value(), computation: () => [] });
  private readonly moreCursor = linkedSignal<unknown, string | null | undefined>({ source: () => this.firstPage.value(), computation: () => undefined });
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);

  protected readonly papers = computed<PaperSummaryDto[]>(() => [...(this.firstPage.value()?.data ?? []), ...this.morePapers()]);
  protected readonly nextCursor = computed(() => {
    const more = this.moreCursor();
    return more === undefined ? (this.firstPage.value()?.nextCursor ?? null) : more;
  });

  private readonly table = viewChild<ElementRef<HTMLElement>>('table');

  protected readonly newPaperLink = computed(() => officeLink(this.context.slug(), 'vorlagen', 'neu'));

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, papers.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'papers.breadcrumb' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(papers.title.listOf) */
    effect(() => pageTitle.set('papers.title.listOf', { tenant: this.context.tenantName() }));
    // the form follows the URL (back/forward, links with filters, reset)
    effect(() => {
      const filters = this.filters();
      this.form.setValue(
        {
          type: filters.type ?? '',
          status: filters.status ?? '',
          organizationId: filters.organizationId ?? '',
          year: filters.year === null ? '' : String(filters.year),
          q: filters.q,
        },
        { emitEvent: false },
      );
    });
  }

  protected paperLink(paper: PaperSummaryDto): string[] {
    return officeLink(this.context.slug(), 'vorlagen', paper.id);
  }

  /** Puts the form's filters into the URL; the list follows. */
  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    const value = this.form.getRawValue();
    const filters: PaperListFilters = {
      type: value.type || null,
      status: (value.status || null) as PaperStatus | null,
      organizationId: value.organizationId || null,
      year: value.year ? Number(value.year) : null,
      q: value.q.trim().slice(0, MAX_SEARCH_LENGTH),
    };
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToQuery(filters), queryParamsHandling: 'merge' });
  }

  protected resetFilters(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToQuery(NO_FILTERS), queryParamsHandling: 'merge' });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    const firstNew = this.papers().length;
    this.api.papers(this.context.slug(), this.filters(), { limit: PAPER_PAGE_SIZE, cursor }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.morePapers.update((papers) => [...papers, ...page.data]);
        this.moreCursor.set(page.nextCursor);
        // keyboard and screen reader users continue reading at the first newly loaded paper
        afterNextRender(() => this.table()?.nativeElement.querySelector<HTMLElement>(`[data-row="${firstNew}"] a`)?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.moreError.set(error);
      },
    });
  }
}
