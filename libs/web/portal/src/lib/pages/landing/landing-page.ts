import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalApi } from '@ratsinfo/web-data-access';
import { Loading } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { PageHeading } from '../../components/page-heading/page-heading';
import { TenantList } from '../../components/tenant-list/tenant-list';

/** `/`: the cooperative's active member authorities, each linking to its portal. */
@Component({
  selector: 'ri-landing-page',
  imports: [TranslocoPipe, Loading, ApiError, PageHeading, TenantList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
})
export class LandingPage {
  private readonly api = inject(PortalApi);

  protected readonly tenants = rxResource({ stream: () => this.api.listTenants() });
}
