import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, forwardRef, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TenantRole, TenantSessionDto } from '@ratsinfo/contracts';
import { AccessError, AccessErrorKeys, AuthService } from '@ratsinfo/web-auth';
import { ApiErrorKind, OfficeApi, isApiError } from '@ratsinfo/web-data-access';
import { CLOCK, Loading, PageTitle } from '@ratsinfo/web-ui';
import { OfficeNav } from '../../components/office-nav/office-nav';
import { SupportBanner } from '../../components/support-banner/support-banner';
import { OfficeContext, OfficeState } from '../../office-context';

/**
 * `/:tenant/verwaltung`: loads the signed-in user's session in the authority (roles) once for all
 * back-office pages and provides it as {@link OfficeContext}. Shows the navigation and, on every
 * page, the support access banner while the cooperative has support access. Without a role in the
 * authority the API answers 403: the page then says "Keine Berechtigung für diese Kommune".
 */
@Component({
  selector: 'ri-office-layout',
  imports: [RouterOutlet, RouterLink, TranslocoPipe, Loading, AccessError, OfficeNav, SupportBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: OfficeContext, useExisting: forwardRef(() => OfficeLayout) }],
  template: `
    @if (sessionResource.isLoading()) {
      <ri-loading [label]="'office.loading' | transloco" />
    } @else if (sessionResource.error(); as error) {
      <ri-access-error [error]="error" [headingLevel]="1" [overrides]="errorOverrides" [params]="errorParams()" (retry)="sessionResource.reload()">
        <a class="kern-link" [routerLink]="['/', slug()]">{{ 'office.toPortal' | transloco: { tenant: tenantName() } }}</a>
        @if (isForbidden()) {
          <button type="button" class="kern-btn kern-btn--secondary" (click)="switchAccount()">
            <span class="kern-label">{{ 'office.forbidden.switchAccount' | transloco }}</span>
          </button>
        }
      </ri-access-error>
    } @else if (session()) {
      <ri-office-nav [slug]="slug()" [tenantName]="tenantName()" [isAdmin]="isAdmin()" [isClerk]="roles().includes('clerk')" [isMember]="roles().includes('member')" />
      @if (activeGrants().length > 0 || actingUntil() || grantedUntil()) {
        <ri-support-banner
          [slug]="slug()"
          [tenantName]="tenantName()"
          [activeGrants]="activeGrants()"
          [actingUntil]="actingUntil()"
          [grantedUntil]="grantedUntil()"
          [canManage]="isAdmin()"
        />
      }
      <router-outlet />
    }
  `,
})
export class OfficeLayout implements OfficeContext {
  private readonly api = inject(OfficeApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly state = inject(OfficeState);
  private readonly clock = inject(CLOCK);

  /** Route parameter `:tenant`. */
  readonly tenant = input.required<string>();

  readonly slug = computed(() => this.tenant());

  protected readonly sessionResource = rxResource({
    params: () => this.tenant(),
    stream: ({ params: slug }) => this.api.session(slug),
  });

  readonly session = computed<TenantSessionDto | undefined>(() => (this.sessionResource.hasValue() ? this.sessionResource.value() : undefined));
  readonly tenantName = computed(() => this.session()?.tenant.name || this.state.tenant()?.name || this.slug());
  readonly roles = computed<readonly TenantRole[]>(() => this.session()?.roles ?? []);
  readonly isAdmin = computed(() => this.roles().includes('tenant-admin'));

  readonly supportGrants = rxResource({
    params: () => (this.isAdmin() ? this.slug() : undefined),
    stream: ({ params: slug }) => this.api.supportGrants(slug),
  });

  /** Active grants (the API's flag, and not yet expired by the clock). */
  protected readonly activeGrants = computed(() => {
    const grants = this.supportGrants.hasValue() ? (this.supportGrants.value() ?? []) : [];
    const now = this.clock().getTime();
    return grants.filter((grant) => grant.active && !grant.revokedAt && Date.parse(grant.expiresAt) > now);
  });

  /**
   * The session's active grant (`supportAccess`, set for everyone in the authority while one is
   * active) if not yet expired by the clock. Loaded once: tenant admins, who grant and revoke on
   * these pages, go by {@link activeGrants} instead, which is reloaded after each change.
   */
  private readonly sessionGrantUntil = computed(() => {
    const expiresAt = this.session()?.supportAccess?.expiresAt ?? null;
    return expiresAt && Date.parse(expiresAt) > this.clock().getTime() ? expiresAt : null;
  });
  /** An operator without a role here acts through a support access grant. */
  protected readonly actingUntil = computed(() => (this.roles().length === 0 ? this.sessionGrantUntil() : null));
  /** Members and clerks (who cannot list the grants) learn of an active grant from the session. */
  protected readonly grantedUntil = computed(() => (this.roles().length > 0 && !this.isAdmin() ? this.sessionGrantUntil() : null));

  protected readonly isForbidden = computed(() => {
    const error = this.sessionResource.error();
    return isApiError(error) && error.kind === 'forbidden';
  });

  protected readonly errorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(office.forbidden.title, office.forbidden.text) */
    forbidden: { title: 'office.forbidden.title', text: 'office.forbidden.text' },
  };
  protected readonly errorParams = computed(() => ({ tenant: this.tenantName(), user: this.auth.user()?.name ?? '' }));

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      /** t(title.officeForbidden, title.error) */
      if (this.sessionResource.error()) pageTitle.set(this.isForbidden() ? 'title.officeForbidden' : 'title.error', { tenant: this.tenantName() });
    });
    inject(DestroyRef).onDestroy(() => this.auth.setContextRealm(null));
  }

  reloadSupportGrants(): void {
    this.supportGrants.reload();
  }

  /** Signs out and returns here: the guard then asks for an account again (the one with a role here). */
  protected switchAccount(): void {
    void this.auth.signOut(this.router.url);
  }
}
