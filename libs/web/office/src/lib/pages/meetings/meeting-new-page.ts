import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { OfficeMeetingDto } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { Alert, BreadcrumbItem, Breadcrumbs, PageTitle } from '@ratsinfo/web-ui';
import { MeetingForm } from '../../components/meeting-form/meeting-form';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/** `/:tenant/verwaltung/sitzungen/neu`: a new meeting; then on to its page to build the agenda. */
@Component({
  selector: 'ri-office-meeting-new-page',
  imports: [TranslocoPipe, Alert, Breadcrumbs, MeetingForm, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'agenda.new.heading' | transloco" [preline]="context.tenantName()" />
    @if (canEdit()) {
      <p class="kern-body">{{ 'agenda.new.intro' | transloco }}</p>
      <ri-meeting-form [slug]="context.slug()" (done)="created($event)" />
    } @else {
      <ri-alert variant="info" [heading]="'agenda.new.notAllowed' | transloco" data-not-allowed>
        <p class="kern-body">{{ 'agenda.new.notAllowedText' | transloco: { tenant: context.tenantName() } }}</p>
      </ri-alert>
    }
  `,
})
export class OfficeMeetingNewPage {
  private readonly router = inject(Router);
  protected readonly context = inject(OfficeContext);
  /** Clerks and tenant admins prepare meetings; members read them. */
  protected readonly canEdit = computed(() => this.context.isAdmin() || this.context.roles().includes('clerk'));

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, agenda.list.heading, agenda.new.heading) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'agenda.list.heading', link: ['/', this.context.slug(), 'verwaltung', 'sitzungen'] },
    { labelKey: 'agenda.new.heading' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(agenda.title.new) */
    effect(() => pageTitle.set('agenda.title.new', { tenant: this.context.tenantName() }));
  }

  protected created(meeting: OfficeMeetingDto): void {
    void this.router.navigate(['/', this.context.slug(), 'verwaltung', 'sitzungen', meeting.id]);
  }
}
