import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Alert } from '@ratsinfo/web-ui';

/** Page content for people without the tenant-admin role on an administration page. */
@Component({
  selector: 'ri-admin-required',
  imports: [Alert, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-alert variant="danger" [heading]="'office.adminRequired.title' | transloco" [headingLevel]="1" data-error-kind="forbidden">
      <p class="kern-body">{{ 'office.adminRequired.text' | transloco: { tenant: tenantName() } }}</p>
    </ri-alert>
  `,
})
export class AdminRequired {
  readonly tenantName = input.required<string>();
}
