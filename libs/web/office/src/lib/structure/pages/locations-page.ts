import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type LocationDto, locationCreateSchema, locationUpdateSchema } from '@ratsinfo/contracts';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { type CatalogColumn, StructureCatalog } from '../structure-catalog';
import { LOCATION_FIELDS, byText, locationValue } from '../structure-fields';
import { structurePage } from './structure-page-base';

/** `/:tenant/verwaltung/orte`: meeting rooms with their addresses, reused by meetings and organizations. */
@Component({
  selector: 'ri-locations-page',
  imports: [TranslocoPipe, Breadcrumbs, OfficeHeading, StructureCatalog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="'structure.locations.heading' | transloco" [preline]="page.context.tenantName()" />
    <p class="kern-body">{{ 'structure.locations.intro' | transloco }}</p>
    <ri-structure-catalog
      kind="locations"
      [slug]="page.context.slug()"
      [canEdit]="page.canEdit()"
      [resource]="api.locations"
      [fields]="fields"
      [createSchema]="createSchema"
      [updateSchema]="updateSchema"
      nameLabelKey="structure.fields.description"
      [rowName]="rowName"
      [columns]="columns"
      [toFormValue]="toFormValue"
      [sort]="sort"
    />
  `,
})
export class LocationsPage {
  /** t(structure.title.locationsOf) */
  protected readonly page = structurePage('structure.nav.locations', 'structure.title.locationsOf');
  protected readonly api = inject(StructureApi);
  protected readonly fields = LOCATION_FIELDS;
  protected readonly createSchema = locationCreateSchema;
  protected readonly updateSchema = locationUpdateSchema;
  protected readonly rowName = (l: LocationDto) => l.description;
  protected readonly toFormValue = locationValue;
  protected readonly sort = (a: LocationDto, b: LocationDto) => byText(a.description, b.description);
  /** t(structure.fields.room, structure.locations.address, structure.values.none) */
  protected readonly columns: CatalogColumn<LocationDto>[] = [
    { labelKey: 'structure.fields.room', cell: (l) => (l.room ? { text: l.room } : { key: 'structure.values.none' }) },
    {
      labelKey: 'structure.locations.address',
      cell: (l) => {
        const text = [l.streetAddress, [l.postalCode, l.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
        return text ? { text } : { key: 'structure.values.none' };
      },
    },
  ];
}
