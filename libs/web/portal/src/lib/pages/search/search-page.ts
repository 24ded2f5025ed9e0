import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
// types only: the search contract's values would bring zod into the portal bundle
import type { SearchFilter, SearchHit, SearchKind } from '@ratsinfo/contracts';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { of } from 'rxjs';
import { ApiError } from '../../components/api-error/api-error';
import { PageHeading } from '../../components/page-heading/page-heading';
import { PaperDate } from '../../components/paper-date/paper-date';
import { TenantContext } from '../../tenant-context';
import { PortalSearchApi } from './portal-search-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The kinds, as in the contract's SEARCH_KINDS (kept here: see the import note above). */
export const PORTAL_SEARCH_KINDS: readonly SearchKind[] = ['paper', 'meeting', 'agendaItem', 'file'];
/** The URL's German words for the kinds (`?art=vorlage`). */
const KIND_PARAM: Record<SearchKind, string> = { paper: 'vorlage', meeting: 'sitzung', agendaItem: 'tagesordnungspunkt', file: 'datei' };
const KIND_OF_PARAM = new Map(Object.entries(KIND_PARAM).map(([k, v]) => [v, k as SearchKind]));

/** The search as the URL holds it; malformed values from a hand-edited address are left out. */
export function searchFilterFromUrl(p: { q?: string; art?: string; typ?: string; gremium?: string; von?: string; bis?: string; dateien?: string }): SearchFilter | null {
  const q = (p.q ?? '').trim().slice(0, 200);
  if (!q) return null;
  const kind = KIND_OF_PARAM.get(p.art ?? '');
  return {
    q,
    ...(kind ? { kind } : {}),
    ...(p.typ && UUID.test(p.typ) ? { paperType: p.typ } : {}),
    ...(p.gremium && UUID.test(p.gremium) ? { organization: p.gremium } : {}),
    ...(p.von && DAY.test(p.von) ? { from: p.von } : {}),
    ...(p.bis && DAY.test(p.bis) ? { to: p.bis } : {}),
    ...(p.dateien === 'ja' ? { hasFiles: true } : {}),
  };
}

/**
 * `/:tenant/suche?q=&art=&typ=&gremium=&von=&bis=&dateien=`: the public full-text search of one
 * authority. The query and filters live in the URL (shareable, back button, reload); results come
 * a page at a time ("Weitere Ergebnisse laden"), and each page's count is said in a live region.
 * Snippets are rendered as text nodes with `<mark>` for the words found — never as HTML.
 */
@Component({
  selector: 'ri-search-page',
  imports: [FormsModule, RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, PageHeading, PaperDate],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search-page.html',
  styles: `
    .ri-search-form {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      gap: var(--kern-metric-space-default, 16px);
      align-items: end;
      margin: var(--kern-metric-space-default, 16px) 0 var(--kern-metric-space-large, 24px);
    }
    .ri-search-form .kern-form-input,
    .ri-search-form .kern-form-check {
      margin: 0;
    }
    .ri-search-form__q {
      grid-column: 1 / -1;
    }
    .ri-search-form__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      grid-column: 1 / -1;
    }
    .ri-search-results {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-search-hit {
      padding: var(--kern-metric-space-default, 16px) 0;
      border-bottom: 1px solid var(--kern-color-layout-border, #ccc);
    }
    .ri-search-hit h3 {
      margin: 0 0 var(--kern-metric-space-x-small, 4px);
      overflow-wrap: anywhere;
    }
    .ri-search-hit__meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--kern-metric-space-default, 16px);
      margin: 0;
    }
    .ri-search-hit__meta div {
      display: flex;
      gap: var(--kern-metric-space-x-small, 4px);
    }
    .ri-search-hit__meta dt {
      font-weight: 600;
    }
    .ri-search-hit__meta dd {
      margin: 0;
    }
    .ri-search-hit__snippet {
      overflow-wrap: anywhere;
    }
    .ri-search-hit__snippet mark {
      font-weight: 600;
    }
    .ri-more {
      margin-top: var(--kern-metric-space-large, 24px);
    }
  `,
})
export class SearchPage {
  private readonly api = inject(PortalApi);
  private readonly searchApi = inject(PortalSearchApi);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(PageTitle);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly context = inject(TenantContext);

  /** Query parameters (German, as in the address bar). */
  readonly q = input<string | undefined>(undefined);
  readonly art = input<string | undefined>(undefined);
  readonly typ = input<string | undefined>(undefined);
  readonly gremium = input<string | undefined>(undefined);
  readonly von = input<string | undefined>(undefined);
  readonly bis = input<string | undefined>(undefined);
  readonly dateien = input<string | undefined>(undefined);

  protected readonly kinds = PORTAL_SEARCH_KINDS;
  protected readonly filter = computed(() =>
    searchFilterFromUrl({ q: this.q(), art: this.art(), typ: this.typ(), gremium: this.gremium(), von: this.von(), bis: this.bis(), dateien: this.dateien() }),
  );

  // The form's own state: edited freely, applied to the URL on submit.
  protected readonly draftQ = signal('');
  protected readonly draftKind = signal('');
  protected readonly draftType = signal('');
  protected readonly draftOrganization = signal('');
  protected readonly draftFrom = signal('');
  protected readonly draftTo = signal('');
  protected readonly draftHasFiles = signal(false);

  protected readonly types = rxResource({ params: () => this.context.slug(), stream: ({ params: slug }) => this.api.listPaperTypes(slug) });
  protected readonly organizations = rxResource({ params: () => this.context.slug(), stream: ({ params: slug }) => this.api.listOrganizations(slug) });

  protected readonly firstPage = rxResource({
    params: () => ({ slug: this.context.slug(), filter: this.filter() }),
    stream: ({ params: { slug, filter } }) => (filter ? this.searchApi.search(slug, filter) : of(null)),
  });

  protected readonly more = signal<readonly SearchHit[]>([]);
  protected readonly moreCursor = signal<string | null | undefined>(undefined);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);
  /** The count of the page loaded last, said by the live region. */
  protected readonly loadedMore = signal<number | null>(null);

  protected readonly hits = computed(() => {
    const first = this.firstPage.hasValue() ? this.firstPage.value() : null;
    return first ? [...first.data, ...this.more()] : [];
  });
  protected readonly nextCursor = computed(() => {
    const more = this.moreCursor();
    if (more !== undefined) return more;
    const first = this.firstPage.hasValue() ? this.firstPage.value() : null;
    return first?.nextCursor ?? null;
  });
  /**
   * What the live region says: the first page's count once it has loaded, then each further page's.
   * t(portalSearch.announce.none, portalSearch.announce.one, portalSearch.announce.many, portalSearch.announce.page, portalSearch.announce.more)
   */
  protected readonly announcement = computed<{ key: string; count: number } | null>(() => {
    const more = this.loadedMore();
    if (more !== null) return { key: 'portalSearch.announce.more', count: more };
    if (!this.firstPage.hasValue() || this.firstPage.isLoading()) return null;
    const first = this.firstPage.value();
    if (!first) return null;
    const n = first.data.length;
    const key = n === 0 ? 'portalSearch.announce.none' : n === 1 ? 'portalSearch.announce.one' : first.nextCursor ? 'portalSearch.announce.page' : 'portalSearch.announce.many';
    return { key, count: n };
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalSearch.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalSearch.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const f = this.filter();
      this.draftQ.set(f?.q ?? '');
      this.draftKind.set(f?.kind ? KIND_PARAM[f.kind] : '');
      this.draftType.set(f?.paperType ?? '');
      this.draftOrganization.set(f?.organization ?? '');
      this.draftFrom.set(f?.from ?? '');
      this.draftTo.set(f?.to ?? '');
      this.draftHasFiles.set(f?.hasFiles ?? false);
      // a new search starts from its first page
      this.more.set([]);
      this.moreCursor.set(undefined);
      this.moreError.set(null);
      this.loadedMore.set(null);
    });
    effect(() => {
      const tenant = this.context.summary();
      const q = this.filter()?.q;
      /** t(portalSearch.title.page, portalSearch.title.query) */
      if (tenant) this.pageTitle.set(q ? 'portalSearch.title.query' : 'portalSearch.title.page', { tenant: tenant.name, q: q ?? '' });
    });
  }

  /** The value of a kind in the URL and the kind select. */
  protected kindParam(kind: SearchKind): string {
    return KIND_PARAM[kind];
  }

  /** The page a hit opens (files and items open their paper's or meeting's page). */
  protected link(hit: SearchHit): string[] {
    return ['/', this.context.slug(), hit.target.kind === 'paper' ? 'vorlagen' : 'sitzungen', hit.target.id];
  }

  protected search(): void {
    const q = this.draftQ().trim();
    const queryParams = {
      q: q || null,
      art: this.draftKind() || null,
      typ: this.draftType() || null,
      gremium: this.draftOrganization() || null,
      von: this.draftFrom() || null,
      bis: this.draftTo() || null,
      dateien: this.draftHasFiles() ? 'ja' : null,
    };
    void this.router.navigate(['/', this.context.slug(), 'suche'], { queryParams });
  }

  protected reset(): void {
    void this.router.navigate(['/', this.context.slug(), 'suche'], { queryParams: this.draftQ().trim() ? { q: this.draftQ().trim() } : {} });
  }

  protected filtered(): boolean {
    const f = this.filter();
    return !!f && !!(f.kind || f.paperType || f.organization || f.from || f.to || f.hasFiles);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    const filter = this.filter();
    if (!cursor || !filter || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.searchApi
      .search(this.context.slug(), { ...filter, cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.more.update((m) => [...m, ...page.data]);
          this.moreCursor.set(page.nextCursor);
          this.loadingMore.set(false);
          this.loadedMore.set(page.data.length);
        },
        error: (error: unknown) => {
          this.moreError.set(error);
          this.loadingMore.set(false);
        },
      });
  }
}
