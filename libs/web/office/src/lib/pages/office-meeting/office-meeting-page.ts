import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AgendaDto, LATE_ITEM_DAYS, type MeetingLifecycleDto, type OfficeAgendaItemDto, type OfficeMeetingDto } from '@ratsinfo/contracts';
import { AccessError, AccessErrorKeys } from '@ratsinfo/web-auth';
import { ApiErrorKind, MeetingsApi, isApiError, staleCurrent } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, DateTime, LanguageService, Loading, PageTitle, formatDate, formatTime } from '@ratsinfo/web-ui';
import { AgendaEditor } from '../../components/agenda-editor/agenda-editor';
import { FileLinks } from '../../components/files/file-links';
import { MeetingBundles } from '../../components/meeting-bundles/meeting-bundles';
import { MeetingAbsence } from '../../components/meeting-absence/meeting-absence';
import { MeetingForm } from '../../components/meeting-form/meeting-form';
import { MeetingInvitation } from '../../components/meeting-invitation/meeting-invitation';
import { MeetingLifecycle } from '../../components/meeting-lifecycle/meeting-lifecycle';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';

/**
 * `/:tenant/verwaltung/sitzungen/:meetingId`: a meeting with its whole agenda. Clerks and tenant
 * admins edit it here (the meeting's details, its cancellation, the agenda editor); members read
 * it without edit controls. Non-public items are marked "nicht öffentlich" in words (a badge with an
 * icon and a bar at the row), not by colour alone. Those the authority's member visibility rule
 * withholds from a member are counted in a note, so the gaps in the numbering are explained.
 */
@Component({
  selector: 'ri-office-meeting-page',
  imports: [RouterLink, TranslocoPipe, Alert, Breadcrumbs, DateTime, Loading, AccessError, OfficeHeading, AgendaEditor, MeetingForm, FileLinks, MeetingBundles, MeetingInvitation, MeetingAbsence, MeetingLifecycle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './office-meeting-page.html',
  styles: `
    .ri-agenda__number {
      white-space: nowrap;
      width: 1%;
    }
    .ri-agenda__name {
      font-weight: inherit;
    }
    .ri-agenda__name--sub {
      padding-inline-start: 2rem;
    }
    .ri-agenda__detail {
      display: block;
    }
    .ri-agenda-files {
      margin: 0;
    }
    .ri-agenda-files dd {
      margin: 0 0 var(--kern-metric-space-default, 16px);
    }
    .ri-disclosure > summary {
      cursor: pointer;
      padding-block: var(--kern-metric-space-small, 8px);
    }
    .ri-cancel-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-agenda--non-public > :first-child {
      box-shadow: inset 6px 0 0 var(--kern-color-feedback-warning, #925400);
    }
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
    /* Phones: the shared .ri-meeting-table rules stack each item into one block; the number stays on its own line. */
    @media (max-width: 767px) {
      .ri-agenda__number {
        width: 100%;
      }
      .ri-agenda--non-public {
        box-shadow:
          inset 6px 0 0 var(--kern-color-feedback-warning, #925400),
          inset 0 -1px 0 0 var(--kern-color-layout-border-contextual, #6e7597);
        padding-inline-start: var(--kern-metric-space-default, 16px);
      }
      .ri-agenda--non-public > :first-child {
        box-shadow: none;
      }
    }
  `,
})
export class OfficeMeetingPage {
  private readonly api = inject(MeetingsApi);
  private readonly language = inject(LanguageService);
  protected readonly context = inject(OfficeContext);

  /** Route parameter `:meetingId`. */
  readonly meetingId = input.required<string>();

  protected readonly meeting = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.meeting(params.slug, params.id),
  });

  protected readonly stateKeys = MEETING_STATE_KEYS;
  private readonly invitation = viewChild(MeetingInvitation);

  /** Clerks and tenant admins edit; members (and anyone else) read. */
  protected readonly canEdit = computed(() => this.context.isAdmin() || this.context.roles().includes('clerk'));

  protected readonly agendaResource = rxResource({
    params: () => (this.canEdit() ? { slug: this.context.slug(), id: this.meetingId() } : undefined),
    stream: ({ params }) => this.api.agenda(params.slug, params.id),
  });

  /** New items must be marked urgent: the meeting is invited already or starts within a week (the API's rule). */
  protected readonly late = computed(() => {
    if (!this.meeting.hasValue()) return false;
    const m = this.meeting.value();
    return m.meetingState !== 'planned' || Date.parse(m.start) - Date.now() < LATE_ITEM_DAYS * 86_400_000;
  });

  protected readonly cancelReason = signal('');
  protected readonly cancelError = signal<string | null>(null);
  protected readonly cancelling = signal(false);

  protected readonly agenda = computed<OfficeAgendaItemDto[]>(() =>
    this.meeting.hasValue() ? [...this.meeting.value().agendaItems].sort((a, b) => a.order - b.order) : [],
  );
  /** For clerks, below the agenda editor: the items' files to open. */
  protected readonly itemsWithFiles = computed(() => this.agenda().filter((item) => item.files.length > 0));
  /** Non-public items the authority's member visibility rule hides from this user (they are not in `agendaItems`). */
  protected readonly withheld = computed(() => (this.meeting.hasValue() ? (this.meeting.value().withheldNonPublicItems ?? 0) : 0));
  /** t(office.meeting.withheld.title, office.meeting.withheld.one, office.meeting.withheld.many) */
  protected readonly nonPublicCount = computed(() => this.agenda().filter((item) => item.public === false).length);

  protected readonly when = computed(() => {
    const start = this.meeting.hasValue() ? this.meeting.value().start : null;
    return { date: formatDate(start, this.language.active(), 'long'), time: formatTime(start, this.language.active()) };
  });

  protected readonly errorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(errors.meetingNotFound.title, errors.meetingNotFound.text) */
    'not-found': { title: 'errors.meetingNotFound.title', text: 'errors.meetingNotFound.text' },
  };

  protected readonly publicLink = computed(() => ['/', this.context.slug(), 'sitzungen', this.meetingId()]);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => {
    const meeting = this.meeting.hasValue() ? this.meeting.value() : undefined;
    return [
      /** t(shell.nav.authorities, office.breadcrumb, meeting.breadcrumb) */
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: this.context.tenantName(), link: ['/', this.context.slug()] },
      { labelKey: 'office.breadcrumb', link: ['/', this.context.slug(), 'verwaltung'] },
      meeting ? { label: meeting.name } : { labelKey: 'meeting.breadcrumb' },
    ];
  });

  /** The meeting's details were saved: the agenda editor continues on the new version, keeping its unsaved edits. */
  protected meetingSaved(m: OfficeMeetingDto): void {
    this.meeting.set(m);
    if (this.agendaResource.hasValue()) this.agendaResource.set({ ...this.agendaResource.value(), version: m.version });
  }

  protected agendaSaved(agenda: AgendaDto): void {
    this.agendaResource.set(agenda);
    this.versionSeen(agenda.version);
  }

  /** Sending the invitation moved the meeting's version: the agenda editor and the meeting form continue on it. */
  protected invitationSent(version: number): void {
    this.versionSeen(version);
    if (this.agendaResource.hasValue()) this.agendaResource.set({ ...this.agendaResource.value(), version });
  }

  /** A lifecycle transition moved the meeting: the page continues on its version and state; the invitation's recipients are read again. */
  protected lifecycleChanged(l: MeetingLifecycleDto): void {
    if (this.meeting.hasValue()) {
      const m = this.meeting.value();
      const state = l.state;
      if (state === 'cancelled') this.meeting.set({ ...m, version: l.version, cancelled: true, cancelledReason: l.cancelledReason });
      else this.meeting.set({ ...m, version: l.version, meetingState: state });
    }
    if (this.agendaResource.hasValue()) this.agendaResource.set({ ...this.agendaResource.value(), version: l.version, cancelled: l.state === 'cancelled' });
    this.invitation()?.reload();
  }

  protected versionSeen(version: number): void {
    if (this.meeting.hasValue()) this.meeting.set({ ...this.meeting.value(), version });
  }

  /** t(agenda.cancel.failed, agenda.cancel.reasonMissing, agenda.cancel.stale) */
  protected cancelMeeting(event: Event): void {
    event.preventDefault();
    const reason = this.cancelReason().trim();
    if (!reason) {
      this.cancelError.set('agenda.cancel.reasonMissing');
      return;
    }
    if (!this.meeting.hasValue()) return;
    this.cancelling.set(true);
    this.api.cancel(this.context.slug(), this.meetingId(), this.meeting.value().version, { reason }).subscribe({
      next: (m) => {
        this.cancelling.set(false);
        this.cancelError.set(null);
        this.meeting.set(m);
      },
      error: (error: unknown) => {
        this.cancelling.set(false);
        const current = staleCurrent<OfficeMeetingDto>(error);
        if (current) {
          this.meeting.set(current);
          this.cancelError.set('agenda.cancel.stale');
        } else this.cancelError.set(isApiError(error) && error.problem?.detail ? error.problem.detail : 'agenda.cancel.failed');
      },
    });
  }

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      const error = this.meeting.error();
      if (error) {
        /** t(title.meetingNotFound, title.error) */
        pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'title.meetingNotFound' : 'title.error');
      } else if (this.meeting.hasValue()) {
        const meeting = this.meeting.value();
        /** t(title.officeMeetingLoaded) */
        pageTitle.set('title.officeMeetingLoaded', {
          meeting: meeting.name,
          date: formatDate(meeting.start, this.language.active()),
          tenant: this.context.tenantName(),
        });
      }
    });
  }
}
