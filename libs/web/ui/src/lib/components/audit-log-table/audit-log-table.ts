import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEventDto } from '@ratsinfo/contracts';
import { AUDIT_ACTION_KEYS, AUDIT_ENTITY_KEYS, AuditValue, auditChanges, auditEntityName } from '../../labels/audit';
import { actingRoleKey } from '../../labels/roles';
import { DateTime } from '../date-time/date-time';

/**
 * Audit events as a KERN table: when, who, in which role, what happened (in words) and to which
 * record (its kind and, where the event carries one, a readable name); optionally the authority
 * (cooperative-wide log). The recorded changes are a definition list behind a disclosure. On
 * phones each event is one block (shared .ri-meeting-table rules), not a table to scroll sideways.
 */
@Component({
  selector: 'ri-audit-log-table',
  imports: [TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small ri-audit-table ri-meeting-table" role="table">
        <caption class="kern-sr-only">{{ caption() }}</caption>
        <thead role="rowgroup">
          <tr class="kern-table__row" role="row">
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.when' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.who' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.role' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.action' | transloco }}</th>
            <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.entity' | transloco }}</th>
            @if (showTenant()) {
              <th class="kern-table__header" scope="col" role="columnheader">{{ 'audit.columns.tenant' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody class="kern-table__body" role="rowgroup">
          @for (row of rows(); track row.event.id) {
            <tr class="kern-table__row" role="row" [attr.data-audit-id]="row.event.id" [attr.data-action]="row.event.action">
              <td class="kern-table__cell ri-audit__when" role="cell" [attr.data-label]="'audit.columns.when' | transloco">
                <ri-date-time [value]="row.event.occurredAt" />
              </td>
              <th class="kern-table__header ri-audit__who" scope="row" role="rowheader">
                @if (row.event.actor.name) {
                  {{ row.event.actor.name }}
                } @else if (row.event.actor.subject) {
                  {{ 'audit.unnamedActor' | transloco }}
                } @else {
                  {{ 'audit.system' | transloco }}
                }
              </th>
              <td class="kern-table__cell" role="cell" [attr.data-label]="'audit.columns.role' | transloco">
                @if (roleKey(row.event.actingRole); as key) {
                  {{ key | transloco }}
                } @else if (row.event.actingRole) {
                  {{ row.event.actingRole }}
                } @else {
                  <span aria-hidden="true">–</span><span class="kern-sr-only">{{ 'audit.noRole' | transloco }}</span>
                }
              </td>
              <td class="kern-table__cell" role="cell" [attr.data-label]="'audit.columns.action' | transloco">
                @if (row.actionKey; as key) {
                  <span data-audit-action>{{ key | transloco }}</span>
                } @else {
                  <code class="ri-audit__code" data-audit-action>{{ row.event.action }}</code>
                }
                @if (row.changes.length > 0) {
                  <details class="ri-audit__changes">
                    <summary>{{ 'audit.changes' | transloco }}</summary>
                    <dl class="ri-audit__list">
                      @for (change of row.changes; track change.field) {
                        <div class="ri-audit__pair">
                          <dt>
                            @if (change.labelKey; as key) {
                              {{ key | transloco }}
                            } @else {
                              <code class="ri-audit__code">{{ change.field }}</code>
                            }
                          </dt>
                          <dd>
                            @switch (change.value.kind) {
                              @case ('empty') {
                                {{ 'audit.value.empty' | transloco }}
                              }
                              @case ('yes') {
                                {{ 'audit.value.yes' | transloco }}
                              }
                              @case ('no') {
                                {{ 'audit.value.no' | transloco }}
                              }
                              @case ('roles') {
                                @for (key of roleKeys(change.value); track key; let last = $last) {
                                  {{ key | transloco }}{{ last ? '' : ', ' }}
                                }
                              }
                              @case ('date') {
                                <ri-date-time [value]="dateOf(change.value)" />
                              }
                              @default {
                                <span class="ri-audit__text">{{ textOf(change.value) }}</span>
                              }
                            }
                          </dd>
                        </div>
                      }
                    </dl>
                  </details>
                }
              </td>
              <td class="kern-table__cell" role="cell" [attr.data-label]="'audit.columns.entity' | transloco">
                @if (row.entityKey; as key) {
                  {{ key | transloco }}
                } @else {
                  {{ row.event.entityType }}
                }
                @if (row.entityName; as name) {
                  <br /><span class="ri-audit__name" data-audit-entity-name>{{ name }}</span>
                }
              </td>
              @if (showTenant()) {
                <td class="kern-table__cell" role="cell" [attr.data-label]="'audit.columns.tenant' | transloco">
                  {{ row.event.tenantSlug ?? ('audit.noTenant' | transloco) }}
                </td>
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
    .ri-audit__code,
    .ri-audit__text,
    .ri-audit__name {
      overflow-wrap: anywhere;
    }
    .ri-audit__code {
      font-size: 0.875rem;
    }
    .ri-audit__name {
      font-weight: 600;
    }
    .ri-audit__list {
      margin: var(--kern-metric-space-x-small, 4px) 0 0;
      max-width: 32rem;
    }
    .ri-audit__pair {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--kern-metric-space-small, 8px);
    }
    .ri-audit__pair dt {
      font-weight: 600;
    }
    .ri-audit__pair dt::after {
      content: ':';
    }
    .ri-audit__pair dd {
      margin: 0;
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

  protected readonly rows = computed(() =>
    this.events().map((event) => ({
      event,
      actionKey: AUDIT_ACTION_KEYS[event.action] ?? null,
      entityKey: AUDIT_ENTITY_KEYS[event.entityType] ?? null,
      entityName: auditEntityName(event),
      changes: auditChanges(event.changes),
    })),
  );

  protected roleKeys(value: AuditValue): string[] {
    return value.kind === 'roles' ? value.keys : [];
  }
  protected dateOf(value: AuditValue): string {
    return value.kind === 'date' ? value.iso : '';
  }
  protected textOf(value: AuditValue): string {
    return value.kind === 'text' ? value.text : '';
  }
}
