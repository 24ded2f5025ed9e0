import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService, MyAuthorities, officeLink } from '@ratsinfo/web-auth';
import { FeedRoutes } from '@ratsinfo/contracts';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, CLOCK, LanguageService, Loading, PageTitle, formatDate, formatTime } from '@ratsinfo/web-ui';
import { AgendaTable } from '../../components/agenda-table/agenda-table';
import { ApiError } from '../../components/api-error/api-error';
import { FeedLinks } from '../../components/feed-links/feed-links';
import { FileList, formatFileSize } from '../../components/file-list/file-list';
import { LiveMeeting } from '../../components/live-meeting/live-meeting';
import { MeetingFacts } from '../../components/meeting-facts/meeting-facts';
import { MeetingResults } from '../../components/meeting-results/meeting-results';
import { PageHeading } from '../../components/page-heading/page-heading';
import { ERROR_TITLE_KEYS } from '../../labels';
import { meetingHome } from '../../meeting-range';
import { TenantContext } from '../../tenant-context';

/** `/:tenant/sitzungen/:meetingId`: a meeting with its key data and its public agenda. */
@Component({
  selector: 'ri-meeting-page',
  imports: [RouterLink, TranslocoPipe, Alert, Breadcrumbs, Loading, AgendaTable, ApiError, FileList, LiveMeeting, MeetingFacts, MeetingResults, PageHeading, FeedLinks],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-page.html',
  styles: `
    .ri-back-link {
      margin-top: var(--kern-metric-space-x-large, 32px);
    }
  `,
})
export class MeetingPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  private readonly language = inject(LanguageService);
  protected readonly context = inject(TenantContext);
  protected readonly auth = inject(AuthService);
  /** Where the signed-in person has a role: "to the back office" only shows there. */
  protected readonly mine = inject(MyAuthorities);
  private readonly now = inject(CLOCK)();

  /** Route parameter `:meetingId`. */
  readonly meetingId = input.required<string>();

  protected readonly meeting = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.getMeeting(params.slug, params.id),
  });

  /** The same meeting in the back office, with its non-public agenda items (for signed-in people). */
  protected readonly officeMeetingLink = computed(() => officeLink(this.context.slug(), 'sitzungen', this.meetingId()));

  /** "24 Seiten, 1,2 MB" of the public bundle, when there is one. */
  protected readonly bundleFacts = computed(() => {
    const b = this.meeting.hasValue() ? this.meeting.value().bundle : null;
    return b?.available ? { pages: b.pageCount ?? 0, size: formatFileSize(b.size ?? 0, this.language.active()) } : null;
  });

  /** Long date and time of the meeting, shown under its name (committee meetings share names). */
  protected readonly when = computed(() => {
    const start = this.meeting.hasValue() ? this.meeting.value().start : null;
    return { date: formatDate(start, this.language.active(), 'long'), time: formatTime(start, this.language.active()) };
  });

  /** "Meeting not found" instead of the generic "not found". */
  protected readonly errorOverrides = {
    /** t(errors.meetingNotFound.title, errors.meetingNotFound.text) */
    'not-found': { title: 'errors.meetingNotFound.title', text: 'errors.meetingNotFound.text' },
  };

  /** Where the meeting belongs: the upcoming meetings, or the archive of its year (null while loading). */
  protected readonly home = computed(() => (this.meeting.hasValue() ? meetingHome(this.meeting.value().start, this.now) : null));

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => {
    const tenant = this.context.summary();
    const meeting = this.meeting.hasValue() ? this.meeting.value() : undefined;
    const home = this.home();
    return [
      /** t(shell.nav.authorities, meeting.breadcrumb, archive.breadcrumb) */
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: tenant?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
      ...(home?.kind === 'archive' ? [{ labelKey: 'archive.breadcrumb', labelParams: { year: home.year }, link: ['/', this.context.slug(), 'archiv', String(home.year)] }] : []),
      meeting ? { label: meeting.name } : { labelKey: 'meeting.breadcrumb' },
    ];
  });

  private readonly http = inject(HttpClient);
  private bundleAsked: string | null = null;

  /** The iCalendar of this meeting (FeedRoutes). */
  protected meetingCalendar(meetingId: string): string {
    return FeedRoutes.meetingCalendar(this.context.slug(), meetingId);
  }

  constructor() {
    // A bundle never generated (an older meeting) is generated on its first request: ask once,
    // in the background, so that it is there when the page is opened again.
    effect(() => {
      const bundle = this.meeting.hasValue() ? this.meeting.value().bundle : null;
      if (!bundle || bundle.available || bundle.failed || this.bundleAsked === bundle.url) return;
      this.bundleAsked = bundle.url;
      this.http.head(bundle.url).subscribe({ error: () => undefined });
    });
    effect(() => {
      const tenant = this.context.summary();
      const error = this.meeting.error();
      if (error) {
        this.pageTitle.set(
          /** t(title.meetingNotFound) */
          isApiError(error) && error.kind === 'not-found' ? 'title.meetingNotFound' : ERROR_TITLE_KEYS[isApiError(error) ? error.kind : 'server'],
        );
      } else if (this.meeting.hasValue()) {
        const meeting = this.meeting.value();
        /** t(title.meeting) */
        this.pageTitle.set('title.meeting', {
          meeting: meeting.name,
          date: formatDate(meeting.start, this.language.active()),
          tenant: tenant?.name ?? '',
        });
      }
    });
  }
}
