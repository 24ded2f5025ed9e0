import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, FeedRoutes } from '@ratsinfo/contracts';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, councilMeeting, councilMeetingDetail } from '../../../testing/fixtures';
import { portalRoutes } from '../../portal.routes';

describe('calendar and feed links on the portal', () => {
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

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  async function open(url: string): Promise<void> {
    await harness.navigateByUrl(url);
    await settle();
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await settle();
  }

  const links = () =>
    Array.from((harness.fixture.nativeElement as HTMLElement).querySelectorAll('[data-feed-link]')).map((a) => [
      a.textContent?.replace(/\s+/g, ' ').trim(),
      a.getAttribute('href'),
      a.getAttribute('type'),
    ]);

  it("the authority's home: its calendar and the feeds of coming meetings, in a named list", async () => {
    await open('/burg');
    http.expectOne((r) => r.url === ApiRoutes.portalMeetings('burg')).flush({ data: [] });
    await settle();
    expect(links()).toEqual([
      ['Sitzungskalender abonnieren (iCal)', FeedRoutes.calendar('burg'), 'text/calendar'],
      ['RSS-Feed der kommenden Sitzungen', FeedRoutes.meetingsRss('burg'), 'application/rss+xml'],
      ['Atom-Feed der kommenden Sitzungen', FeedRoutes.meetingsAtom('burg'), 'application/atom+xml'],
    ]);
    expect((harness.fixture.nativeElement as HTMLElement).querySelector('ul.ri-feed-links')?.getAttribute('aria-label')).toBe('Abonnieren');
  });

  it('a meeting: "In Kalender übernehmen" with the calendar of that meeting', async () => {
    await open(`/burg/sitzungen/${councilMeeting.id}`);
    http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush(councilMeetingDetail);
    await settle();
    expect(links()).toEqual([['In Kalender übernehmen (iCal)', FeedRoutes.meetingCalendar('burg', councilMeeting.id), 'text/calendar']]);
  });
});
