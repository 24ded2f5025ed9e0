import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { PageHeading } from '../../components/page-heading/page-heading';
import { TenantContext } from '../../tenant-context';

/** Lower case without accents: "Müller" is found by "muller" and "Müll". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** `/:tenant/personen`: the people of the council and its bodies with their current memberships, filterable by name. */
@Component({
  selector: 'ri-persons-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-page-heading
      [heading]="'portalContent.persons.heading' | transloco"
      [preline]="context.summary()?.name ?? null"
      [accent]="context.summary()?.branding?.primaryColor ?? null"
    />
    <p class="kern-body">{{ 'portalContent.persons.intro' | transloco }}</p>
    @if (persons.isLoading()) {
      <ri-loading [label]="'portalContent.persons.loading' | transloco" />
    } @else if (persons.error(); as error) {
      <ri-api-error [error]="error" [headingLevel]="2" (retry)="persons.reload()" />
    } @else if (persons.hasValue()) {
      <div class="kern-form-input ri-person-filter" role="search" [attr.aria-label]="'portalContent.persons.filterLabel' | transloco">
        <label class="kern-label" for="person-filter">{{ 'portalContent.persons.filter' | transloco }}</label>
        <input class="kern-form-input__input" id="person-filter" type="search" autocomplete="off" [value]="query()" (input)="query.set($any($event.target).value)" />
      </div>
      <p class="kern-body" role="status">{{ 'portalContent.persons.count' | transloco: { count: shown().length, total: persons.value().length } }}</p>
      <ul class="ri-persons">
        @for (p of shown(); track p.id) {
          <li class="ri-person" [attr.data-person-id]="p.id">
            <a class="kern-link ri-person__name" [routerLink]="['/', context.slug(), 'personen', p.id]">{{ p.name }}</a>
            @if (p.memberships.length > 0) {
              <span class="kern-body kern-body--small">{{ p.bodies }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .ri-person-filter {
      max-width: 30rem;
    }
    .ri-persons {
      list-style: none;
      margin: 0;
      padding: 0;
      columns: 2 22rem;
      column-gap: var(--kern-metric-space-x-large, 32px);
    }
    .ri-person {
      break-inside: avoid;
      display: flex;
      flex-direction: column;
      padding-block: var(--kern-metric-space-small, 8px);
      overflow-wrap: anywhere;
    }
    .ri-person__name {
      font-weight: 600;
    }
  `,
})
export class PersonsPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);

  protected readonly query = signal('');

  protected readonly persons = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.listPersons(slug),
  });

  protected readonly shown = computed(() => {
    const words = fold(this.query()).split(/\s+/).filter(Boolean);
    const all = this.persons.hasValue() ? this.persons.value() : [];
    return all
      .map((p) => ({ ...p, bodies: p.memberships.map((m) => (m.role ? `${m.organization.name} (${m.role})` : m.organization.name)).join(', ') }))
      .filter((p) => words.every((w) => fold(`${p.name} ${p.bodies}`).includes(w)));
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.persons.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.persons.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      /** t(portalContent.title.persons) */
      if (tenant) this.pageTitle.set('portalContent.title.persons', { tenant: tenant.name });
    });
  }
}
