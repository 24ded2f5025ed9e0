import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OfficeMembershipDto, type OfficeOrganizationDto, membershipCreateSchema, membershipUpdateSchema, organizationUpdateSchema } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { StructureApi } from '@ratsinfo/web-data-access';
import { Breadcrumbs } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import type { FormValue } from '../form-model';
import { RecordEditor } from '../record-editor';
import { type CatalogColumn, StructureCatalog } from '../structure-catalog';
import { ORGANIZATION_TYPE_KEYS, byText, locationName, membershipFields, membershipValue, organizationFields, organizationName, organizationValue, period, personSortName } from '../structure-fields';
import { structurePage } from './structure-page-base';

const NEW_MEMBERSHIP: FormValue = { votingRight: true };

/**
 * `/:tenant/verwaltung/gremien/:id`: one organization — its details (kind, parent, location,
 * period, website) and its members: who sits in it with which role and voting right, for which
 * faction, and who stands in for whom (deputies).
 */
@Component({
  selector: 'ri-organization-page',
  imports: [TranslocoPipe, RouterLink, Breadcrumbs, OfficeHeading, RecordEditor, StructureCatalog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading
      [heading]="organization() ? name() : ('structure.organizations.loadingHeading' | transloco)"
      [preline]="page.context.tenantName()"
      [subline]="organization() ? (typeKey() | transloco) : null"
    />
    <ri-record-editor
      kind="organization"
      [slug]="page.context.slug()"
      [id]="id()"
      [canEdit]="page.canEdit()"
      [resource]="api.organizations"
      [fields]="fields()"
      [schema]="updateSchema"
      [rowName]="rowName"
      [toFormValue]="toFormValue"
      (changed)="organization.set($event)"
      (deleted)="deleted()"
    />

    @if (organization()) {
      @if (page.canEdit() && persons.hasValue() && persons.value().length === 0) {
        <div class="kern-alert kern-alert--info" data-no-persons>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
            <h2 class="kern-title">{{ 'structure.memberships.noPersons' | transloco }}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{{ 'structure.memberships.noPersonsText' | transloco }}</p>
            <a class="kern-link" [routerLink]="personsLink()">{{ 'structure.memberships.toPersons' | transloco }}</a>
          </div>
        </div>
      }
      <ri-structure-catalog
        #memberships
        kind="memberships"
        [slug]="page.context.slug()"
        [canEdit]="page.canEdit()"
        [resource]="api.memberships"
        [query]="query()"
        [fields]="membershipFields()"
        [editFields]="membershipEditFields()"
        [createValue]="newMembership"
        [createExtra]="query()"
        [createSchema]="membershipCreateSchema"
        [updateSchema]="membershipUpdateSchema"
        nameLabelKey="structure.memberships.person"
        [rowName]="membershipName"
        [columns]="membershipColumns"
        [toFormValue]="membershipValue"
        [sort]="membershipSort"
      />
    }
  `,
})
export class OrganizationPage {
  private readonly router = inject(Router);
  protected readonly api = inject(StructureApi);
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly organization = signal<OfficeOrganizationDto | null>(null);
  protected readonly name = computed(() => {
    const o = this.organization();
    return o ? organizationName(o) : '';
  });
  protected readonly typeKey = computed(() => ORGANIZATION_TYPE_KEYS[this.organization()?.organizationType ?? 'other']);
  /** t(structure.title.organizationOf, structure.title.organization) */
  protected readonly page = structurePage(
    'structure.nav.organizations',
    () => (this.organization() ? { key: 'structure.title.organizationOf', params: { name: this.name() } } : { key: 'structure.title.organization' }),
    () => [{ label: this.name() }],
  );

  private readonly organizations = rxResource({ params: () => this.page.context.slug(), stream: ({ params }) => this.api.organizations.list(params) });
  private readonly locations = rxResource({ params: () => this.page.context.slug(), stream: ({ params }) => this.api.locations.list(params) });
  protected readonly persons = rxResource({ params: () => this.page.context.slug(), stream: ({ params }) => this.api.persons.list(params) });
  private readonly membershipCatalog = viewChild<StructureCatalog<OfficeMembershipDto>>('memberships');
  private readonly members = computed(() => this.membershipCatalog()?.rows() ?? []);

  protected readonly fields = computed(() => {
    const all = this.organizations.hasValue() ? (this.organizations.value() ?? []) : [];
    const locations = this.locations.hasValue() ? (this.locations.value() ?? []) : [];
    return organizationFields(
      all.filter((o) => o.id !== this.id()).map((o) => ({ value: o.id, label: organizationName(o) })),
      locations.map((l) => ({ value: l.id, label: locationName(l) })),
      true,
    );
  });
  protected readonly updateSchema = organizationUpdateSchema;
  protected readonly rowName = (o: OfficeOrganizationDto) => organizationName(o);
  protected readonly toFormValue = organizationValue;

  protected readonly query = computed(() => ({ organizationId: this.id() }));
  protected readonly newMembership = NEW_MEMBERSHIP;
  protected readonly membershipCreateSchema = membershipCreateSchema;
  protected readonly membershipUpdateSchema = membershipUpdateSchema;
  private readonly factionOptions = computed(() =>
    (this.organizations.hasValue() ? (this.organizations.value() ?? []) : []).filter((o) => o.organizationType === 'faction').map((o) => ({ value: o.id, label: organizationName(o) })),
  );
  private readonly memberOptions = computed(() => {
    const seen = new Map<string, string>();
    for (const m of this.members()) seen.set(m.person.id, m.person.name);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => byText(a.label, b.label));
  });
  protected readonly membershipFields = computed(() => {
    const persons = this.persons.hasValue() ? (this.persons.value() ?? []) : [];
    return membershipFields(
      persons.map((p) => ({ value: p.id, label: personSortName(p) })).sort((a, b) => byText(a.label, b.label)),
      this.factionOptions(),
      this.memberOptions(),
    );
  });
  protected readonly membershipEditFields = computed(() => membershipFields(null, this.factionOptions(), this.memberOptions()));
  /** t(structure.memberships.person) */
  protected readonly membershipName = (m: OfficeMembershipDto) => m.person.name;
  protected readonly membershipValue = membershipValue;
  protected readonly membershipSort = (a: OfficeMembershipDto, b: OfficeMembershipDto) => Number(a.deputyFor !== null) - Number(b.deputyFor !== null) || byText(a.person.name, b.person.name);
  /** t(structure.fields.role, structure.memberships.faction, structure.memberships.deputyFor, structure.fields.votingRight, structure.organizations.period, structure.values.yes, structure.values.no) */
  protected readonly membershipColumns: CatalogColumn<OfficeMembershipDto>[] = [
    { labelKey: 'structure.fields.role', cell: (m) => (m.role ? { text: m.role } : { key: 'structure.values.none' }) },
    { labelKey: 'structure.memberships.faction', cell: (m) => (m.onBehalfOf ? { text: m.onBehalfOf.shortName ?? m.onBehalfOf.name } : { key: 'structure.values.none' }) },
    { labelKey: 'structure.memberships.deputyFor', cell: (m) => (m.deputyFor ? { text: m.deputyFor.name } : { key: 'structure.values.none' }) },
    { labelKey: 'structure.fields.votingRight', cell: (m) => ({ key: m.votingRight ? 'structure.values.yes' : 'structure.values.no' }) },
    { labelKey: 'structure.organizations.period', cell: (m) => period(m.startDate, m.endDate) },
  ];

  protected readonly personsLink = computed(() => officeLink(this.page.context.slug(), 'personen'));

  protected deleted(): void {
    void this.router.navigate(officeLink(this.page.context.slug(), 'gremien'));
  }
}
