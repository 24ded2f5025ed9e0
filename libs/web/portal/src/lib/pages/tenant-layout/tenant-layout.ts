import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, forwardRef, inject, input, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { TenantSummary } from '@ratsinfo/contracts';
import { AuthService } from '@ratsinfo/web-auth';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { ERROR_TITLE_KEYS } from '../../labels';
import { TenantContext } from '../../tenant-context';
import { filter, map, startWith } from 'rxjs';

/**
 * `/:tenant`: loads the member authority once for all its pages. While loading it shows a busy
 * indicator; for an unknown (404) or suspended (410) authority or any other error it shows the
 * matching message as the page; otherwise it renders the child page and provides the authority
 * to it as {@link TenantContext}. It also tells the sign-in which realm this authority's people
 * sign in with (`loginRealm`), so "Anmelden" on its pages uses the right one.
 */
@Component({
  selector: 'ri-tenant-layout',
  imports: [FormsModule, RouterOutlet, TranslocoPipe, Loading, ApiError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: TenantContext, useExisting: forwardRef(() => TenantLayout) }],
  templateUrl: './tenant-layout.html',
  styles: `
    .ri-quick-search {
      display: flex;
      justify-content: flex-end;
      margin-bottom: var(--kern-metric-space-default, 16px);
    }
    .ri-quick-search__form {
      width: min(100%, 28rem);
    }
    .ri-quick-search__row {
      display: flex;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-quick-search__row input {
      flex: 1 1 auto;
      min-width: 0;
    }
  `,
})
export class TenantLayout implements TenantContext {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);

  /** Route parameter `:tenant`, the authority's slug. */
  readonly tenant = input.required<string>();

  protected readonly tenantResource = rxResource({
    params: () => this.tenant(),
    stream: ({ params: slug }) => this.api.getTenant(slug),
  });

  readonly slug = computed(() => this.tenant());

  private readonly router = inject(Router);
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
      startWith(this.router.url),
    ),
    { initialValue: this.router.url },
  );
  /**
   * Pages with their own search form (the search, the paper list, the person list) leave the
   * quick search field out: one search field per page, one "Suchen" button.
   */
  protected readonly onSearchPage = computed(() => /^\/[^/?#]+\/(?:suche|vorlagen|personen)(?:[?#]|$)/.test(this.path()));
  protected readonly quickQuery = signal('');

  /** The search field above every page of the authority: opens `/:tenant/suche?q=`. */
  protected quickSearch(): void {
    const q = this.quickQuery().trim();
    void this.router.navigate(['/', this.slug(), 'suche'], { queryParams: q ? { q } : {} });
    this.quickQuery.set('');
  }
  readonly summary = computed<TenantSummary | undefined>(() =>
    this.tenantResource.hasValue() ? this.tenantResource.value() : undefined,
  );

  constructor() {
    const auth = inject(AuthService);
    effect(() => {
      const error = this.tenantResource.error();
      if (error) this.pageTitle.set(ERROR_TITLE_KEYS[isApiError(error) ? error.kind : 'server']);
    });
    effect(() => auth.setContextRealm(this.summary()?.loginRealm ?? null));
    inject(DestroyRef).onDestroy(() => auth.setContextRealm(null));
  }
}
