import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { operatorLink } from '@ratsinfo/web-auth';

/** `/betrieb`: frame of the operator console with its navigation. */
@Component({
  selector: 'ri-operator-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="ri-operator-nav" [attr.aria-label]="'operator.nav.label' | transloco">
      <ul class="kern-list kern-list--horizontal">
        <li>
          <a class="kern-link" [routerLink]="links.tenants" routerLinkActive="ri-operator-nav--active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">
            {{ 'operator.nav.tenants' | transloco }}
          </a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links.onboard" routerLinkActive="ri-operator-nav--active" ariaCurrentWhenActive="page">{{ 'operator.nav.onboard' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links.audit" routerLinkActive="ri-operator-nav--active" ariaCurrentWhenActive="page">{{ 'operator.nav.audit' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links.deadLetters" routerLinkActive="ri-operator-nav--active" ariaCurrentWhenActive="page">{{ 'deadLetters.operator.nav' | transloco }}</a>
        </li>
      </ul>
    </nav>
    <router-outlet />
  `,
  styles: `
    .ri-operator-nav {
      padding-block: var(--kern-metric-space-small, 8px);
      border-bottom: 1px solid var(--kern-color-layout-border, #6e7597);
      margin-bottom: var(--kern-metric-space-default, 16px);
    }
    .ri-operator-nav ul {
      margin: 0;
      flex-wrap: wrap;
    }
    .ri-operator-nav--active {
      font-weight: 600;
    }
  `,
})
export class OperatorLayout {
  protected readonly links = { tenants: operatorLink(), onboard: operatorLink('neu'), audit: operatorLink('protokoll'), deadLetters: operatorLink('fehlgeschlagene-auftraege') };
}
