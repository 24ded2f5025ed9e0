import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LiveMeetingSnapshot } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { LiveMeeting } from './live-meeting';

/** A stand-in for the browser's EventSource: the test pushes events. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readyState = 1;
  closed = false;
  private readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown): void {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: data === undefined ? undefined : JSON.stringify(data) });
  }
}

const snapshot = (over: Partial<LiveMeetingSnapshot> = {}): LiveMeetingSnapshot => ({
  meetingId: 'm1',
  meetingState: 'running',
  cancelled: false,
  currentItem: null,
  recordingUrl: null,
  version: 'v1',
  items: [
    { id: 'i1', number: 'Ö 1', name: 'Eröffnung', result: null, resultKind: null, votes: null, recordingOffsetSeconds: null },
    { id: 'i2', number: 'Ö 2', name: 'Bebauungsplan Nr. 12', result: 'beschlossen', resultKind: null, votes: null, recordingOffsetSeconds: null },
    { nonPublic: true },
    { id: 'i3', number: 'Ö 3', name: 'Anfragen', result: null, resultKind: null, votes: null, recordingOffsetSeconds: null },
  ],
  ...over,
});

function setup(state: LiveMeetingSnapshot['meetingState']) {
  TestBed.configureTestingModule({ imports: [LiveMeeting, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(LiveMeeting);
  fixture.componentRef.setInput('slug', 'burg');
  fixture.componentRef.setInput('meetingId', 'm1');
  fixture.componentRef.setInput('meetingState', state);
  fixture.componentRef.setInput('eventSourceFactory', (url: string) => new FakeEventSource(url) as unknown as EventSource);
  fixture.detectChanges();
  TestBed.tick();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('LiveMeeting', () => {
  beforeEach(() => (FakeEventSource.last = null));

  it('while the meeting runs, shows the current item and each recorded result as they arrive, in a polite live region, and closes the stream on destroy', async () => {
    const { fixture, element } = setup('running');
    const source = FakeEventSource.last;
    expect(source?.url).toBe('/api/portal/burg/meetings/m1/live/events');
    expect(element.querySelector('[data-live-region]')?.getAttribute('aria-live')).toBe('polite');

    source!.emit('snapshot', snapshot({ currentItem: { id: 'i3', number: 'Ö 3', name: 'Anfragen' } }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element.querySelector('[data-live-current]'))).toBe('Jetzt: Ö 3 – Anfragen');
    expect(element.querySelector('[data-live-results]')).toBeNull();

    const decided = snapshot({ version: 'v2', currentItem: { nonPublic: true } });
    decided.items[1] = { ...(decided.items[1] as object), resultKind: 'accepted', votes: { yes: 17, no: 0, abstain: 2 } } as LiveMeetingSnapshot['items'][number];
    source!.emit('snapshot', decided);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element.querySelector('[data-live-current]'))).toBe('Jetzt: nicht öffentlicher Teil');
    expect(text(element.querySelector('[data-result="i2"]'))).toBe('Ö 2 – Bebauungsplan Nr. 12: angenommen (Ja 17, Nein 0, Enthaltungen 2)');

    fixture.destroy();
    expect(source!.closed).toBe(true);
  });

  it('says when no item is under discussion, and when the connection is lost', async () => {
    const { fixture, element } = setup('running');
    FakeEventSource.last!.emit('snapshot', snapshot());
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element.querySelector('[data-live-current]'))).toBe('Zurzeit wird kein Tagesordnungspunkt beraten.');
    FakeEventSource.last!.readyState = 0;
    FakeEventSource.last!.emit('error');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-live-lost]')).not.toBeNull();
  });

  it('after the meeting opens no stream and links each public item with a moment to the recording', async () => {
    const { fixture, element } = setup('held');
    expect(FakeEventSource.last).toBeNull();
    const http = TestBed.inject(HttpTestingController);
    const s = snapshot({ meetingState: 'held', recordingUrl: 'https://video.example/rat' });
    s.items[1] = { ...(s.items[1] as object), recordingOffsetSeconds: 3723 } as LiveMeetingSnapshot['items'][number];
    http.expectOne('/api/portal/burg/meetings/m1/live').flush(s);
    fixture.detectChanges();
    await fixture.whenStable();
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('[data-recording-link]'));
    expect(links.map((a) => [a.getAttribute('href'), text(a)])).toEqual([['https://video.example/rat#t=3723', 'Ö 2 – Bebauungsplan Nr. 12 (ab 01:02:03)']]);
    http.verify();
  });
});
