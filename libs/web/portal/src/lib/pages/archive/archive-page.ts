import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, CLOCK, Loading, PageTitle } from '@ratsinfo/web-ui';
import { of } from 'rxjs';
import { ApiError } from '../../components/api-error/api-error';
import { MeetingTable } from '../../components/meeting-table/meeting-table';
import { PageHeading } from '../../components/page-heading/page-heading';
import { ARCHIVE_FIRST_YEAR, archiveYear, archiveYears, berlinYear, yearRange } from '../../meeting-range';
import { TenantContext } from '../../tenant-context';

/**
 * `/:tenant/archiv` and `/:tenant/archiv/:year`: all public meetings of one calendar year
 * (without a year: the current one), with a navigation between years.
 */
@Component({
  selector: 'ri-archive-page',
  imports: [RouterLink, TranslocoPipe, Breadcrumbs, Loading, ApiError, MeetingTable, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './archive-page.html',
  styles: `
    .ri-years ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px) var(--kern-metric-space-default, 16px);
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-years [aria-current='page'] {
      font-weight: 600;
      text-decoration: none;
    }
    .ri-years__step {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--kern-metric-space-default, 16px);
      margin-top: var(--kern-metric-space-default, 16px);
    }
  `,
})
export class ArchivePage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  private readonly now = inject(CLOCK)();
  protected readonly context = inject(TenantContext);

  /** Route parameter `:year` (absent on `/:tenant/archiv`). */
  readonly year = input<string | undefined>(undefined);

  /** The selected year, or null for a year the archive does not offer (e.g. `/archiv/0000`). */
  protected readonly selected = computed(() => (this.year() === undefined ? berlinYear(this.now) : archiveYear(this.year(), this.now)));
  protected readonly years = computed(() => {
    const year = this.selected();
    return year === null ? archiveYears(berlinYear(this.now), this.now) : archiveYears(year, this.now);
  });
  protected readonly previousYear = computed(() => {
    const year = this.selected();
    return year !== null && year > ARCHIVE_FIRST_YEAR ? year - 1 : null;
  });
  protected readonly nextYear = computed(() => {
    const year = this.selected();
    return year !== null && archiveYear(String(year + 1), this.now) !== null ? year + 1 : null;
  });

  protected readonly meetings = rxResource({
    params: () => ({ slug: this.context.slug(), year: this.selected() }),
    stream: ({ params }) => (params.year === null ? of([]) : this.api.listMeetings(params.slug, yearRange(params.year))),
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, archive.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'archive.breadcrumb', labelParams: { year: this.selected() ?? this.year() ?? '' } },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      const year = this.selected();
      /** t(title.archive, title.notFound) */
      if (year === null) this.pageTitle.set('title.notFound');
      else if (tenant) this.pageTitle.set('title.archive', { tenant: tenant.name, year: String(year) });
    });
  }
}
