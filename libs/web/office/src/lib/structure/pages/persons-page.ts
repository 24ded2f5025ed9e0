import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OfficePersonDto, personCreateSchema, personUpdateSchema } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { type CatalogColumn, StructureCatalog } from '../structure-catalog';
import { byText, personFields, personSortName, personValue } from '../structure-fields';
import { structurePage } from './structure-page-base';

/** `/:tenant/verwaltung/personen`: council members and other persons of the authority, and a form to add one. */
@Component({
  selector: 'ri-persons-page',
  imports: [TranslocoPipe, Breadcrumbs, OfficeHeading, StructureCatalog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="'structure.persons.heading' | transloco" [preline]="page.context.tenantName()" />
    <p class="kern-body">{{ 'structure.persons.intro' | transloco }}</p>
    <ri-structure-catalog
      kind="persons"
      [slug]="page.context.slug()"
      [canEdit]="page.canEdit()"
      [resource]="api.persons"
      [fields]="fields"
      [createSchema]="createSchema"
      [updateSchema]="updateSchema"
      nameLabelKey="structure.persons.name"
      [rowName]="rowName"
      [columns]="columns"
      [toFormValue]="toFormValue"
      [detailLink]="detailLink()"
      [sort]="sort"
    />
  `,
})
export class PersonsPage {
  /** t(structure.title.personsOf) */
  protected readonly page = structurePage('structure.nav.persons', 'structure.title.personsOf');
  protected readonly api = inject(StructureApi);
  protected readonly fields = personFields(false);
  protected readonly createSchema = personCreateSchema;
  protected readonly updateSchema = personUpdateSchema;
  protected readonly rowName = personSortName;
  protected readonly toFormValue = personValue;
  protected readonly detailLink = computed(() => {
    const slug = this.page.context.slug();
    return (p: OfficePersonDto) => officeLink(slug, 'personen', p.id);
  });
  protected readonly sort = (a: OfficePersonDto, b: OfficePersonDto) => byText(personSortName(a), personSortName(b));
  /** t(structure.persons.name, structure.persons.memberships, structure.fields.email, structure.values.none) */
  protected readonly columns: CatalogColumn<OfficePersonDto>[] = [
    { labelKey: 'structure.persons.memberships', cell: (p) => (p.currentMemberships.length > 0 ? { text: p.currentMemberships.map((m) => m.organization.shortName ?? m.organization.name).join(', ') } : { key: 'structure.values.none' }) },
    { labelKey: 'structure.fields.email', cell: (p) => (p.email ? { text: p.email } : { key: 'structure.values.none' }) },
  ];
}
