import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OfficeOrganizationDto, organizationCreateSchema, organizationUpdateSchema } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { type CatalogColumn, StructureCatalog } from '../structure-catalog';
import { ORGANIZATION_TYPE_KEYS, byText, organizationFields, organizationName, organizationValue, period } from '../structure-fields';
import { structurePage } from './structure-page-base';

const TYPE_ORDER = { council: 0, committee: 1, faction: 2, other: 3 } as const;

/**
 * `/:tenant/verwaltung/gremien`: the council, committees, factions and other bodies of the
 * authority, and a short form to create one (name, short name, kind, parent); everything else,
 * and the members, on the organization's own page.
 */
@Component({
  selector: 'ri-organizations-page',
  imports: [TranslocoPipe, Breadcrumbs, OfficeHeading, StructureCatalog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="'structure.organizations.heading' | transloco" [preline]="page.context.tenantName()" />
    <p class="kern-body">{{ 'structure.organizations.intro' | transloco }}</p>
    <ri-structure-catalog
      #catalog
      kind="organizations"
      [slug]="page.context.slug()"
      [canEdit]="page.canEdit()"
      [resource]="api.organizations"
      [fields]="fields()"
      [createSchema]="createSchema"
      [updateSchema]="updateSchema"
      nameLabelKey="structure.fields.name"
      [rowName]="rowName"
      [columns]="columns"
      [toFormValue]="toFormValue"
      [detailLink]="detailLink()"
      [sort]="sort"
    />
  `,
})
export class OrganizationsPage {
  /** t(structure.title.organizationsOf) */
  protected readonly page = structurePage('structure.nav.organizations', 'structure.title.organizationsOf');
  protected readonly api = inject(StructureApi);
  private readonly catalog = viewChild<StructureCatalog<OfficeOrganizationDto>>('catalog');

  protected readonly fields = computed(() => {
    const organizations = this.catalog()?.rows() ?? [];
    return organizationFields(
      organizations.map((o) => ({ value: o.id, label: organizationName(o) })),
      [],
      false,
    );
  });
  protected readonly createSchema = organizationCreateSchema;
  protected readonly updateSchema = organizationUpdateSchema;
  protected readonly rowName = (o: OfficeOrganizationDto) => organizationName(o);
  protected readonly toFormValue = organizationValue;
  protected readonly detailLink = computed(() => {
    const slug = this.page.context.slug();
    return (o: OfficeOrganizationDto) => officeLink(slug, 'gremien', o.id);
  });
  protected readonly sort = (a: OfficeOrganizationDto, b: OfficeOrganizationDto) => TYPE_ORDER[a.organizationType] - TYPE_ORDER[b.organizationType] || byText(a.name, b.name);
  /** t(structure.fields.organizationType, structure.fields.parentId, structure.organizations.members, structure.organizations.period, structure.values.none) */
  protected readonly columns: CatalogColumn<OfficeOrganizationDto>[] = [
    { labelKey: 'structure.fields.organizationType', cell: (o) => ({ key: ORGANIZATION_TYPE_KEYS[o.organizationType] }) },
    { labelKey: 'structure.fields.parentId', cell: (o) => (o.parent ? { text: o.parent.name } : { key: 'structure.values.none' }) },
    { labelKey: 'structure.organizations.members', cell: (o) => ({ text: String(o.currentMemberCount) }) },
    { labelKey: 'structure.organizations.period', cell: (o) => period(o.startDate, o.endDate) },
  ];
}
