import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { berlinLocalToUtc } from '@ratsinfo/berlin-time';
import { type CreateMeetingInput, type OfficeMeetingDto, createMeetingSchema } from '@ratsinfo/contracts';
import { MeetingsApi, isApiError, staleCurrent } from '@ratsinfo/web-data-access';
import { Alert } from '@ratsinfo/web-ui';
import { MEETING_STATE_KEYS } from '../../labels';

interface FormValue {
  organizationId: string;
  name: string;
  date: string;
  startTime: string;
  endTime: string;
  locationId: string;
  locationText: string;
}

const BERLIN_PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `YYYY-MM-DD` and `HH:MM` of an instant on the Berlin wall clock (what the clerk typed). */
export function berlinParts(iso: string): { date: string; time: string } {
  const p = Object.fromEntries(BERLIN_PARTS.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

function valueOf(m: OfficeMeetingDto | null): FormValue {
  if (!m) return { organizationId: '', name: '', date: '', startTime: '17:00', endTime: '', locationId: '', locationText: '' };
  const start = berlinParts(m.start);
  return {
    organizationId: m.organization.id,
    name: m.name,
    date: start.date,
    startTime: start.time,
    endTime: m.end ? berlinParts(m.end).time : '',
    locationId: m.location?.id ?? '',
    locationText: m.locationText ?? '',
  };
}

/**
 * Creates or edits a meeting: body, title, day and times (Berlin wall clock, turned into instants
 * here; a meeting ending after midnight ends on the next day), a room from the authority's
 * locations or a free text (its state moves by the lifecycle's transitions only). Edits send the version they started from; when someone
 * else saved in between, their state is shown and the clerk's input stays in the form.
 */
@Component({
  selector: 'ri-meeting-form',
  imports: [TranslocoPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-form.html',
  styles: `
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-times {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
    }
  `,
})
export class MeetingForm {
  private readonly api = inject(MeetingsApi);
  private readonly transloco = inject(TranslocoService);

  readonly slug = input.required<string>();
  /** The meeting being edited; null to create one. */
  readonly meeting = input<OfficeMeetingDto | null>(null);
  readonly done = output<OfficeMeetingDto>();

  protected readonly stateKeys = MEETING_STATE_KEYS;
  // Follows the meeting's identity, not its version: an agenda save elsewhere on the page keeps what the clerk typed here.
  protected readonly value = linkedSignal<string | undefined, FormValue>({ source: () => this.meeting()?.id, computation: () => valueOf(this.meeting()) });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal<string | null>(null);
  protected readonly stale = signal<OfficeMeetingDto | null>(null);
  protected readonly submitting = signal(false);
  /** The version the edit started from (moves on when the clerk takes over someone else's state). */
  private readonly baseVersion = linkedSignal(() => this.meeting()?.version ?? 0);

  protected readonly organizations = rxResource({ params: () => this.slug(), stream: ({ params }) => this.api.organizations(params) });
  protected readonly locations = rxResource({ params: () => this.slug(), stream: ({ params }) => this.api.locations(params) });

  protected set<K extends keyof FormValue>(key: K, v: FormValue[K]): void {
    this.value.update((current) => ({ ...current, [key]: v }));
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    const v = this.value();
    /** t(agenda.meetingForm.errors.organization, agenda.meetingForm.errors.name, agenda.meetingForm.errors.date, agenda.meetingForm.errors.time) */
    const errors: Record<string, string> = {};
    if (!v.organizationId) errors['organizationId'] = 'agenda.meetingForm.errors.organization';
    if (!v.name.trim()) errors['name'] = 'agenda.meetingForm.errors.name';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) errors['date'] = 'agenda.meetingForm.errors.date';
    if (!/^\d{2}:\d{2}$/.test(v.startTime)) errors['startTime'] = 'agenda.meetingForm.errors.time';
    if (v.endTime && !/^\d{2}:\d{2}$/.test(v.endTime)) errors['endTime'] = 'agenda.meetingForm.errors.time';
    this.errors.set(errors);
    if (Object.keys(errors).length) {
      this.focusFirstError();
      return;
    }
    const start = berlinLocalToUtc(v.date, v.startTime);
    // An end before the start on the wall clock means the next day (a meeting past midnight).
    const endDay = v.endTime && v.endTime < v.startTime ? new Date(Date.parse(`${v.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : v.date;
    const body: CreateMeetingInput = {
      organizationId: v.organizationId,
      name: v.name.trim(),
      start: start.toISOString(),
      end: v.endTime ? berlinLocalToUtc(endDay, v.endTime).toISOString() : null,
      locationId: v.locationId || null,
      locationText: v.locationId ? null : v.locationText.trim() || null,
    };
    const parsed = createMeetingSchema.safeParse(body);
    if (!parsed.success) {
      this.errors.set(Object.fromEntries(parsed.error.issues.map((i) => [this.fieldOf(String(i.path[0] ?? '')), i.message])));
      this.focusFirstError();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    const existing = this.meeting();
    const request = existing ? this.api.update(this.slug(), existing.id, this.baseVersion(), body) : this.api.create(this.slug(), body);
    request.subscribe({
      next: (m) => {
        this.submitting.set(false);
        this.stale.set(null);
        this.done.emit(m);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const current = staleCurrent<OfficeMeetingDto>(error);
        if (current) {
          this.stale.set(current);
          this.baseVersion.set(current.version);
          return;
        }
        if (isApiError(error) && error.fieldErrors.length) {
          this.errors.set(Object.fromEntries(error.fieldErrors.map((f) => [this.fieldOf(f.name), f.reason])));
          this.focusFirstError();
          return;
        }
        this.failure.set(isApiError(error) ? (error.problem?.detail ?? this.transloco.translate('agenda.meetingForm.errors.failed')) : this.transloco.translate('agenda.meetingForm.errors.failed'));
      },
    });
  }

  /** Takes someone else's saved state into the form (the clerk's input is replaced only on request). */
  protected takeCurrent(): void {
    const current = this.stale();
    if (!current) return;
    this.value.set(valueOf(current));
    this.stale.set(null);
  }

  protected error(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  protected readonly stateLabel = (m: OfficeMeetingDto) => this.transloco.translate(this.stateKeys[m.meetingState]);

  /** The form's own field for an API field (start → date, end → endTime). */
  private fieldOf(name: string): string {
    return name === 'start' ? 'date' : name === 'end' ? 'endTime' : name;
  }

  private focusFirstError(): void {
    queueMicrotask(() => document.querySelector<HTMLElement>('[data-meeting-form] [aria-invalid="true"]')?.focus());
  }

}
