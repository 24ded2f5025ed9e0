import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OfficePersonDto, personUpdateSchema } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs, Loading } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { PersonPhoto } from '../person-photo';
import { RecordEditor } from '../record-editor';
import { period, personFields, personValue } from '../structure-fields';
import { structurePage } from './structure-page-base';

/**
 * `/:tenant/verwaltung/personen/:id`: one person — name, contact, biography and photo — and the
 * organizations they belong to (memberships are managed on each organization's page).
 */
@Component({
  selector: 'ri-person-page',
  imports: [TranslocoPipe, RouterLink, AccessError, Breadcrumbs, Loading, OfficeHeading, PersonPhoto, RecordEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="person()?.name ?? ('structure.persons.loadingHeading' | transloco)" [preline]="page.context.tenantName()" />
    <ri-record-editor
      kind="person"
      [slug]="page.context.slug()"
      [id]="id()"
      [canEdit]="page.canEdit()"
      [resource]="api.persons"
      [fields]="fields"
      [schema]="schema"
      [rowName]="rowName"
      [toFormValue]="toFormValue"
      (changed)="person.set($event)"
      (deleted)="deleted()"
    />
    @if (person(); as p) {
      <ri-person-photo [slug]="page.context.slug()" [personId]="p.id" [name]="p.name" [photoFileId]="p.photoFileId" [canEdit]="page.canEdit()" />
      <section class="ri-person__memberships" aria-labelledby="person-memberships-heading">
        <h2 class="kern-heading-medium" id="person-memberships-heading">{{ 'structure.person.membershipsHeading' | transloco }}</h2>
        @if (memberships.error(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="memberships.reload()" />
        } @else if (!memberships.hasValue()) {
          <ri-loading [label]="'structure.memberships.loading' | transloco" />
        } @else if (memberships.value().length === 0) {
          <p class="kern-body" data-no-memberships>{{ 'structure.person.noMemberships' | transloco }}</p>
          <a class="kern-link" [routerLink]="organizationsLink()">{{ 'structure.person.toOrganizations' | transloco }}</a>
        } @else {
          <p class="kern-body kern-body--small">{{ 'structure.person.membershipsHint' | transloco }}</p>
          <div class="kern-table-responsive">
            <table class="kern-table kern-table--striped" data-person-memberships>
              <caption class="kern-sr-only">{{ 'structure.person.membershipsCaption' | transloco: { name: person()!.name } }}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">{{ 'structure.memberships.organization' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'structure.fields.role' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'structure.memberships.faction' | transloco }}</th>
                  <th class="kern-table__header" scope="col">{{ 'structure.organizations.period' | transloco }}</th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                @for (m of memberships.value(); track m.id) {
                  @let when = period(m.startDate, m.endDate);
                  <tr class="kern-table__row">
                    <th class="kern-table__header" scope="row"><a class="kern-link" [routerLink]="organizationLink(m.organization.id)">{{ m.organization.name }}</a></th>
                    <td class="kern-table__cell">{{ m.role ?? '–' }}</td>
                    <td class="kern-table__cell">{{ m.onBehalfOf?.shortName ?? m.onBehalfOf?.name ?? '–' }}</td>
                    <td class="kern-table__cell">{{ 'key' in when ? (when.key | transloco) : when.text }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      </section>
    }
  `,
  styles: `
    .ri-person__memberships {
      margin-block: var(--kern-metric-space-x-large, 32px);
    }
  `,
})
export class PersonPage {
  private readonly router = inject(Router);
  protected readonly api = inject(StructureApi);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly person = signal<OfficePersonDto | null>(null);
  /** t(structure.title.personOf, structure.title.person) */
  protected readonly page = structurePage(
    'structure.nav.persons',
    () => (this.person() ? { key: 'structure.title.personOf', params: { name: this.person()?.name ?? '' } } : { key: 'structure.title.person' }),
    () => [{ label: this.person()?.name ?? '' }],
  );
  protected readonly fields = personFields(true);
  protected readonly schema = personUpdateSchema;
  protected readonly rowName = (p: OfficePersonDto) => p.name;
  protected readonly toFormValue = personValue;
  protected readonly period = period;

  protected readonly memberships = rxResource({
    params: () => ({ slug: this.page.context.slug(), personId: this.id() }),
    stream: ({ params }) => this.api.memberships.list(params.slug, { personId: params.personId }),
  });

  protected readonly organizationsLink = computed(() => officeLink(this.page.context.slug(), 'gremien'));
  protected organizationLink(id: string): string[] {
    return officeLink(this.page.context.slug(), 'gremien', id);
  }

  protected deleted(): void {
    void this.router.navigate(officeLink(this.page.context.slug(), 'personen'));
  }
}
