import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalPersonMembership } from '@ratsinfo/contracts';
import { ORGANIZATION_TYPE_KEYS } from '../../portal-content-labels';
import { PaperDate } from '../paper-date/paper-date';

/** A person's memberships: body (with its kind), role with faction or principal, and period; one block per row on phones. */
@Component({
  selector: 'ri-membership-table',
  imports: [RouterLink, TranslocoPipe, PaperDate],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped ri-memberships ri-meeting-table" role="table">
        <caption class="kern-sr-only">{{ caption() }}</caption>
        <thead role="rowgroup">
          <tr class="kern-table__row" role="row">
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'portalContent.person.memberships.organization' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'portalContent.person.memberships.role' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'portalContent.person.memberships.period' | transloco }}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body" role="rowgroup">
          @for (m of memberships(); track m.id) {
            <tr class="kern-table__row" role="row" [attr.data-membership-id]="m.id">
              <th class="kern-table__header ri-membership__org" scope="row" role="rowheader">
                <a class="kern-link" [routerLink]="['/', tenantSlug(), 'gremien', m.organization.id]">{{ m.organization.name }}</a>
                <span class="kern-body--small"> ({{ typeKeys[m.organization.organizationType] | transloco }})</span>
              </th>
              <td class="kern-table__cell" role="cell" [attr.data-label]="'portalContent.person.memberships.role' | transloco">
                {{ m.role ?? ('portalContent.organization.members.member' | transloco) }}
                @if (m.onBehalfOf; as faction) {
                  <span class="kern-body--small">
                    – {{ 'portalContent.person.memberships.for' | transloco }}
                    <a class="kern-link" [routerLink]="['/', tenantSlug(), 'gremien', faction.id]">{{ faction.name }}</a>
                  </span>
                }
                @if (m.deputyFor; as principal) {
                  <span class="kern-body--small"> ({{ 'portalContent.organization.members.deputyFor' | transloco: { name: principal.name } }})</span>
                }
              </td>
              <td class="kern-table__cell" role="cell" [attr.data-label]="'portalContent.person.memberships.period' | transloco">
                @if (m.startDate; as start) {
                  {{ 'portalContent.organization.facts.since' | transloco }} <ri-paper-date [date]="start" />
                }
                @if (m.endDate; as end) {
                  {{ 'portalContent.organization.facts.until' | transloco }} <ri-paper-date [date]="end" />
                }
                @if (!m.startDate && !m.endDate) {
                  <span aria-hidden="true">–</span><span class="kern-sr-only">{{ 'portalContent.person.memberships.noPeriod' | transloco }}</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .ri-memberships td,
    .ri-memberships th {
      overflow-wrap: anywhere;
    }
    .ri-membership__org {
      font-weight: inherit;
    }
  `,
})
export class MembershipTable {
  readonly memberships = input.required<readonly PortalPersonMembership[]>();
  /** Table caption (already translated), read by screen readers. */
  readonly caption = input.required<string>();
  readonly tenantSlug = input.required<string>();

  protected readonly typeKeys = ORGANIZATION_TYPE_KEYS;
}
