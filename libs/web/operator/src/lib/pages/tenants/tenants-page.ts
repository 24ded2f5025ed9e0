import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError, operatorLink } from '@ratsinfo/web-auth';
import { OperatorApi } from '@ratsinfo/web-data-access';
import { Alert, DateTime, Loading } from '@ratsinfo/web-ui';
import { OperatorHeading } from '../../components/operator-heading/operator-heading';
import { ProvisioningSummaryText, TenantStatusBadge } from '../../components/tenant-status/tenant-status';
import { TENANT_KIND_KEYS } from '../../labels';
import { OperatorNotices } from '../../operator-notices';

/** `/betrieb`: all member authorities with status (aktiv / gesperrt / in Einrichtung) and provisioning state. */
@Component({
  selector: 'ri-operator-tenants-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Alert, DateTime, Loading, OperatorHeading, ProvisioningSummaryText, TenantStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenants-page.html',
})
export class TenantsPage {
  private readonly api = inject(OperatorApi);

  protected readonly notice = inject(OperatorNotices).take();
  protected readonly tenants = rxResource({ stream: () => this.api.tenants() });
  protected readonly kindKeys = TENANT_KIND_KEYS;
  protected readonly onboardLink = operatorLink('neu');

  protected detailLink(id: string): string[] {
    return operatorLink('kommunen', id);
  }
}
