import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyMeetingDto, MyMeetingsWhen } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { MembersApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, DateTime, Loading, PageTitle } from '@ratsinfo/web-ui';
import { map } from 'rxjs';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';

/** Query parameter of the past meetings view (`?zeitraum=vergangen`). */
export const PAST_QUERY = 'vergangen';

/** t(members.meetings.absence.noticed, members.meetings.absence.open, members.meetings.absence.closed) */
export const ABSENCE_STATE_KEYS = {
  noticed: 'members.meetings.absence.noticed',
  open: 'members.meetings.absence.open',
  closed: 'members.meetings.absence.closed',
} as const;

/**
 * `/:tenant/verwaltung/meine-sitzungen`: the meetings of the bodies the signed-in member belongs
 * to, upcoming (soonest first) or past (latest first) as two tab-like links, each with the
 * member's absence notice state, the agenda items and files they may read, and a link to the
 * meeting (where the absence notice is given). "Weitere laden" appends the next page.
 */
@Component({
  selector: 'ri-my-meetings-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Breadcrumbs, DateTime, Loading, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './member-pages.css',
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'members.meetings.heading' | transloco" [preline]="context.tenantName()" />
    <p class="kern-body">{{ 'members.meetings.intro' | transloco }}</p>
    <nav [attr.aria-label]="'members.meetings.tabsLabel' | transloco">
      <ul class="ri-member-tabs">
        <li>
          <a class="kern-btn" [class.kern-btn--primary]="when() === 'upcoming'" [class.kern-btn--secondary]="when() !== 'upcoming'" [routerLink]="[]" [queryParams]="{}" [attr.aria-current]="when() === 'upcoming' ? 'page' : null" data-tab-upcoming>
            <span class="kern-label">{{ 'members.meetings.upcoming' | transloco }}</span>
          </a>
        </li>
        <li>
          <a class="kern-btn" [class.kern-btn--primary]="when() === 'past'" [class.kern-btn--secondary]="when() !== 'past'" [routerLink]="[]" [queryParams]="{ zeitraum: past }" [attr.aria-current]="when() === 'past' ? 'page' : null" data-tab-past>
            <span class="kern-label">{{ 'members.meetings.past' | transloco }}</span>
          </a>
        </li>
      </ul>
    </nav>

    <section class="ri-section" aria-labelledby="my-meetings-list-heading">
      <h2 id="my-meetings-list-heading" class="kern-heading-medium">{{ (when() === 'past' ? 'members.meetings.past' : 'members.meetings.upcoming') | transloco }}</h2>
      <p class="kern-sr-only" role="status" aria-live="polite">@if (shown() !== null) {{{ 'members.meetings.count' | transloco: { count: shown() } }}}</p>
      @if (error(); as e) {
        <ri-access-error [error]="e" [headingLevel]="3" (retry)="load(true)" />
      } @else if (rows() === null) {
        <ri-loading [label]="'members.meetings.loading' | transloco" />
      } @else if (rows()!.length === 0) {
        <p class="kern-body" data-my-meetings-empty>{{ (when() === 'past' ? 'members.meetings.emptyPast' : 'members.meetings.emptyUpcoming') | transloco }}</p>
      } @else {
        <ul class="ri-member-list" data-my-meetings>
          @for (m of rows(); track m.id) {
            <li class="ri-member-item" [attr.data-meeting-id]="m.id">
              <h3 class="kern-heading-small"><a class="kern-link" [routerLink]="meetingLink(m.id)">{{ m.name }}</a></h3>
              <p class="kern-body"><ri-date-time [value]="m.start" /> · {{ m.organization.name }}</p>
              @if (m.locationText) {
                <p class="kern-body kern-body--small">{{ m.locationText }}</p>
              }
              <p class="kern-body kern-body--small">{{ 'members.meetings.counts' | transloco: { items: m.itemCount, files: m.fileCount } }}</p>
              <div class="ri-member-badges">
                @if (m.cancelled) {
                  <span class="kern-badge kern-badge--danger kern-badge--small"><span class="kern-label">{{ 'meetings.cancelled' | transloco }}</span></span>
                } @else {
                  <span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label">{{ stateKeys[m.meetingState] | transloco }}</span></span>
                }
                <span class="kern-badge kern-badge--small" [class.kern-badge--warning]="m.absence.state === 'noticed'" [attr.data-absence-state]="m.absence.state">
                  <span class="kern-label">{{ absenceKeys[m.absence.state] | transloco }}</span>
                </span>
              </div>
            </li>
          }
        </ul>
        @if (nextCursor()) {
          <p class="kern-body">
            <button type="button" class="kern-btn kern-btn--secondary" (click)="load(false)" [disabled]="loading()" data-more>
              <span class="kern-label">{{ 'members.more' | transloco }}</span>
            </button>
          </p>
        }
      }
    </section>
  `,
})
export class MyMeetingsPage {
  private readonly api = inject(MembersApi);
  protected readonly context = inject(OfficeContext);
  private readonly route = inject(ActivatedRoute);

  protected readonly past = PAST_QUERY;
  protected readonly stateKeys = MEETING_STATE_KEYS as Record<string, string>;
  protected readonly absenceKeys = ABSENCE_STATE_KEYS;
  protected readonly when = toSignal(this.route.queryParamMap.pipe(map((q): MyMeetingsWhen => (q.get('zeitraum') === PAST_QUERY ? 'past' : 'upcoming'))), { initialValue: 'upcoming' as MyMeetingsWhen });
  protected readonly rows = signal<MyMeetingDto[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly shown = signal<number | null>(null);

  protected meetingLink(id: string): string[] {
    return officeLink(this.context.slug(), 'sitzungen', id);
  }

  /** Loads the first page (fresh) or the next one. */
  load(fresh: boolean): void {
    const when = this.when();
    if (fresh) {
      this.rows.set(null);
      this.nextCursor.set(null);
      this.error.set(null);
    }
    this.loading.set(true);
    this.api.meetings(this.context.slug(), when, fresh ? null : this.nextCursor()).subscribe({
      next: (page) => {
        if (when !== this.when()) return;
        const all = [...(fresh ? [] : (this.rows() ?? [])), ...page.data];
        this.rows.set(all);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.shown.set(all.length);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.error.set(e);
      },
    });
  }

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, members.meetings.heading) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'members.meetings.heading' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(members.title.meetings) */
    effect(() => pageTitle.set('members.title.meetings', { tenant: this.context.tenantName() }));
    effect(() => {
      this.when();
      this.context.slug();
      queueMicrotask(() => this.load(true));
    });
  }
}
