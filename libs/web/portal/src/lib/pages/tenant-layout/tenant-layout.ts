import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, forwardRef, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { TenantSummary } from '@ratsinfo/contracts';
import { AuthService } from '@ratsinfo/web-auth';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { ERROR_TITLE_KEYS } from '../../labels';
import { TenantContext } from '../../tenant-context';

/**
 * `/:tenant`: loads the member authority once for all its pages. While loading it shows a busy
 * indicator; for an unknown (404) or suspended (410) authority or any other error it shows the
 * matching message as the page; otherwise it renders the child page and provides the authority
 * to it as {@link TenantContext}. It also tells the sign-in which realm this authority's people
 * sign in with (`loginRealm`), so "Anmelden" on its pages uses the right one.
 */
@Component({
  selector: 'ri-tenant-layout',
  imports: [RouterOutlet, TranslocoPipe, Loading, ApiError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: TenantContext, useExisting: forwardRef(() => TenantLayout) }],
  templateUrl: './tenant-layout.html',
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
