import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { MeetingsApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, DateTime, Loading, PageTitle, berlinDate } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';

/**
 * `/:tenant/verwaltung/sitzungen`: the authority's meetings of one year (Berlin calendar), all
 * bodies or one, cancelled ones marked; clerks start a new meeting from here.
 */
@Component({
  selector: 'ri-office-meetings-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Breadcrumbs, DateTime, Loading, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'agenda.list.heading' | transloco" [preline]="context.tenantName()" />
    <p class="kern-body">
      <a class="kern-btn kern-btn--primary" [routerLink]="['/', context.slug(), 'verwaltung', 'sitzungen', 'neu']" data-new-meeting>
        <span class="kern-icon kern-icon--add" aria-hidden="true"></span>
        <span class="kern-label">{{ 'agenda.list.new' | transloco }}</span>
      </a>
    </p>

    <form class="ri-filters" (submit)="$event.preventDefault()" [attr.aria-label]="'agenda.list.filters' | transloco">
      <div class="kern-form-input">
        <label class="kern-label" for="meetings-year">{{ 'agenda.list.year' | transloco }}</label>
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="meetings-year" (change)="year.set(+$any($event.target).value)">
            @for (y of years; track y) {
              <option [value]="y" [selected]="y === year()">{{ y }}</option>
            }
          </select>
        </div>
      </div>
      <div class="kern-form-input">
        <label class="kern-label" for="meetings-organization">{{ 'agenda.list.organization' | transloco }}</label>
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="meetings-organization" (change)="organizationId.set($any($event.target).value)">
            <option value="">{{ 'agenda.list.allOrganizations' | transloco }}</option>
            @for (o of organizations.value() ?? []; track o.id) {
              <option [value]="o.id" [selected]="o.id === organizationId()">{{ o.name }}</option>
            }
          </select>
        </div>
      </div>
    </form>

    <section class="ri-section" aria-labelledby="meetings-list-heading">
      <h2 id="meetings-list-heading" class="kern-heading-medium" aria-live="polite">
        {{ 'agenda.list.count' | transloco: { count: (meetings.value() ?? []).length, year: year() } }}
      </h2>
      @if (meetings.isLoading()) {
        <ri-loading [label]="'agenda.list.loading' | transloco" />
      } @else if (meetings.error(); as error) {
        <ri-access-error [error]="error" [headingLevel]="3" (retry)="meetings.reload()" />
      } @else if ((meetings.value() ?? []).length) {
        <div class="kern-table-responsive">
          <table class="kern-table ri-meeting-table">
            <caption class="kern-sr-only">{{ 'agenda.list.caption' | transloco: { year: year() } }}</caption>
            <thead>
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">{{ 'agenda.list.columns.start' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'agenda.list.columns.name' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'agenda.list.columns.organization' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'agenda.list.columns.state' | transloco }}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              @for (m of meetings.value() ?? []; track m.id) {
                <tr class="kern-table__row" [attr.data-meeting-id]="m.id">
                  <td class="kern-table__cell" [attr.data-label]="'agenda.list.columns.start' | transloco"><ri-date-time [value]="m.start" /></td>
                  <th class="kern-table__header" scope="row">
                    <a class="kern-link" [routerLink]="['/', context.slug(), 'verwaltung', 'sitzungen', m.id]">{{ m.name }}</a>
                  </th>
                  <td class="kern-table__cell" [attr.data-label]="'agenda.list.columns.organization' | transloco">{{ m.organization.name }}</td>
                  <td class="kern-table__cell" [attr.data-label]="'agenda.list.columns.state' | transloco">
                    @if (m.cancelled) {
                      <span class="kern-badge kern-badge--danger"><span class="kern-label">{{ 'meetings.cancelled' | transloco }}</span></span>
                    } @else {
                      {{ stateKeys[m.meetingState] | transloco }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="kern-body" data-empty>{{ 'agenda.list.empty' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .ri-filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      margin-block: var(--kern-metric-space-default, 16px);
    }
  `,
})
export class OfficeMeetingsPage {
  private readonly api = inject(MeetingsApi);
  protected readonly context = inject(OfficeContext);
  protected readonly stateKeys = MEETING_STATE_KEYS;

  private readonly thisYear = Number(berlinDate().slice(0, 4));
  protected readonly years = Array.from({ length: 8 }, (_, n) => this.thisYear + 1 - n);
  protected readonly year = signal(this.thisYear);
  protected readonly organizationId = signal('');

  protected readonly organizations = rxResource({ params: () => this.context.slug(), stream: ({ params }) => this.api.organizations(params) });
  protected readonly meetings = rxResource({
    params: () => ({ slug: this.context.slug(), year: this.year(), organizationId: this.organizationId() || undefined }),
    stream: ({ params }) => this.api.list(params.slug, { year: params.year, organizationId: params.organizationId }),
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, agenda.list.heading) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'agenda.list.heading' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(agenda.title.list) */
    effect(() => pageTitle.set('agenda.title.list', { tenant: this.context.tenantName() }));
  }
}
