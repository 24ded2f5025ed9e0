import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes } from '@ratsinfo/contracts';
import { AuthService } from '@ratsinfo/web-auth';
import { CLERK_USER, FakeAuthOptions, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK } from '@ratsinfo/web-ui';
import { NOW, burg, councilMeeting, councilMeetingDetail } from '../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { portalRoutes } from './portal.routes';

describe('portal pages for signed-in people', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function setup(auth: FakeAuthOptions): Promise<void> {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter(portalRoutes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFakeAuth(auth),
        { provide: CLOCK, useValue: () => NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  }

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  /** Answers `GET /api/me/authorities` (sent once per sign-in) with the authorities given. */
  function myAuthorities(slugs: string[]): void {
    http
      .expectOne(ApiRoutes.meAuthorities)
      .flush({ data: slugs.map((slug) => ({ slug, name: slug === 'burg' ? 'Stadt Burg' : slug, kind: 'town', roles: ['clerk'] })) });
  }

  async function openMeeting(mine?: string[]): Promise<HTMLElement> {
    await harness.navigateByUrl(`/burg/sitzungen/${councilMeeting.id}`);
    await settle();
    http.expectOne(ApiRoutes.portalTenant('burg')).flush({ ...burg, loginRealm: 'ratsinfo-burg' });
    await settle();
    if (mine) myAuthorities(mine);
    http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush(councilMeetingDetail);
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  it('links the meeting page to its full agenda in the back office when signed in', async () => {
    await setup({ user: CLERK_USER });
    const page = await openMeeting(['burg']);
    const link = page.querySelector('[data-office-link] a');
    expect(link?.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${councilMeeting.id}`);
    expect(link?.textContent?.trim()).toBe('Vollständige Tagesordnung mit nichtöffentlichen Punkten im Verwaltungsbereich öffnen');
  });

  it('shows no back-office link to a signed-in person without a role in this authority', async () => {
    await setup({ user: CLERK_USER });
    const page = await openMeeting(['genthin']);
    expect(page.querySelector('[data-office-link]')).toBeNull();
  });

  it('shows no back-office link to signed-out visitors', async () => {
    await setup({ user: null });
    const page = await openMeeting();
    expect(page.querySelector('[data-office-link]')).toBeNull();
  });

  it('signs in with the authority’s login realm on its pages', async () => {
    await setup({ user: null });
    await openMeeting();
    expect(TestBed.inject(AuthService).loginRealm()).toBe('ratsinfo-burg');
  });

  it('links the authority’s start page to its back office when signed in', async () => {
    await setup({ user: CLERK_USER });
    await harness.navigateByUrl('/burg');
    await settle();
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await settle();
    myAuthorities(['landkreis-jerichower-land', 'burg']);
    http.expectOne((req) => req.url === ApiRoutes.portalMeetings('burg')).flush({ data: [] });
    await settle();
    const link = (harness.routeNativeElement as HTMLElement).querySelector('[data-office-link] a');
    expect(link?.getAttribute('href')).toBe('/burg/verwaltung');
    expect(link?.textContent?.trim()).toBe('Zum Verwaltungsbereich');
  });
});
