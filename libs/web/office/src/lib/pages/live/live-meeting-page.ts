import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { formatRecordingOffset, LiveMeetingRoutes, type OfficeLiveMeetingDto, parseRecordingOffset } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, JSON_ACCEPT, toApiError } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { catchError, type Observable, throwError } from 'rxjs';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEETING_STATE_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';

type LiveItem = OfficeLiveMeetingDto['items'][number];

/**
 * `/:tenant/verwaltung/sitzungen/:meetingId/live`: the clerk's live mode. "Jetzt beraten" marks the
 * item under deliberation (a toggle button with aria-pressed; the current item is also said in
 * words and marked with a bar, not by colour alone); the recording and each item's moment in it
 * ("Zeitmarke", hh:mm:ss) are set here too. Quick links lead to attendance and results.
 */
@Component({
  selector: 'ri-office-live-meeting-page',
  imports: [RouterLink, TranslocoPipe, Alert, Breadcrumbs, Loading, AccessError, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './live-meeting-page.html',
  styles: `
    .ri-live-links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      list-style: none;
      padding: 0;
    }
    .ri-live-items {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .ri-live-item {
      border: 1px solid var(--kern-color-layout-border, #cbd1e0);
      border-radius: 4px;
      padding: var(--kern-metric-space-default, 16px);
      margin-block-end: var(--kern-metric-space-small, 8px);
      display: grid;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-live-item--current {
      border-width: 2px;
      border-color: var(--kern-color-action-default, #0b5fff);
      box-shadow: inset 8px 0 0 var(--kern-color-action-default, #0b5fff);
      padding-inline-start: calc(var(--kern-metric-space-default, 16px) + 8px);
    }
    .ri-live-item__head {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      align-items: baseline;
    }
    .ri-live-item__name {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .ri-live-item__tools {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: flex-end;
    }
    .ri-live-item__tools .kern-btn {
      flex: none;
      white-space: nowrap;
    }
    .ri-live-offset-form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      align-items: flex-end;
    }
    .ri-live-offset {
      width: 10rem;
      margin: 0;
    }
    .ri-live-recording {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      align-items: flex-end;
      max-width: 45rem;
    }
    .ri-live-recording .kern-form-input {
      flex: 1 1 16rem;
      margin: 0;
    }
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class OfficeLiveMeetingPage {
  private readonly http = inject(HttpClient);
  protected readonly context = inject(OfficeContext);
  protected readonly stateKeys = MEETING_STATE_KEYS;

  /** Route parameter `:meetingId`. */
  readonly meetingId = input.required<string>();

  protected readonly live = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.meetingId() }),
    stream: ({ params }) => this.call(this.http.get<OfficeLiveMeetingDto>(LiveMeetingRoutes.office(params.slug, params.id), { headers: JSON_ACCEPT })),
  });

  protected readonly running = computed(() => this.live.hasValue() && this.live.value().meetingState === 'running' && !this.live.value().cancelled);
  protected readonly current = computed(() => {
    if (!this.live.hasValue()) return null;
    const v = this.live.value();
    return v.items.find((i) => i.id === v.currentAgendaItemId) ?? null;
  });

  /** What the last action did, for the polite live region (a translation key with params). */
  protected readonly status = signal<{ key: string; params?: Record<string, unknown> } | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly recordingDraft = signal<string | null>(null);
  protected readonly recordingError = signal<string | null>(null);
  /** Typed, not yet saved moments by item id. */
  protected readonly offsetDrafts = signal<Record<string, string>>({});
  protected readonly offsetErrors = signal<Record<string, string>>({});

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => {
    const name = this.live.hasValue() ? this.live.value().name : null;
    return [
      /** t(shell.nav.authorities, office.breadcrumb, meeting.breadcrumb, live.office.breadcrumb) */
      { labelKey: 'shell.nav.authorities', link: '/' },
      { label: this.context.tenantName(), link: ['/', this.context.slug()] },
      { labelKey: 'office.breadcrumb', link: ['/', this.context.slug(), 'verwaltung'] },
      name ? { label: name, link: ['/', this.context.slug(), 'verwaltung', 'sitzungen', this.meetingId()] } : { labelKey: 'meeting.breadcrumb' },
      { labelKey: 'live.office.breadcrumb' },
    ];
  });

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      /** t(live.office.pageTitle) */
      if (this.live.hasValue()) pageTitle.set('live.office.pageTitle', { meeting: this.live.value().name, tenant: this.context.tenantName() });
    });
  }

  protected recordingValue(): string {
    return this.recordingDraft() ?? (this.live.hasValue() ? (this.live.value().recordingUrl ?? '') : '');
  }

  protected offsetValue(item: LiveItem): string {
    const draft = this.offsetDrafts()[item.id];
    if (draft !== undefined) return draft;
    return item.recordingOffsetSeconds === null ? '' : formatRecordingOffset(item.recordingOffsetSeconds);
  }

  protected setOffsetDraft(id: string, value: string): void {
    this.offsetDrafts.update((d) => ({ ...d, [id]: value }));
  }

  /** t(live.office.marked, live.office.cleared, live.office.saveFailed) */
  protected markCurrent(item: LiveItem | null): void {
    const slug = this.context.slug();
    const agendaItemId = item && this.current()?.id !== item.id ? item.id : null;
    this.save(this.http.put<OfficeLiveMeetingDto>(LiveMeetingRoutes.currentItem(slug, this.meetingId()), { agendaItemId }, { headers: JSON_ACCEPT }), () =>
      this.status.set(agendaItemId && item ? { key: 'live.office.marked', params: { number: item.number ?? '', name: item.name } } : { key: 'live.office.cleared' }),
    );
  }

  /** t(live.office.recordingSaved, live.office.recordingInvalid) */
  protected saveRecording(event: Event): void {
    event.preventDefault();
    const value = this.recordingValue().trim();
    if (value && !/^https:\/\/\S+$/.test(value)) {
      this.recordingError.set('live.office.recordingInvalid');
      return;
    }
    this.recordingError.set(null);
    this.save(this.http.put<OfficeLiveMeetingDto>(LiveMeetingRoutes.recording(this.context.slug(), this.meetingId()), { recordingUrl: value || null }, { headers: JSON_ACCEPT }), () => {
      this.recordingDraft.set(null);
      this.status.set({ key: 'live.office.recordingSaved' });
    });
  }

  /** t(live.office.offsetSaved, live.office.offsetInvalid) */
  protected saveOffset(item: LiveItem, event: Event): void {
    event.preventDefault();
    const text = this.offsetValue(item).trim();
    const seconds = text === '' ? null : parseRecordingOffset(text);
    if (text !== '' && seconds === null) {
      this.offsetErrors.update((e) => ({ ...e, [item.id]: 'live.office.offsetInvalid' }));
      return;
    }
    this.offsetErrors.update(({ [item.id]: _, ...rest }) => rest);
    this.save(
      this.http.put<OfficeLiveMeetingDto>(LiveMeetingRoutes.recordingOffset(this.context.slug(), this.meetingId(), item.id), { seconds }, { headers: JSON_ACCEPT }),
      () => {
        this.offsetDrafts.update(({ [item.id]: _, ...rest }) => rest);
        this.status.set({ key: 'live.office.offsetSaved', params: { number: item.number ?? '' } });
      },
    );
  }

  private save(request: Observable<OfficeLiveMeetingDto>, done: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    this.call(request).subscribe({
      next: (v) => {
        this.busy.set(false);
        this.live.set(v);
        done();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(isApiError(e) && e.problem?.detail ? e.problem.detail : 'live.office.saveFailed');
        this.live.reload();
      },
    });
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(catchError((e: unknown) => throwError(() => toApiError(e))));
  }
}
