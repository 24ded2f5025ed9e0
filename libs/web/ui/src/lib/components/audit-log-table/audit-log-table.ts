import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEventDto } from '@ratsinfo/contracts';
import { actingRoleKey } from '../../labels/roles';
import { DateTime } from '../date-time/date-time';

/**
 * Audit events as a KERN table: when, who, in which role, what (action code) and on which record;
 * optionally the authority (cooperative-wide log). Recorded changes are behind a disclosure.
 */
@Component({
  selector: 'ri-audit-log-table',
  imports: [JsonPipe, TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small ri-audit-table">
        <caption class="kern-sr-only">{{ caption() }}</caption>
        <thead>
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">{{ 'audit.columns.when' | transloco }}</th>
            <th class="kern-table__header" scope="col">{{ 'audit.columns.who' | transloco }}</th>
            <th class="kern-table__header" scope="col">{{ 'audit.columns.role' | transloco }}</th>
            <th class="kern-table__header" scope="col">{{ 'audit.columns.action' | transloco }}</th>
            <th class="kern-table__header" scope="col">{{ 'audit.columns.entity' | transloco }}</th>
            @if (showTenant()) {
              <th class="kern-table__header" scope="col">{{ 'audit.columns.tenant' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody class="kern-table__body">
          @for (event of events(); track event.id) {
            <tr class="kern-table__row" [attr.data-audit-id]="event.id">
              <td class="kern-table__cell ri-audit__when"><ri-date-time [value]="event.occurredAt" /></td>
              <th class="kern-table__header ri-audit__who" scope="row">
                {{ event.actor.name ?? event.actor.subject ?? ('audit.system' | transloco) }}
              </th>
              <td class="kern-table__cell">
                @if (roleKey(event.actingRole); as key) {
                  {{ key | transloco }}
                } @else if (event.actingRole) {
                  {{ event.actingRole }}
                } @else {
                  <span aria-hidden="true">–</span><span class="kern-sr-only">{{ 'audit.noRole' | transloco }}</span>
                }
              </td>
              <td class="kern-table__cell">
                <code class="ri-audit__code">{{ event.action }}</code>
                @if (event.changes) {
                  <details class="ri-audit__changes">
                    <summary>{{ 'audit.changes' | transloco }}</summary>
                    <pre>{{ event.changes | json }}</pre>
                  </details>
                }
              </td>
              <td class="kern-table__cell">
                {{ event.entityType }}
                @if (event.entityId) {
                  <br /><code class="ri-audit__code">{{ event.entityId }}</code>
                }
              </td>
              @if (showTenant()) {
                <td class="kern-table__cell">{{ event.tenantSlug ?? ('audit.noTenant' | transloco) }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .ri-audit__when {
      white-space: nowrap;
    }
    .ri-audit__who {
      font-weight: inherit;
    }
    .ri-audit__code {
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
    .ri-audit__changes pre {
      max-width: 32rem;
      overflow: auto;
      font-size: 0.8125rem;
      margin: var(--kern-metric-space-x-small, 4px) 0 0;
    }
  `,
})
export class AuditLogTable {
  readonly events = input.required<readonly AuditEventDto[]>();
  /** Table caption (already translated). */
  readonly caption = input.required<string>();
  /** Adds the authority column (cooperative-wide log). */
  readonly showTenant = input(false);

  protected readonly roleKey = actingRoleKey;
}
