import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrganizationDto, OrganizationType } from '@ratsinfo/contracts';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { PageHeading } from '../../components/page-heading/page-heading';
import { ORGANIZATION_GROUP_KEYS } from '../../portal-content-labels';
import { TenantContext } from '../../tenant-context';

/** The order of the groups (a local list: the contracts' ORGANIZATION_TYPES would pull zod into the portal). */
const GROUP_ORDER: readonly OrganizationType[] = ['council', 'committee', 'faction', 'other'];

/** `/:tenant/gremien`: the council, its committees, the factions and other bodies, each group by name. */
@Component({
  selector: 'ri-organizations-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-page-heading
      [heading]="'portalContent.organizations.heading' | transloco"
      [preline]="context.summary()?.name ?? null"
      [accent]="context.summary()?.branding?.primaryColor ?? null"
    />
    <p class="kern-body">{{ 'portalContent.organizations.intro' | transloco }}</p>
    @if (organizations.isLoading()) {
      <ri-loading [label]="'portalContent.organizations.loading' | transloco" />
    } @else if (organizations.error(); as error) {
      <ri-api-error [error]="error" [headingLevel]="2" (retry)="organizations.reload()" />
    } @else if (organizations.hasValue()) {
      @for (group of groups(); track group.type) {
        <section class="ri-section" [attr.aria-labelledby]="'org-group-' + group.type" [attr.data-group]="group.type">
          <h2 class="kern-heading-medium" [id]="'org-group-' + group.type">{{ groupKeys[group.type] | transloco }}</h2>
          <ul class="ri-link-list">
            @for (o of group.organizations; track o.id) {
              <li>
                <a class="kern-link" [routerLink]="['/', context.slug(), 'gremien', o.id]">{{ o.name }}</a>
                @if (o.shortName) {
                  <span class="kern-body--muted"> ({{ o.shortName }})</span>
                }
                @if (o.classification) {
                  <span class="kern-body kern-body--small ri-link-list__note">{{ o.classification }}</span>
                }
              </li>
            }
          </ul>
        </section>
      } @empty {
        <p class="kern-body" role="status">{{ 'portalContent.organizations.none' | transloco }}</p>
      }
    }
  `,
  styles: `
    .ri-link-list {
      margin: 0;
      padding-left: var(--kern-metric-space-large, 24px);
    }
    .ri-link-list li {
      padding-block: var(--kern-metric-space-x-small, 4px);
    }
    .ri-link-list__note {
      display: block;
    }
  `,
})
export class OrganizationsPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);
  protected readonly groupKeys = ORGANIZATION_GROUP_KEYS;

  protected readonly organizations = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.listOrganizations(slug),
  });

  /** Non-empty groups in the order council, committees, factions, others; ended bodies last within. */
  protected readonly groups = computed(() => {
    const all = this.organizations.hasValue() ? this.organizations.value() : [];
    return GROUP_ORDER.map((type) => ({
      type,
      organizations: all
        .filter((o) => o.organizationType === type)
        .sort((a: OrganizationDto, b: OrganizationDto) => Number(!!a.endDate) - Number(!!b.endDate) || a.name.localeCompare(b.name, 'de')),
    })).filter((g) => g.organizations.length > 0);
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.organizations.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.organizations.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      /** t(portalContent.title.organizations) */
      if (tenant) this.pageTitle.set('portalContent.title.organizations', { tenant: tenant.name });
    });
  }
}
