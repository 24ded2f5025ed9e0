import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type LegislativeTermDto, legislativeTermCreateSchema, legislativeTermUpdateSchema } from '@ratsinfo/contracts';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { type CatalogColumn, StructureCatalog } from '../structure-catalog';
import { LEGISLATIVE_TERM_FIELDS, germanDate, legislativeTermValue } from '../structure-fields';
import { structurePage } from './structure-page-base';

/** `/:tenant/verwaltung/wahlperioden`: the authority's legislative terms (Wahlperioden), edited in place. */
@Component({
  selector: 'ri-terms-page',
  imports: [TranslocoPipe, Breadcrumbs, OfficeHeading, StructureCatalog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="'structure.terms.heading' | transloco" [preline]="page.context.tenantName()" />
    <p class="kern-body">{{ 'structure.terms.intro' | transloco }}</p>
    <ri-structure-catalog
      kind="terms"
      [slug]="page.context.slug()"
      [canEdit]="page.canEdit()"
      [resource]="api.legislativeTerms"
      [fields]="fields"
      [createSchema]="createSchema"
      [updateSchema]="updateSchema"
      nameLabelKey="structure.fields.name"
      [rowName]="rowName"
      [columns]="columns"
      [toFormValue]="toFormValue"
      [sort]="sort"
    />
  `,
})
export class TermsPage {
  /** t(structure.title.termsOf) */
  protected readonly page = structurePage('structure.nav.terms', 'structure.title.termsOf');
  protected readonly api = inject(StructureApi);
  protected readonly fields = LEGISLATIVE_TERM_FIELDS;
  protected readonly createSchema = legislativeTermCreateSchema;
  protected readonly updateSchema = legislativeTermUpdateSchema;
  protected readonly rowName = (t: LegislativeTermDto) => t.name;
  protected readonly toFormValue = legislativeTermValue;
  protected readonly sort = (a: LegislativeTermDto, b: LegislativeTermDto) => b.startDate.localeCompare(a.startDate);
  /** t(structure.fields.startDate, structure.fields.endDate, structure.values.open) */
  protected readonly columns: CatalogColumn<LegislativeTermDto>[] = [
    { labelKey: 'structure.fields.startDate', cell: (t) => ({ text: germanDate(t.startDate) }) },
    { labelKey: 'structure.fields.endDate', cell: (t) => (t.endDate ? { text: germanDate(t.endDate) } : { key: 'structure.values.open' }) },
  ];
}
