import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@ratsinfo/web-auth';
import { Alert } from '@ratsinfo/web-ui';

/** `/betrieb/keine-berechtigung`: signed in, but without the realm role `operator`. */
@Component({
  selector: 'ri-operator-no-permission-page',
  imports: [Alert, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-alert variant="danger" [heading]="'operator.noPermission.title' | transloco" [headingLevel]="1" data-error-kind="forbidden">
      <p class="kern-body">{{ 'operator.noPermission.text' | transloco: { user: auth.user()?.name ?? '' } }}</p>
      <div class="ri-actions">
        <a class="kern-link" routerLink="/">{{ 'common.toOverview' | transloco }}</a>
        @if (auth.user()) {
          <button type="button" class="kern-btn kern-btn--secondary" (click)="switchAccount()">
            <span class="kern-label">{{ 'office.forbidden.switchAccount' | transloco }}</span>
          </button>
        }
      </div>
    </ri-alert>
  `,
  styles: `
    .ri-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: center;
    }
  `,
})
export class OperatorNoPermissionPage {
  protected readonly auth = inject(AuthService);

  protected switchAccount(): void {
    void this.auth.signOut('/betrieb');
  }
}
