import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LiveMeetingRoutes, type OfficeLiveMeetingDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { OfficeLiveMeetingPage } from './live-meeting-page';
import { officeContextOf, settle } from '../../../testing/harness';

const MEETING = 'd1111111-1111-4111-8111-111111111111';
const view = (over: Partial<OfficeLiveMeetingDto> = {}): OfficeLiveMeetingDto => ({
  meetingId: MEETING,
  name: '12. Sitzung des Stadtrates',
  meetingState: 'running',
  cancelled: false,
  currentAgendaItemId: null,
  recordingUrl: null,
  items: [
    { id: 'i1', number: 'Ö 1', name: 'Eröffnung', public: true, level: 1, resultKind: null, recordingOffsetSeconds: null },
    { id: 'i2', number: 'Ö 2', name: 'Bebauungsplan Nr. 12', public: true, level: 1, resultKind: null, recordingOffsetSeconds: 3723 },
    { id: 'i3', number: 'N 1', name: 'Grundstücksangelegenheit', public: false, level: 1, resultKind: null, recordingOffsetSeconds: null },
  ],
  ...over,
});

describe('live mode /:tenant/verwaltung/sitzungen/:meetingId/live', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/sitzungen/:meetingId/live', component: OfficeLiveMeetingPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        officeContextOf(['clerk']),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const buttons = () => Array.from(page().querySelectorAll<HTMLButtonElement>('[data-mark-current]'));

  async function open(v: OfficeLiveMeetingDto): Promise<void> {
    await harness.navigateByUrl(`/burg/verwaltung/sitzungen/${MEETING}/live`);
    http.expectOne(LiveMeetingRoutes.office('burg', MEETING)).flush(v);
    await settle(harness);
  }

  it('marks the current item with "Jetzt beraten" (aria-pressed), says so in words and announces it politely', async () => {
    await open(view());
    expect(buttons().map((b) => [b.getAttribute('aria-label'), b.textContent?.trim(), b.getAttribute('aria-pressed'), b.disabled])).toEqual([
      ['Jetzt beraten Ö 1', 'Jetzt beraten', 'false', false],
      ['Jetzt beraten Ö 2', 'Jetzt beraten', 'false', false],
      ['Jetzt beraten N 1', 'Jetzt beraten', 'false', false],
    ]);
    expect(page().querySelector<HTMLInputElement>('#offset-i2')?.value).toBe('01:02:03');
    expect(page().querySelector('[data-link-attendance]')?.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${MEETING}/anwesenheit`);
    expect(page().querySelector('[data-link-results]')?.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${MEETING}/ergebnisse`);

    buttons()[1]!.click();
    const put = http.expectOne(LiveMeetingRoutes.currentItem('burg', MEETING));
    expect([put.request.method, put.request.body]).toEqual(['PUT', { agendaItemId: 'i2' }]);
    put.flush(view({ currentAgendaItemId: 'i2' }));
    await settle(harness);
    expect(buttons()[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(page().querySelector('[data-item="i2"]')?.getAttribute('aria-current')).toBe('step');
    expect(page().querySelector('[data-item="i2"] [data-current-badge]')?.textContent?.trim()).toBe('wird jetzt beraten');
    const status = page().querySelector('[data-live-status]');
    expect([status?.getAttribute('aria-live'), status?.textContent?.trim()]).toEqual(['polite', 'Ö 2 – Bebauungsplan Nr. 12 wird jetzt beraten.']);
  });

  it('checks a time mark before saving it, and saves it as seconds', async () => {
    await open(view());
    const input = page().querySelector<HTMLInputElement>('#offset-i1')!;
    const form = input.closest('form')!;
    input.value = '25:00:00';
    input.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    await settle(harness);
    expect(page().querySelector('#offset-error-i1')?.textContent?.trim()).toBe('Bitte geben Sie die Zeit als hh:mm:ss ein (höchstens 24:00:00).');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    input.value = '0:10:05';
    input.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    const put = http.expectOne(LiveMeetingRoutes.recordingOffset('burg', MEETING, 'i1'));
    expect(put.request.body).toEqual({ seconds: 605 });
    put.flush(view({ items: view().items.map((i) => (i.id === 'i1' ? { ...i, recordingOffsetSeconds: 605 } : i)) }));
    await settle(harness);
    expect(page().querySelector<HTMLInputElement>('#offset-i1')?.value).toBe('00:10:05');
  });

  it('disables "Jetzt beraten" when the meeting is not running, and shows why', async () => {
    await open(view({ meetingState: 'invited' }));
    expect(buttons().every((b) => b.disabled)).toBe(true);
    expect(page().querySelector('[data-not-running]')).not.toBeNull();
  });
});
