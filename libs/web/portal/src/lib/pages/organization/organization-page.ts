import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { FeedRoutes } from '@ratsinfo/contracts';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { FeedLinks } from '../../components/feed-links/feed-links';
import { MeetingTable } from '../../components/meeting-table/meeting-table';
import { PageHeading } from '../../components/page-heading/page-heading';
import { PaperDate } from '../../components/paper-date/paper-date';
import { ERROR_TITLE_KEYS } from '../../labels';
import { ORGANIZATION_TYPE_KEYS } from '../../portal-content-labels';
import { TenantContext } from '../../tenant-context';

/**
 * `/:tenant/gremien/:organizationId`: a council, committee or faction — its facts, current
 * members with role and faction, and its upcoming and latest meetings.
 */
@Component({
  selector: 'ri-organization-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, MeetingTable, PageHeading, PaperDate, FeedLinks],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organization-page.html',
  styles: `
    .ri-back-link {
      margin-top: var(--kern-metric-space-x-large, 32px);
    }
    .ri-members th,
    .ri-members td {
      overflow-wrap: anywhere;
    }
    .ri-member__name {
      font-weight: inherit;
    }
  `,
})
export class OrganizationPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);
  protected readonly typeKeys = ORGANIZATION_TYPE_KEYS;

  /** Route parameter `:organizationId`. */
  readonly organizationId = input.required<string>();

  protected readonly organization = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.organizationId() }),
    stream: ({ params }) => this.api.getOrganization(params.slug, params.id),
  });

  protected readonly errorOverrides = {
    /** t(portalContent.organization.notFound.title, portalContent.organization.notFound.text) */
    'not-found': { title: 'portalContent.organization.notFound.title', text: 'portalContent.organization.notFound.text' },
  };

  /** The faction column only where it says something: not on a faction's own page, not when nobody sits for one. */
  protected readonly showFactions = computed(() => {
    const o = this.organization.hasValue() ? this.organization.value() : null;
    return !!o && o.organizationType !== 'faction' && o.members.some((m) => m.onBehalfOf);
  });

  /** The location as one line: "Ratssaal, Markt 1, 39288 Burg". */
  protected readonly address = computed(() => {
    const l = this.organization.hasValue() ? this.organization.value().location : null;
    if (!l) return null;
    const town = [l.postalCode, l.locality].filter(Boolean).join(' ');
    return [l.description, l.room && !l.description.includes(l.room) ? l.room : null, l.streetAddress, town].filter(Boolean).join(', ');
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.organizations.breadcrumb, portalContent.organization.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.organizations.breadcrumb', link: ['/', this.context.slug(), 'gremien'] },
    this.organization.hasValue() ? { label: this.organization.value().name } : { labelKey: 'portalContent.organization.breadcrumb' },
  ]);

  /** The iCalendar of this organization (FeedRoutes). */
  protected organizationCalendar(organizationId: string): string {
    return FeedRoutes.organizationCalendar(this.context.slug(), organizationId);
  }

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      const error = this.organization.error();
      if (error) {
        /** t(portalContent.title.organizationNotFound) */
        this.pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'portalContent.title.organizationNotFound' : ERROR_TITLE_KEYS[isApiError(error) ? error.kind : 'server']);
      } else if (this.organization.hasValue()) {
        /** t(portalContent.title.organization) */
        this.pageTitle.set('portalContent.title.organization', { organization: this.organization.value().name, tenant: tenant?.name ?? '' });
      }
    });
  }
}
