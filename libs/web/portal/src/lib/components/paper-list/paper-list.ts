import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalPaperRef } from '@ratsinfo/contracts';
import { PaperDate } from '../paper-date/paper-date';
import { DERIVATION_KEYS } from '../../portal-content-labels';

/** Papers as a list of links: title, then reference, type, date, and "zurückgezogen" or "Änderungsantrag" where so. */
@Component({
  selector: 'ri-paper-list',
  imports: [RouterLink, TranslocoPipe, PaperDate],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-paper-list">
      @for (paper of papers(); track paper.id) {
        <li class="ri-paper" [attr.data-paper-id]="paper.id">
          <a class="kern-link ri-paper__title" [routerLink]="['/', tenantSlug(), 'vorlagen', paper.id]">{{ paper.name }}</a>
          <span class="kern-body kern-body--small ri-paper__meta">
            <span class="ri-paper__reference">{{ paper.reference }}</span>
            <span aria-hidden="true"> · </span>
            <span>{{ paper.paperType.name }}</span>
            <span aria-hidden="true"> · </span>
            <ri-paper-date [date]="paper.date" />
            @if (paper.derivation) {
              <span aria-hidden="true"> · </span>
              <span>{{ derivationKeys[paper.derivation] | transloco }}</span>
            }
            @if (paper.status === 'withdrawn') {
              <span aria-hidden="true"> · </span>
              <span class="kern-badge kern-badge--warning ri-paper__badge"><span class="kern-label">{{ 'portalContent.papers.withdrawn' | transloco }}</span></span>
            }
          </span>
        </li>
      }
    </ul>
  `,
  styles: `
    .ri-paper-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-paper {
      display: flex;
      flex-direction: column;
      gap: var(--kern-metric-space-x-small, 4px);
      padding-block: var(--kern-metric-space-small, 12px);
      border-bottom: 1px solid var(--kern-color-layout-border, #ccc);
      overflow-wrap: anywhere;
    }
    .ri-paper__title {
      font-weight: 600;
    }
    .ri-paper__badge {
      min-height: auto;
    }
  `,
})
export class PaperList {
  readonly papers = input.required<readonly PortalPaperRef[]>();
  readonly tenantSlug = input.required<string>();

  protected readonly derivationKeys = DERIVATION_KEYS;
}
