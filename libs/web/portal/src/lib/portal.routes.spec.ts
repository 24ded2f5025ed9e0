import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes } from '@ratsinfo/contracts';
import { CLOCK, LanguageService, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import {
  NOW,
  burg,
  cancelledMeeting,
  councilMeeting,
  councilMeetingDetail,
  jerichowerLand,
  notFound,
  problemJson,
  tenantNotFound,
  tenantSuspended,
} from '../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { portalRoutes } from './portal.routes';

describe('portal pages', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter(portalRoutes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        { provide: CLOCK, useValue: () => NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  /** Lets signals, effects and resources settle and renders. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  async function open(url: string): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  const page = () => harness.fixture.nativeElement as HTMLElement;
  const h1 = () => page().querySelector('h1')?.textContent?.trim();
  const documentTitle = () => TestBed.inject(Title).getTitle();

  function expectTenant(slug: string): TestRequest {
    return http.expectOne(ApiRoutes.portalTenant(slug));
  }

  function expectMeetings(slug: string): TestRequest {
    return http.expectOne((req) => req.url === ApiRoutes.portalMeetings(slug));
  }

  describe('landing page /', () => {
    it('lists the active member authorities with a link to each portal', async () => {
      await open('/');
      expect(page().querySelector('[role="status"]')?.textContent).toContain('Kommunen werden geladen');

      http.expectOne(ApiRoutes.portalTenants).flush({ data: [burg, jerichowerLand] });
      await settle();

      expect(h1()).toBe('Ratsinformationssystem');
      const link = Array.from(page().querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Stadt Burg');
      expect(link?.getAttribute('href')).toBe('/burg');
      expect(page().textContent).toContain('Landkreis');
      expect(documentTitle()).toBe('Kommunen im Überblick – Ratsinfo');
    });

    it('shows an error with retry when the list cannot be loaded, and recovers', async () => {
      await open('/');
      http.expectOne(ApiRoutes.portalTenants).flush(null, { status: 503, statusText: 'Service Unavailable' });
      await settle();
      expect(page().querySelector('[role="alert"]')?.textContent).toContain('Dienst vorübergehend nicht erreichbar');

      (page().querySelector('[role="alert"] button') as HTMLButtonElement).click();
      await settle();
      http.expectOne(ApiRoutes.portalTenants).flush({ data: [burg] });
      await settle();
      expect(page().querySelector('[role="alert"]')).toBeNull();
      expect(page().textContent).toContain('Stadt Burg');
    });
  });

  describe('tenant portal /:tenant', () => {
    it('shows the tenant name as heading and the meetings of the next 90 days', async () => {
      await open('/burg');
      expect(page().textContent).toContain('Kommune wird geladen');
      expectTenant('burg').flush(burg);
      await settle();

      const meetings = expectMeetings('burg');
      expect(meetings.request.params.get('from')).toBe('2026-03-02');
      expect(meetings.request.params.get('to')).toBe('2026-05-31');
      expect(page().textContent).toContain('Sitzungen werden geladen');
      meetings.flush({ data: [councilMeeting, cancelledMeeting] });
      await settle();

      expect(h1()).toBe('Stadt Burg');
      expect(page().querySelector('hgroup')?.getAttribute('style')).toContain('#1a5e9b');
      expect(page().textContent).toContain('vom Mo., 02.03.2026 bis zum So., 31.05.2026');
      const rows = page().querySelectorAll('tbody tr');
      expect(rows).toHaveLength(2);
      expect(rows[0].textContent).toContain('Do., 12.03.2026, 17:00 Uhr');
      expect(rows[0].textContent).toContain('Stadtrat');
      expect(rows[1].querySelector('[data-cancelled]')?.textContent?.trim()).toBe('abgesagt');
      expect(documentTitle()).toBe('Sitzungen – Stadt Burg – Ratsinfo');
    });

    it('says so when no meetings are scheduled', async () => {
      await open('/burg');
      expectTenant('burg').flush(burg);
      await settle();
      expectMeetings('burg').flush({ data: [] });
      await settle();
      expect(page().querySelector('table')).toBeNull();
      expect(page().textContent).toContain('In den nächsten 90 Tagen sind keine öffentlichen Sitzungen geplant.');
    });

    it('shows "Kommune nicht gefunden" for an unknown authority (404)', async () => {
      await open('/nirgendwo');
      expectTenant('nirgendwo').flush(tenantNotFound, { status: 404, statusText: 'Not Found', headers: problemJson });
      await settle();
      expect(h1()).toBe('Kommune nicht gefunden');
      expect(page().querySelector('[data-error-kind]')?.getAttribute('data-error-kind')).toBe('tenant-not-found');
      expect(Array.from(page().querySelectorAll('a')).some((a) => a.getAttribute('href') === '/')).toBe(true);
      expect(documentTitle()).toBe('Kommune nicht gefunden – Ratsinfo');
    });

    it('shows the suspended state for a suspended authority (410)', async () => {
      await open('/altdorf');
      expectTenant('altdorf').flush(tenantSuspended, { status: 410, statusText: 'Gone', headers: problemJson });
      await settle();
      expect(h1()).toBe('Ratsinformationssystem vorübergehend nicht verfügbar');
      expect(page().querySelector('.kern-alert--warning')).not.toBeNull();
      expect(documentTitle()).toBe('Ratsinformationssystem nicht verfügbar – Ratsinfo');
    });

    it('shows an error for the meetings list but keeps the tenant page', async () => {
      await open('/burg');
      expectTenant('burg').flush(burg);
      await settle();
      expectMeetings('burg').error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
      await settle();
      expect(h1()).toBe('Stadt Burg');
      expect(page().querySelector('[role="alert"] h3')?.textContent).toBe('Keine Verbindung zum Server');
    });

    it('switches the page to English without reloading the data', async () => {
      await open('/burg');
      expectTenant('burg').flush(burg);
      await settle();
      expectMeetings('burg').flush({ data: [cancelledMeeting] });
      await settle();

      TestBed.inject(LanguageService).use('en');
      await settle();

      expect(page().querySelector('#upcoming-meetings-heading')?.textContent).toBe('Upcoming meetings');
      expect(page().querySelector('[data-cancelled]')?.textContent?.trim()).toBe('cancelled');
      expect(page().querySelector('tbody time')?.textContent?.trim()).toBe('Thu, 19 Mar 2026, 16:30');
      expect(documentTitle()).toBe('Meetings – Stadt Burg – Ratsinfo');
      // http.verify() in afterEach: no further requests
    });
  });

  describe('meeting page /:tenant/sitzungen/:meetingId', () => {
    async function openMeeting(): Promise<void> {
      await open(`/burg/sitzungen/${councilMeeting.id}`);
      expectTenant('burg').flush(burg);
      await settle();
    }

    it('shows the meeting data and its public agenda as a table', async () => {
      await openMeeting();
      expect(page().textContent).toContain('Sitzung wird geladen');
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush(councilMeetingDetail);
      await settle();

      expect(h1()).toBe('12. Sitzung des Stadtrates');
      expect(page().querySelector('hgroup .kern-preline')?.textContent).toBe('Stadt Burg');
      expect(page().querySelector('dl')?.textContent).toContain('Donnerstag, 12. März 2026');
      const headings = Array.from(page().querySelectorAll('h2')).map((h) => h.textContent?.trim());
      expect(headings).toContain('Tagesordnung');
      const agendaRows = Array.from(page().querySelectorAll('.ri-agenda-table tbody tr'));
      expect(agendaRows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['Ö 1', 'Ö 2', 'Ö 3']);
      expect(agendaRows[1].textContent).toContain('beschlossen');
      expect(page().querySelector('[aria-current="page"]')?.textContent?.trim()).toBe('12. Sitzung des Stadtrates');
      expect(page().querySelector('hgroup .kern-subline')?.textContent).toBe('Donnerstag, 12. März 2026, 17:00 Uhr');
      expect(documentTitle()).toBe('12. Sitzung des Stadtrates am Do., 12.03.2026 – Stadt Burg – Ratsinfo');
    });

    it('says clearly when a meeting was cancelled', async () => {
      await openMeeting();
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush({ ...councilMeetingDetail, cancelled: true });
      await settle();
      expect(page().querySelector('.kern-alert--warning h2')?.textContent).toBe('Diese Sitzung wurde abgesagt');
      expect(page().querySelector('dl [data-cancelled]')?.textContent?.trim()).toBe('abgesagt');
    });

    it('says that there is no public agenda yet', async () => {
      await openMeeting();
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush({ ...councilMeetingDetail, agendaItems: [] });
      await settle();
      expect(page().querySelector('.ri-agenda-table')).toBeNull();
      expect(page().textContent).toContain('noch keine öffentliche Tagesordnung');
    });

    it('shows "Sitzung nicht gefunden" for an unknown meeting (404)', async () => {
      await openMeeting();
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush(notFound, { status: 404, statusText: 'Not Found', headers: problemJson });
      await settle();
      expect(h1()).toBe('Sitzung nicht gefunden');
      expect(documentTitle()).toBe('Sitzung nicht gefunden – Ratsinfo');
      const back = Array.from(page().querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Zurück zur Startseite der Kommune');
      expect(back?.getAttribute('href')).toBe('/burg');
    });

    it('does not load the meeting of an unknown authority', async () => {
      await open(`/nirgendwo/sitzungen/${councilMeeting.id}`);
      expectTenant('nirgendwo').flush(tenantNotFound, { status: 404, statusText: 'Not Found', headers: problemJson });
      await settle();
      expect(h1()).toBe('Kommune nicht gefunden');
      http.expectNone(ApiRoutes.portalMeeting('nirgendwo', councilMeeting.id));
    });
  });

  it('shows a not-found page for unknown paths', async () => {
    await open('/burg/unbekannt/pfad');
    expect(h1()).toBe('Seite nicht gefunden');
    expect(documentTitle()).toBe('Seite nicht gefunden – Ratsinfo');
  });
});
