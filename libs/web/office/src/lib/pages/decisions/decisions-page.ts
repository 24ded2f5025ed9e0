import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DECISION_STATES, LATE_ITEM_DAYS, type MeetingDecisionsDto, MINUTES_STATES } from '@ratsinfo/contracts';
import { AccessError, type AccessErrorKeys } from '@ratsinfo/web-auth';
import { type ApiErrorKind, isApiError, staleCurrent } from '@ratsinfo/web-data-access';
import { Alert, type BreadcrumbItem, Breadcrumbs, LanguageService, Loading, PageTitle, formatDate } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';
import { DecisionItemForm } from './decision-item-form';
import { DecisionsApi } from './decisions-api';

/**
 * `/:tenant/verwaltung/sitzungen/:meetingId/ergebnisse`: the clerk records the meeting's
 * decisions item by item (result, resolution text, counted or named vote, conflicts of interest,
 * minutes), attaches the signed minutes (a PDF uploaded to the meeting), and puts an earlier
 * meeting's minutes on this agenda for approval. Each save carries the meeting's version; the
 * page follows the version every answer brings, so saving one item after another just works.
 */
@Component({
  selector: 'ri-decisions-page',
  imports: [RouterLink, TranslocoPipe, Alert, Breadcrumbs, Loading, AccessError, OfficeHeading, DecisionItemForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decisions-page.html',
  styleUrl: './decisions.css',
})
export class DecisionsPage {
  private readonly api = inject(DecisionsApi);
  private readonly language = inject(LanguageService);
  protected readonly context = inject(OfficeContext);

  /** Route parameter `:meetingId`. */
  readonly meetingId = input.required<string>();

  protected readonly record = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.decisions(params.slug, params.id),
  });

  protected readonly stateKeys = MEETING_STATE_KEYS;

  protected readonly editable = computed(() => this.record.hasValue() && !this.record.value().cancelled && DECISION_STATES.includes(this.record.value().meetingState));
  protected readonly minutesEditable = computed(() => this.record.hasValue() && !this.record.value().cancelled && MINUTES_STATES.includes(this.record.value().meetingState));
  /** A new item is late (and needs the reason of its urgency) once the meeting is invited or within a week (the agenda's rule). */
  protected readonly late = computed(() => {
    if (!this.record.hasValue()) return false;
    const m = this.record.value();
    return m.meetingState !== 'planned' || Date.parse(m.start) - Date.now() < LATE_ITEM_DAYS * 86_400_000;
  });
  /** The first item without a result: its form opens by itself (the clerk works down the agenda). */
  protected readonly firstUndecided = computed(() => (this.record.hasValue() ? (this.record.value().items.find((i) => !i.decision.resultKind)?.id ?? null) : null));
  protected readonly openApprovals = computed(() => (this.record.hasValue() ? this.record.value().approvableMeetings.filter((a) => !a.approvalItemId) : []));

  protected readonly chosenFile = signal('');
  protected readonly fileStatus = signal('');
  protected readonly fileError = signal<string | null>(null);
  protected readonly fileBusy = signal(false);

  protected readonly approvalMeeting = signal('');
  protected readonly approvalReason = signal('');
  protected readonly approvalStatus = signal('');
  protected readonly approvalError = signal<string | null>(null);
  protected readonly approvalBusy = signal(false);

  protected readonly errorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(errors.meetingNotFound.title, errors.meetingNotFound.text) */
    'not-found': { title: 'errors.meetingNotFound.title', text: 'errors.meetingNotFound.text' },
  };

  protected readonly meetingLink = computed(() => ['/', this.context.slug(), 'verwaltung', 'sitzungen', this.meetingId()]);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => {
    const m = this.record.hasValue() ? this.record.value() : undefined;
    return [
      /** t(shell.nav.authorities, office.breadcrumb, meeting.breadcrumb, decisions.breadcrumb) */
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: this.context.tenantName(), link: ['/', this.context.slug()] },
      { labelKey: 'office.breadcrumb', link: ['/', this.context.slug(), 'verwaltung'] },
      m ? { label: m.name, link: this.meetingLink() } : { labelKey: 'meeting.breadcrumb', link: this.meetingLink() },
      { labelKey: 'decisions.breadcrumb' },
    ];
  });

  protected readonly when = computed(() => (this.record.hasValue() ? formatDate(this.record.value().start, this.language.active(), 'long') : ''));

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      const error = this.record.error();
      if (error) {
        /** t(title.meetingNotFound, title.error) */
        pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'title.meetingNotFound' : 'title.error');
      } else if (this.record.hasValue()) {
        const m = this.record.value();
        /** t(decisions.title) */
        pageTitle.set('decisions.title', { meeting: m.name, date: formatDate(m.start, this.language.active()), tenant: this.context.tenantName() });
      }
    });
  }

  /** An item was saved (or found stale): the page continues on the record's version; the items keep their own input. */
  protected recordChanged(record: MeetingDecisionsDto): void {
    this.record.set(record);
  }

  protected dateOf(iso: string): string {
    return formatDate(iso, this.language.active());
  }

  protected approvedName(id: string | null): string {
    if (!id || !this.record.hasValue()) return '';
    const m = this.record.value().approvableMeetings.find((a) => a.id === id);
    return m ? `${m.name} (${formatDate(m.start, this.language.active())})` : '';
  }

  /** t(decisions.minutesFile.saved, decisions.minutesFile.cleared, decisions.minutesFile.failed, decisions.minutesFile.stale, decisions.minutesFile.choose) */
  protected saveMinutesFile(event: Event, fileId: string | null): void {
    event.preventDefault();
    if (!this.record.hasValue() || this.fileBusy()) return;
    if (fileId === '') {
      this.fileError.set('decisions.minutesFile.choose');
      return;
    }
    this.fileBusy.set(true);
    this.fileError.set(null);
    this.api.setMinutesFile(this.context.slug(), this.meetingId(), this.record.value().version, fileId).subscribe({
      next: (record) => {
        this.fileBusy.set(false);
        this.record.set(record);
        this.chosenFile.set('');
        this.fileStatus.set(fileId ? 'decisions.minutesFile.saved' : 'decisions.minutesFile.cleared');
      },
      error: (error: unknown) => {
        this.fileBusy.set(false);
        const current = staleCurrent<MeetingDecisionsDto>(error);
        if (current?.items) {
          this.record.set(current);
          this.fileError.set('decisions.minutesFile.stale');
        } else this.fileError.set(isApiError(error) && error.problem?.errors?.[0] ? error.problem.errors[0].reason : 'decisions.minutesFile.failed');
      },
    });
  }

  /** t(decisions.approval.added, decisions.approval.failed, decisions.approval.stale, decisions.approval.choose, decisions.approval.reasonMissing) */
  protected addApproval(event: Event): void {
    event.preventDefault();
    if (!this.record.hasValue() || this.approvalBusy()) return;
    const approvesMeetingId = this.approvalMeeting();
    if (!approvesMeetingId) {
      this.approvalError.set('decisions.approval.choose');
      return;
    }
    const reason = this.approvalReason().trim();
    if (this.late() && !reason) {
      this.approvalError.set('decisions.approval.reasonMissing');
      return;
    }
    this.approvalBusy.set(true);
    this.approvalError.set(null);
    this.api.addMinutesApproval(this.context.slug(), this.meetingId(), this.record.value().version, { approvesMeetingId, ...(reason ? { urgentReason: reason } : {}) }).subscribe({
      next: (record) => {
        this.approvalBusy.set(false);
        this.record.set(record);
        this.approvalMeeting.set('');
        this.approvalReason.set('');
        this.approvalStatus.set('decisions.approval.added');
      },
      error: (error: unknown) => {
        this.approvalBusy.set(false);
        if (isApiError(error) && error.status === 412) {
          // The agenda moved on: read the record again (the items keep their input); the choice stays.
          this.api.decisions(this.context.slug(), this.meetingId()).subscribe({ next: (record) => this.record.set(record), error: () => undefined });
          this.approvalError.set('decisions.approval.stale');
        } else this.approvalError.set(isApiError(error) && error.problem?.detail ? error.problem.detail : 'decisions.approval.failed');
      },
    });
  }
}
