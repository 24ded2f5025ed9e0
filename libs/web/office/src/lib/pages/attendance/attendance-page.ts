import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { addDays, berlinLocalToUtc } from '@ratsinfo/berlin-time';
import {
  type AttendanceGuestDto,
  type AttendanceRecordDto,
  type AttendanceStatus,
  type AttendanceViewDto,
  type ExpectedAttendeeDto,
  type OfficePersonDto,
  type PutAttendanceInput,
} from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, StructureApi } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, LanguageService, Loading, PageTitle, formatDate, formatTime } from '@ratsinfo/web-ui';
import { berlinParts } from '../../components/meeting-form/meeting-form';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';
import { AttendanceApi } from './attendance-api';

/** One row of the page: an expected attendee or a guest, as the template needs it. */
interface Row {
  personId: string;
  name: string;
  kind: 'member' | 'deputy' | 'guest';
  votingRight: boolean;
  membershipRole: string | null;
  deputyFor: { personId: string; name: string }[];
  attendance: AttendanceRecordDto | null;
  notice: ExpectedAttendeeDto['absenceNotice'];
}

/** What a row asks the API to store (the save queue keeps the latest per person). */
type Desired = PutAttendanceInput;

const STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent'];

/**
 * `/:tenant/verwaltung/sitzungen/:meetingId/anwesenheit`: the clerk records who attends, live or
 * afterwards. Each change is saved at once (one person per request; the API answers with the new
 * quorum, shown in a live region). Saves of one person go one after the other, the latest wins.
 * Phones: the table stacks into one block per person (.ri-meeting-table).
 */
@Component({
  selector: 'ri-office-attendance-page',
  imports: [NgTemplateOutlet, RouterLink, TranslocoPipe, Alert, Breadcrumbs, Loading, AccessError, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attendance-page.html',
  styles: `
    .ri-quorum {
      margin-block: var(--kern-metric-space-large, 24px);
      padding: var(--kern-metric-space-default, 16px);
      border: 2px solid var(--kern-color-layout-border, #171a2b);
      border-inline-start-width: 12px;
    }
    .ri-quorum--ok {
      border-color: var(--kern-color-feedback-success, #00734c);
    }
    .ri-quorum--no {
      border-color: var(--kern-color-feedback-danger, #a20a0a);
    }
    .ri-quorum__main {
      font-size: 1.25rem;
      font-weight: 700;
      margin: 0;
    }
    .ri-quorum__at {
      margin: var(--kern-metric-space-small, 8px) 0 0;
    }
    .ri-att-status {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px) var(--kern-metric-space-default, 16px);
    }
    .ri-att-status .kern-form-check {
      margin: 0;
    }
    .ri-att-fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    .ri-att-time {
      max-width: 9rem;
    }
    .ri-att-detail {
      display: block;
      font-weight: 400;
    }
    .ri-att-row-state {
      display: block;
      margin-block-start: var(--kern-metric-space-2x-small, 4px);
    }
    .ri-att-guest-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-att-guest-form .kern-form-input {
      margin: 0;
      min-width: min(100%, 18rem);
    }
    .ri-att-table td,
    .ri-att-table th {
      vertical-align: top;
    }
    /* Wide screens: the three choices on one line. */
    @media (min-width: 768px) {
      .ri-att-col-status {
        min-width: 22rem;
      }
      .ri-att-status {
        flex-wrap: nowrap;
      }
    }
    @media (max-width: 767px) {
      .ri-att-time {
        max-width: 100%;
      }
    }
  `,
})
export class OfficeAttendancePage {
  private readonly api = inject(AttendanceApi);
  private readonly structure = inject(StructureApi);
  private readonly language = inject(LanguageService);
  protected readonly context = inject(OfficeContext);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route parameter `:meetingId`. */
  readonly meetingId = input.required<string>();

  protected readonly view = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.api.view(params.slug, params.id),
  });

  /** Attendance can be recorded (a boolean, so that a new list does not reload the persons). */
  protected readonly recordable = computed(() => this.view.hasValue() && this.view.value().recordable);

  /** The authority's persons, for the guest adder (loaded once, when attendance can be recorded). */
  protected readonly persons = rxResource({
    params: () => (this.recordable() ? { slug: this.context.slug() } : undefined),
    stream: ({ params }) => this.structure.persons.list(params.slug),
  });

  protected readonly statuses = STATUSES;
  protected readonly stateKeys = MEETING_STATE_KEYS;

  /** Per person: the change waiting to be sent (or being sent), shown instead of the stored one. */
  private readonly pending = signal<ReadonlyMap<string, Desired>>(new Map());
  private readonly inFlight = new Set<string>();
  /** Per person: an error key (with the API's detail) or null. */
  protected readonly rowErrors = signal<ReadonlyMap<string, { key: string; detail: string }>>(new Map());
  /** The latest outcome, announced politely. */
  protected readonly announcement = signal<{ key: string; params: Record<string, string> } | null>(null);
  protected readonly guestToAdd = signal('');

  protected readonly members = computed<Row[]>(() =>
    this.view.hasValue()
      ? this.view.value().attendees.map((a) => ({
          personId: a.personId,
          name: a.name,
          kind: a.kind,
          votingRight: a.votingRight,
          membershipRole: a.membershipRole,
          deputyFor: a.deputyFor,
          attendance: a.attendance,
          notice: a.absenceNotice,
        }))
      : [],
  );

  protected readonly guests = computed<Row[]>(() =>
    this.view.hasValue()
      ? this.view.value().guests.map((g: AttendanceGuestDto) => ({ personId: g.personId, name: g.name, kind: 'guest', votingRight: false, membershipRole: null, deputyFor: [], attendance: g.attendance, notice: null }))
      : [],
  );

  /** Persons who can still be added as guests: not expected, not recorded. */
  protected readonly guestCandidates = computed<OfficePersonDto[]>(() => {
    if (!this.persons.hasValue() || !this.view.hasValue()) return [];
    const taken = new Set([...this.view.value().attendees.map((a) => a.personId), ...this.view.value().guests.map((g) => g.personId)]);
    return this.persons.value().filter((p) => !taken.has(p.id));
  });

  protected readonly quorum = computed(() => (this.view.hasValue() ? this.view.value().quorum : null));

  /** t(attendance.quorum.atNow, attendance.quorum.atEnd, attendance.quorum.atUnknown) */
  protected readonly quorumAt = computed(() => {
    if (!this.view.hasValue()) return null;
    const v = this.view.value();
    if (!v.quorum.at) return { key: 'attendance.quorum.atUnknown', params: {} };
    const time = formatTime(v.quorum.at, this.language.active());
    return { key: v.meetingState === 'running' ? 'attendance.quorum.atNow' : 'attendance.quorum.atEnd', params: { time } };
  });

  protected readonly when = computed(() => {
    const start = this.view.hasValue() ? this.view.value().start : null;
    return { date: formatDate(start, this.language.active(), 'long'), time: formatTime(start, this.language.active()) };
  });

  protected readonly meetingLink = computed(() => ['/', this.context.slug(), 'verwaltung', 'sitzungen', this.meetingId()]);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => {
    const v = this.view.hasValue() ? this.view.value() : undefined;
    return [
      /** t(shell.nav.authorities, office.breadcrumb, meeting.breadcrumb, attendance.breadcrumb) */
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: this.context.tenantName(), link: ['/', this.context.slug()] },
      { labelKey: 'office.breadcrumb', link: ['/', this.context.slug(), 'verwaltung'] },
      v ? { label: v.meetingName, link: this.meetingLink() } : { labelKey: 'meeting.breadcrumb', link: this.meetingLink() },
      { labelKey: 'attendance.breadcrumb' },
    ];
  });

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      const error = this.view.error();
      if (error) {
        /** t(title.meetingNotFound, title.error) */
        pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'title.meetingNotFound' : 'title.error');
      } else if (this.view.hasValue()) {
        const v = this.view.value();
        /** t(attendance.titleLoaded) */
        pageTitle.set('attendance.titleLoaded', { meeting: v.meetingName, date: formatDate(v.start, this.language.active()), tenant: this.context.tenantName() });
      }
    });
  }

  // ---- What a row shows -------------------------------------------------------------------------

  /** The status shown: the one being saved, else the stored one, else none. */
  protected statusOf(row: Row): AttendanceStatus | null {
    return this.pending().get(row.personId)?.status ?? row.attendance?.status ?? null;
  }

  protected timeOf(row: Row, field: 'arrivedAt' | 'leftAt'): string {
    const p = this.pending().get(row.personId);
    const iso = p ? p[field] : row.attendance?.[field];
    return iso ? berlinParts(iso).time : '';
  }

  protected deputyForOf(row: Row): string {
    const p = this.pending().get(row.personId);
    return p?.deputyForPersonId ?? row.attendance?.deputyFor?.personId ?? row.deputyFor[0]?.personId ?? '';
  }

  protected saving(row: Row): boolean {
    return this.pending().has(row.personId);
  }

  /** Not recorded, but an absence notice stands: the page suggests "excused". */
  protected suggested(row: Row): boolean {
    return !row.attendance && !!row.notice && !this.pending().has(row.personId);
  }

  protected deputyNames(row: Row): string {
    return row.deputyFor.map((d) => d.name).join(', ');
  }

  protected fieldId(row: Row, what: string): string {
    return `att-${what}-${row.personId}`;
  }

  // ---- Changes ----------------------------------------------------------------------------------

  protected setStatus(row: Row, status: AttendanceStatus): void {
    const base = this.desiredOf(row);
    this.save(row, { ...base, status, ...(status !== 'present' && { arrivedAt: null, leftAt: null }) });
  }

  /** t(attendance.errors.timeOrder) */
  protected setTime(row: Row, field: 'arrivedAt' | 'leftAt', value: string): void {
    const base = this.desiredOf(row);
    const iso = value ? this.onMeetingDay(value) || null : null;
    const next = { ...base, [field]: iso };
    if (next.arrivedAt && next.leftAt && Date.parse(next.arrivedAt) >= Date.parse(next.leftAt)) {
      this.setRowError(row.personId, { key: 'attendance.errors.timeOrder', detail: '' });
      this.announcement.set({ key: 'attendance.errors.timeOrder', params: { name: row.name } });
      this.syncRow(row);
      return;
    }
    this.save(row, next);
  }

  protected setDeputyFor(row: Row, personId: string): void {
    const base = this.desiredOf(row);
    if (base.role !== 'deputy') return;
    this.save(row, { ...base, deputyForPersonId: personId });
  }

  protected applySuggestion(row: Row): void {
    this.setStatus(row, 'excused');
  }

  /** t(attendance.announce.removed) */
  protected remove(row: Row): void {
    if (this.inFlight.has(row.personId)) return;
    this.inFlight.add(row.personId);
    this.api.remove(this.context.slug(), this.meetingId(), row.personId).subscribe({
      next: () => {
        this.inFlight.delete(row.personId);
        this.setRowError(row.personId, null);
        this.announcement.set({ key: 'attendance.announce.removed', params: { name: row.name } });
        this.view.reload();
      },
      error: (error: unknown) => {
        this.inFlight.delete(row.personId);
        this.failed(row, error);
      },
    });
  }

  /** t(attendance.guests.pickMissing) */
  protected addGuest(event: Event): void {
    event.preventDefault();
    const personId = this.guestToAdd();
    const person = this.guestCandidates().find((p) => p.id === personId);
    if (!person) {
      this.announcement.set({ key: 'attendance.guests.pickMissing', params: {} });
      return;
    }
    const row: Row = { personId, name: `${person.givenName} ${person.familyName}`.trim(), kind: 'guest', votingRight: false, membershipRole: null, deputyFor: [], attendance: null, notice: null };
    this.guestToAdd.set('');
    this.save(row, { status: 'present', role: 'guest' });
  }

  // ---- Saving -----------------------------------------------------------------------------------

  /** The row's current record as a request body (the pending change, else the stored one, else a fresh one). */
  private desiredOf(row: Row): Desired {
    const p = this.pending().get(row.personId);
    if (p) return p;
    const a = row.attendance;
    if (a) return { status: a.status, role: a.role, deputyForPersonId: a.deputyFor?.personId ?? null, arrivedAt: a.arrivedAt, leftAt: a.leftAt, note: a.note };
    if (row.kind === 'deputy') return { status: 'present', role: 'deputy', deputyForPersonId: row.deputyFor[0]?.personId ?? null };
    return { status: 'present', role: row.kind === 'guest' ? 'guest' : 'member' };
  }

  private save(row: Row, body: Desired): void {
    this.pending.update((m) => new Map(m).set(row.personId, body));
    this.setRowError(row.personId, null);
    if (!this.inFlight.has(row.personId)) this.send(row);
  }

  /** t(attendance.announce.saved) */
  private send(row: Row): void {
    const body = this.pending().get(row.personId);
    if (!body) return;
    this.inFlight.add(row.personId);
    this.api.save(this.context.slug(), this.meetingId(), row.personId, body).subscribe({
      next: (view: AttendanceViewDto) => {
        this.inFlight.delete(row.personId);
        if (this.pending().get(row.personId) !== body) {
          // Changed again while this one was on its way: send the latest.
          this.view.set(view);
          this.send(row);
          return;
        }
        this.pending.update((m) => {
          const next = new Map(m);
          next.delete(row.personId);
          return next;
        });
        this.view.set(view);
        this.announcement.set({ key: 'attendance.announce.saved', params: { name: row.name } });
      },
      error: (error: unknown) => {
        this.inFlight.delete(row.personId);
        this.pending.update((m) => {
          const next = new Map(m);
          next.delete(row.personId);
          return next;
        });
        this.failed(row, error);
        this.syncRow(row);
      },
    });
  }

  /**
   * After a refused save the stored record did not change, so Angular's `[checked]` and `[value]`
   * bindings do not touch what the clerk changed: put the row back to what is stored (focus stays).
   */
  private syncRow(row: Row): void {
    const root = this.host.nativeElement;
    const shown = this.statusOf(row);
    for (const input of root.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${this.fieldId(row, 'status')}"]`)) input.checked = input.value === shown;
    for (const [what, field] of [['arrived', 'arrivedAt'], ['left', 'leftAt']] as const) {
      const input = root.querySelector<HTMLInputElement>(`[id="${this.fieldId(row, what)}"]`);
      if (input) input.value = this.timeOf(row, field);
    }
  }

  /** t(attendance.errors.failed, attendance.errors.notRecordable) */
  private failed(row: Row, error: unknown): void {
    const detail = isApiError(error) ? (error.problem?.errors?.map((e) => `${e.name}: ${e.reason}`).join('; ') || error.problem?.detail || '') : '';
    const key = isApiError(error) && error.status === 409 ? 'attendance.errors.notRecordable' : 'attendance.errors.failed';
    this.setRowError(row.personId, { key, detail });
    this.announcement.set({ key, params: { name: row.name } });
    if (isApiError(error) && error.status === 409) this.view.reload();
  }

  private setRowError(personId: string, e: { key: string; detail: string } | null): void {
    this.rowErrors.update((m) => {
      const next = new Map(m);
      if (e) next.set(personId, e);
      else next.delete(personId);
      return next;
    });
  }

  /** `HH:MM` on the meeting's Berlin day; before the start time of a meeting that ends after midnight: the next day. */
  private onMeetingDay(time: string): string {
    const v = this.view.value();
    if (!v) return '';
    const start = berlinParts(v.start);
    const endsNextDay = v.end ? berlinParts(v.end).date !== start.date : false;
    const day = endsNextDay && time < start.time ? addDays(start.date, 1) : start.date;
    return berlinLocalToUtc(day, time).toISOString();
  }
}
