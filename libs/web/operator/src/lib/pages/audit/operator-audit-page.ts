import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditLog } from '@ratsinfo/web-auth';
import { AuditPage, OperatorApi } from '@ratsinfo/web-data-access';
import { OperatorHeading } from '../../components/operator-heading/operator-heading';

/** `/betrieb/protokoll`: the cooperative-wide audit log (onboarding, suspension, export, deletion, …). */
@Component({
  selector: 'ri-operator-audit-page',
  imports: [TranslocoPipe, AuditLog, OperatorHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-operator-heading [heading]="'operator.audit.heading' | transloco" [preline]="'operator.preline' | transloco" />
    <p class="kern-body">{{ 'operator.audit.intro' | transloco }}</p>
    <ri-audit-log [load]="load" [caption]="'operator.audit.caption' | transloco" [showTenant]="true" />
  `,
})
export class OperatorAuditPage {
  private readonly api = inject(OperatorApi);

  protected readonly load = (page: AuditPage) => this.api.audit(page);
}
