import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditLog, officeLink } from '@ratsinfo/web-auth';
import { AuditPage, OfficeApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, PageTitle } from '@ratsinfo/web-ui';
import { AdminRequired } from '../../components/admin-required/admin-required';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/** `/:tenant/verwaltung/protokoll` (tenant admins): who did what in the authority, and when. */
@Component({
  selector: 'ri-office-audit-page',
  imports: [TranslocoPipe, AdminRequired, AuditLog, Breadcrumbs, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.isAdmin()) {
      <ri-breadcrumbs [items]="breadcrumbs()" />
      <ri-office-heading [heading]="'office.audit.heading' | transloco" [preline]="context.tenantName()" />
      <p class="kern-body">{{ 'office.audit.intro' | transloco }}</p>
      <ri-audit-log [load]="load" [caption]="'office.audit.caption' | transloco: { tenant: context.tenantName() }" />
    } @else {
      <ri-admin-required [tenantName]="context.tenantName()" />
    }
  `,
})
export class OfficeAuditPage {
  private readonly api = inject(OfficeApi);
  protected readonly context = inject(OfficeContext);

  protected readonly load = (page: AuditPage) => this.api.audit(this.context.slug(), page);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, office.nav.audit) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'office.nav.audit' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeAuditOf) */
    effect(() => pageTitle.set('title.officeAuditOf', { tenant: this.context.tenantName() }));
  }
}
