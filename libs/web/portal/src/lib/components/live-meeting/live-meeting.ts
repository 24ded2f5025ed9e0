import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, NgZone, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  formatRecordingOffset,
  LIVE_SNAPSHOT_EVENT,
  LiveMeetingRoutes,
  type LiveMeetingSnapshot,
  type MeetingState,
  type PublicLiveMeetingItem,
} from '@ratsinfo/contracts';

/** t(live.result.accepted, live.result.rejected, live.result.referred, live.result.postponed, live.result.taken_note) */
const RESULT_KEYS: Record<NonNullable<PublicLiveMeetingItem['resultKind']>, string> = {
  accepted: 'live.result.accepted',
  rejected: 'live.result.rejected',
  referred: 'live.result.referred',
  postponed: 'live.result.postponed',
  taken_note: 'live.result.taken_note',
};

/** Where a stream can be opened (tests replace it). */
export type EventSourceFactory = (url: string) => EventSource;

const publicItems = (s: LiveMeetingSnapshot | null): PublicLiveMeetingItem[] =>
  (s?.items ?? []).filter((i): i is PublicLiveMeetingItem => 'id' in i);

/**
 * The live part of the portal's meeting page. While the meeting runs, a server-sent event stream
 * keeps the current item and the recorded results up to date without reload, in a polite live
 * region ("Jetzt: Ö 3 – …"; a non-public current item only as "nicht öffentlicher Teil"). After the
 * meeting, each public item with a moment in the recording links to it (`recordingUrl#t=seconds`).
 * The stream is closed when the page goes.
 */
@Component({
  selector: 'ri-live-meeting',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() === 'running') {
      <section class="ri-section" aria-labelledby="live-heading" data-live>
        <h2 id="live-heading" class="kern-heading-medium">{{ 'live.portal.heading' | transloco }}</h2>
        <div aria-live="polite" data-live-region>
          <p class="kern-body kern-body--large" data-live-current>
            @if (snapshot(); as s) {
              @if (s.currentItem; as c) {
                @if ('id' in c) {
                  <strong>{{ 'live.now' | transloco }}</strong> {{ c.number }} – {{ c.name }}
                } @else {
                  <strong>{{ 'live.now' | transloco }}</strong> {{ 'live.nonPublicPart' | transloco }}
                }
              } @else {
                {{ 'live.portal.noCurrent' | transloco }}
              }
            } @else {
              {{ 'live.portal.connecting' | transloco }}
            }
          </p>
          @if (decided().length > 0) {
            <h3 class="kern-heading-small">{{ 'live.portal.results' | transloco }}</h3>
            <ul class="kern-list" data-live-results>
              @for (item of decided(); track item.id) {
                <li [attr.data-result]="item.id">
                  {{ item.number }} – {{ item.name }}:
                  <strong>{{ resultKey(item) | transloco }}</strong>
                  @if (item.votes; as votes) {
                    ({{ 'live.votes' | transloco: votes }})
                  }
                </li>
              }
            </ul>
          }
        </div>
        @if (lost()) {
          <p class="kern-body kern-body--small kern-body--muted" data-live-lost>{{ 'live.portal.reconnecting' | transloco }}</p>
        }
      </section>
    } @else if (recordings().length > 0) {
      <section class="ri-section" aria-labelledby="recording-heading" data-recordings>
        <h2 id="recording-heading" class="kern-heading-medium">{{ 'live.portal.recordingHeading' | transloco }}</h2>
        <ul class="kern-list">
          @for (r of recordings(); track r.id) {
            <li>
              <a class="kern-link" [href]="r.href" rel="noopener" [attr.data-recording-link]="r.id">{{ 'live.portal.recordingLink' | transloco: { number: r.number, name: r.name, time: r.time } }}</a>
            </li>
          }
        </ul>
      </section>
    }
  `,
})
export class LiveMeeting {
  private readonly http = inject(HttpClient);
  private readonly zone = inject(NgZone);

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();
  /** The state the page loaded; the stream's snapshots take over once they arrive. */
  readonly meetingState = input.required<MeetingState>();
  /** For tests: how a stream is opened. */
  readonly eventSourceFactory = input<EventSourceFactory | null>(null);

  protected readonly snapshot = signal<LiveMeetingSnapshot | null>(null);
  protected readonly lost = signal(false);
  protected readonly state = computed(() => this.snapshot()?.meetingState ?? this.meetingState());
  /** Public items with a recorded result, in agenda order. */
  protected readonly decided = computed(() => publicItems(this.snapshot()).filter((i) => i.resultKind !== null));
  protected readonly recordings = computed(() => {
    const s = this.snapshot();
    if (!s?.recordingUrl || s.cancelled) return [];
    const url = s.recordingUrl.split('#')[0];
    return publicItems(s)
      .filter((i) => i.recordingOffsetSeconds !== null)
      .map((i) => ({ id: i.id, number: i.number ?? '', name: i.name, href: `${url}#t=${i.recordingOffsetSeconds}`, time: formatRecordingOffset(i.recordingOffsetSeconds ?? 0) }));
  });

  private source: EventSource | null = null;

  constructor() {
    effect((onCleanup) => {
      const slug = this.slug();
      const id = this.meetingId();
      const state = this.meetingState();
      if (state === 'running') {
        this.open(LiveMeetingRoutes.events(slug, id));
        onCleanup(() => this.close());
      } else if (state === 'held' || state === 'minutes_drafted' || state === 'minutes_approved') {
        const sub = this.http.get<LiveMeetingSnapshot>(LiveMeetingRoutes.snapshot(slug, id)).subscribe({ next: (s) => this.snapshot.set(s), error: () => undefined });
        onCleanup(() => sub.unsubscribe());
      }
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  protected resultKey(item: PublicLiveMeetingItem): string {
    return item.resultKind ? RESULT_KEYS[item.resultKind] : '';
  }

  private open(url: string): void {
    this.close();
    const factory = this.eventSourceFactory() ?? (typeof EventSource === 'undefined' ? null : (u: string) => new EventSource(u));
    if (!factory) return;
    const source = factory(url);
    this.source = source;
    source.addEventListener(LIVE_SNAPSHOT_EVENT, (e) => {
      try {
        const s = JSON.parse((e as MessageEvent<string>).data) as LiveMeetingSnapshot;
        this.zone.run(() => {
          this.lost.set(false);
          this.snapshot.set(s);
        });
      } catch {
        // A malformed event is ignored; the next snapshot replaces everything anyway.
      }
    });
    source.addEventListener('open', () => this.zone.run(() => this.lost.set(false)));
    // The browser reconnects by itself (with Last-Event-ID); the note says so meanwhile.
    source.addEventListener('error', () => this.zone.run(() => this.lost.set(source.readyState !== 1)));
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }
}

