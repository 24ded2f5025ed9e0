import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { PageHeading } from '../../components/page-heading/page-heading';
import { MembershipTable } from '../../components/membership-table/membership-table';
import { PaperList } from '../../components/paper-list/paper-list';
import { ERROR_TITLE_KEYS } from '../../labels';
import { TenantContext } from '../../tenant-context';

/** `/:tenant/personen/:personId`: a person with photo, short biography, memberships (current and former) and papers. */
@Component({
  selector: 'ri-person-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, MembershipTable, PageHeading, PaperList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './person-page.html',
  styles: `
    .ri-back-link {
      margin-top: var(--kern-metric-space-x-large, 32px);
    }
    .ri-person-intro {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-large, 24px);
      align-items: flex-start;
    }
    .ri-person-intro img {
      width: 10rem;
      max-width: 100%;
      height: auto;
      border-radius: 4px;
    }
    .ri-person-intro__text {
      flex: 1 1 18rem;
      white-space: pre-line;
    }
  `,
})
export class PersonPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);

  /** Route parameter `:personId`. */
  readonly personId = input.required<string>();

  protected readonly person = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.personId() }),
    stream: ({ params }) => this.api.getPerson(params.slug, params.id),
  });

  protected readonly current = computed(() => (this.person.hasValue() ? this.person.value().memberships.filter((m) => m.current) : []));
  protected readonly former = computed(() => (this.person.hasValue() ? this.person.value().memberships.filter((m) => !m.current) : []));

  protected readonly errorOverrides = {
    /** t(portalContent.person.notFound.title, portalContent.person.notFound.text) */
    'not-found': { title: 'portalContent.person.notFound.title', text: 'portalContent.person.notFound.text' },
  };

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.persons.breadcrumb, portalContent.person.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.persons.breadcrumb', link: ['/', this.context.slug(), 'personen'] },
    this.person.hasValue() ? { label: this.person.value().name } : { labelKey: 'portalContent.person.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      const error = this.person.error();
      if (error) {
        /** t(portalContent.title.personNotFound) */
        this.pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'portalContent.title.personNotFound' : ERROR_TITLE_KEYS[isApiError(error) ? error.kind : 'server']);
      } else if (this.person.hasValue()) {
        /** t(portalContent.title.person) */
        this.pageTitle.set('portalContent.title.person', { person: this.person.value().name, tenant: tenant?.name ?? '' });
      }
    });
  }
}
