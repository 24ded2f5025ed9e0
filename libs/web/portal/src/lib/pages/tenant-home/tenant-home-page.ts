import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { RouterLink } from '@angular/router';
import { AuthService, MyAuthorities, officeLink } from '@ratsinfo/web-auth';
import { FeedRoutes } from '@ratsinfo/contracts';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, CLOCK, LanguageService, Loading, PageTitle, formatDate } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { type FeedLink, FeedLinks } from '../../components/feed-links/feed-links';
import { MeetingTable } from '../../components/meeting-table/meeting-table';
import { PageHeading } from '../../components/page-heading/page-heading';
import { UPCOMING_DAYS, upcomingRange } from '../../meeting-range';
import { TenantContext } from '../../tenant-context';

/** Noon UTC of a calendar date: the same calendar day in Europe/Berlin, whatever the DST. */
const calendarDay = (isoDate: string) => `${isoDate}T12:00:00Z`;

/** `/:tenant`: start page of an authority's portal with its meetings of the next 90 days. */
@Component({
  selector: 'ri-tenant-home-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, MeetingTable, PageHeading, FeedLinks],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-home-page.html',
  styles: `
    .ri-portal-sections {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
      gap: var(--kern-metric-space-default, 16px);
      list-style: none;
      margin: 0;
      padding: 0;
    }
  `,
})
export class TenantHomePage {
  private readonly api = inject(PortalApi);
  private readonly language = inject(LanguageService);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);
  /** The authority's calendar and meeting feeds. */
  protected readonly feeds = computed<readonly FeedLink[]>(() => {
    const slug = this.context.slug();
    return [
      { href: FeedRoutes.calendar(slug), labelKey: 'portalFeeds.calendar', type: 'text/calendar' },
      { href: FeedRoutes.meetingsRss(slug), labelKey: 'portalFeeds.meetingsRss', type: 'application/rss+xml' },
      { href: FeedRoutes.meetingsAtom(slug), labelKey: 'portalFeeds.meetingsAtom', type: 'application/atom+xml' },
    ];
  });
  protected readonly auth = inject(AuthService);
  /** Where the signed-in person has a role: "to the back office" only shows there. */
  protected readonly mine = inject(MyAuthorities);
  protected readonly officeHomeLink = computed(() => officeLink(this.context.slug()));

  protected readonly upcomingDays = UPCOMING_DAYS;

  /**
   * What the landing page's card promises ("Sitzungen, Gremien und Tagesordnungen"), one click away.
   * t(portalContent.home.archive.title, portalContent.home.archive.text, portalContent.home.organizations.title,
   *   portalContent.home.organizations.text, portalContent.home.persons.title, portalContent.home.persons.text,
   *   portalContent.home.papers.title, portalContent.home.papers.text)
   */
  protected readonly sections = [
    { path: 'archiv', title: 'portalContent.home.archive.title', text: 'portalContent.home.archive.text' },
    { path: 'gremien', title: 'portalContent.home.organizations.title', text: 'portalContent.home.organizations.text' },
    { path: 'personen', title: 'portalContent.home.persons.title', text: 'portalContent.home.persons.text' },
    { path: 'vorlagen', title: 'portalContent.home.papers.title', text: 'portalContent.home.papers.text' },
  ] as const;
  protected readonly range = upcomingRange(inject(CLOCK)());

  protected readonly meetings = rxResource({
    params: () => this.context.slug(),
    stream: ({ params: slug }) => this.api.listMeetings(slug, this.range),
  });

  protected readonly fromLabel = computed(() => formatDate(calendarDay(this.range.from), this.language.active()));
  protected readonly toLabel = computed(() => formatDate(calendarDay(this.range.to), this.language.active()));

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug() },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      /** t(title.tenant) */
      if (tenant) this.pageTitle.set('title.tenant', { tenant: tenant.name });
    });
  }
}
