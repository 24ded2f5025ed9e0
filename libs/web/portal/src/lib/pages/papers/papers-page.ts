import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { FeedRoutes, PortalPaperRef } from '@ratsinfo/contracts';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, CLOCK, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { type FeedLink, FeedLinks } from '../../components/feed-links/feed-links';
import { PageHeading } from '../../components/page-heading/page-heading';
import { PaperList } from '../../components/paper-list/paper-list';
import { berlinYear } from '../../meeting-range';
import { TenantContext } from '../../tenant-context';

/** How far back the year filter offers years (older papers stay findable by text). */
const YEARS_OFFERED = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/:tenant/vorlagen?q=&typ=&jahr=`: the public papers, newest first, with a search by words
 * and filters by type and year. The filter lives in the URL (shareable, back button works, and
 * a server can render it); further pages are appended with "Weitere Vorlagen laden".
 */
@Component({
  selector: 'ri-papers-page',
  imports: [FormsModule, TranslocoPipe, Breadcrumbs, Loading, ApiError, PageHeading, PaperList, FeedLinks],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './papers-page.html',
  styles: `
    .ri-paper-filter {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--kern-metric-space-default, 16px);
      margin-bottom: var(--kern-metric-space-large, 24px);
    }
    .ri-paper-filter .kern-form-input {
      flex: 1 1 12rem;
      margin: 0;
    }
    .ri-paper-filter__search {
      flex-grow: 3 !important;
    }
    .ri-paper-filter__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-more {
      margin-top: var(--kern-metric-space-large, 24px);
    }
  `,
})
export class PapersPage {
  private readonly api = inject(PortalApi);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(PageTitle);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly context = inject(TenantContext);
  /** The feeds of new papers. */
  protected readonly feeds = computed<readonly FeedLink[]>(() => [
    { href: FeedRoutes.papersRss(this.context.slug()), labelKey: 'portalFeeds.papersRss', type: 'application/rss+xml' },
    { href: FeedRoutes.papersAtom(this.context.slug()), labelKey: 'portalFeeds.papersAtom', type: 'application/atom+xml' },
  ]);

  /** Query parameters (German, as in the address bar): words, paper type id, year. */
  readonly q = input<string | undefined>(undefined);
  readonly typ = input<string | undefined>(undefined);
  readonly jahr = input<string | undefined>(undefined);

  protected readonly years = (() => {
    const now = berlinYear(inject(CLOCK)());
    return Array.from({ length: YEARS_OFFERED }, (_, i) => now - i);
  })();

  /** The filter as the API takes it; malformed values from a hand-edited URL are left out. */
  protected readonly filter = computed(() => {
    const q = (this.q() ?? '').trim().slice(0, 200);
    const typ = this.typ() ?? '';
    const jahr = this.jahr() ?? '';
    const type = UUID.test(typ) ? typ : undefined;
    const year = /^\d{4}$/.test(jahr) ? Number(jahr) : undefined;
    return { q: q || undefined, type, year };
  });
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.q || f.type || f.year);
  });

  // The form's own state: edited freely, applied to the URL on submit.
  protected readonly draftQ = signal('');
  protected readonly draftType = signal('');
  protected readonly draftYear = signal('');

  protected readonly types = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.listPaperTypes(slug),
  });

  protected readonly firstPage = rxResource({
    params: () => ({ slug: this.context.slug(), ...this.filter() }),
    stream: ({ params: { slug, ...filter } }) => this.api.listPapers(slug, filter),
  });

  /** Pages loaded after the first one, and the cursor after the last page shown. */
  protected readonly more = signal<readonly PortalPaperRef[]>([]);
  protected readonly moreCursor = signal<string | null | undefined>(undefined);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);
  /**
   * Said by the live region after "load more".
   * t(portalContent.papers.end, portalContent.papers.endOne, portalContent.papers.results, portalContent.papers.resultsFiltered,
   *   portalContent.papers.none, portalContent.papers.noneFound, portalContent.papers.loadMore, portalContent.papers.loadingMore)
   */
  protected readonly announcement = signal<{ count: number } | null>(null);

  protected readonly papers = computed(() => (this.firstPage.hasValue() ? [...this.firstPage.value().data, ...this.more()] : []));
  protected readonly nextCursor = computed(() => {
    const more = this.moreCursor();
    if (more !== undefined) return more;
    return this.firstPage.hasValue() ? this.firstPage.value().nextCursor : null;
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.papers.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.papers.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const f = this.filter();
      this.draftQ.set(f.q ?? '');
      this.draftType.set(f.type ?? '');
      this.draftYear.set(f.year ? String(f.year) : '');
      // a new filter starts from its first page
      this.more.set([]);
      this.moreCursor.set(undefined);
      this.moreError.set(null);
      this.announcement.set(null);
    });
    effect(() => {
      const tenant = this.context.summary();
      /** t(portalContent.title.papers) */
      if (tenant) this.pageTitle.set('portalContent.title.papers', { tenant: tenant.name });
    });
  }

  protected search(): void {
    const queryParams = {
      q: this.draftQ().trim() || null,
      typ: this.draftType() || null,
      jahr: this.draftYear() || null,
    };
    void this.router.navigate(['/', this.context.slug(), 'vorlagen'], { queryParams });
  }

  protected reset(): void {
    void this.router.navigate(['/', this.context.slug(), 'vorlagen']);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.api
      .listPapers(this.context.slug(), { ...this.filter(), cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.more.update((m) => [...m, ...page.data]);
          this.moreCursor.set(page.nextCursor);
          this.loadingMore.set(false);
          this.announcement.set({ count: page.data.length });
        },
        error: (error: unknown) => {
          this.moreError.set(error);
          this.loadingMore.set(false);
        },
      });
  }
}
