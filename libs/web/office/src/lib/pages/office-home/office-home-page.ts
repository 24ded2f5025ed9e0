import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, CLOCK, DateTime, Loading, PageTitle, TENANT_ROLE_KEYS, addDays, berlinDate, sortRoles } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/** Days ahead the start page lists meetings. */
const UPCOMING_DAYS = 90;

/**
 * `/:tenant/verwaltung`: start page of the back office. Says who is signed in and with which roles
 * in this authority, lists the upcoming meetings (links to their full agenda) and, for tenant
 * admins, the administration pages.
 */
@Component({
  selector: 'ri-office-home-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, DateTime, Loading, AccessError, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './office-home-page.html',
  styleUrl: './office-home-page.css',
})
export class OfficeHomePage {
  private readonly portal = inject(PortalApi);
  protected readonly context = inject(OfficeContext);

  protected readonly roleKeys = TENANT_ROLE_KEYS;
  protected readonly roles = computed(() => sortRoles(this.context.roles()));
  protected readonly upcomingDays = UPCOMING_DAYS;
  private readonly from = berlinDate(inject(CLOCK)());

  protected readonly meetings = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.portal.listMeetings(slug, { from: this.from, to: addDays(this.from, UPCOMING_DAYS) }),
  });

  protected readonly links = computed(() => ({
    users: officeLink(this.context.slug(), 'benutzer'),
    support: officeLink(this.context.slug(), 'support-zugang'),
    audit: officeLink(this.context.slug(), 'protokoll'),
    export: officeLink(this.context.slug(), 'export'),
    settings: officeLink(this.context.slug(), 'einstellungen'),
    myMeetings: officeLink(this.context.slug(), 'meine-sitzungen'),
    myBodies: officeLink(this.context.slug(), 'meine-gremien'),
    myDocuments: officeLink(this.context.slug(), 'meine-unterlagen'),
  }));
  /** Council members are led to their own area first. */
  protected readonly isMember = computed(() => this.context.roles().includes('member'));

  protected meetingLink(id: string): string[] {
    return officeLink(this.context.slug(), 'sitzungen', id);
  }

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeHome) */
    effect(() => pageTitle.set('title.officeHome', { tenant: this.context.tenantName() }));
  }
}
