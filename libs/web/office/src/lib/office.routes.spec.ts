import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, ProblemType, TenantSessionDto } from '@ratsinfo/contracts';
import { authBearerInterceptor, provideRatsinfoAuth } from '@ratsinfo/web-auth';
import { CLERK_USER, FakeAuthOptions, FakeKeycloakInstances, fakeKeycloak, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import {
  NOW,
  activeGrant,
  auditEvents,
  burg,
  expiredGrant,
  genthin,
  officeMeeting,
  problemJson,
  revokedGrant,
  session,
  users,
} from '../testing/fixtures';
import { translocoTesting } from '../testing/i18n-testing';
import { officeRoutes } from './office.routes';

@Component({ template: '<h1>Öffentliches Portal</h1>' })
class PortalStub {}

describe('office area /:tenant/verwaltung', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function setup(auth: FakeAuthOptions | 'unavailable' = { user: CLERK_USER }): Promise<void> {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter(
          [
            { path: ':tenant/verwaltung', loadChildren: () => officeRoutes },
            { path: ':tenant', component: PortalStub },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([authBearerInterceptor])),
        provideHttpClientTesting(),
        auth === 'unavailable' ? provideRatsinfoAuth(null) : provideFakeAuth(auth),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        { provide: CLOCK, useValue: () => NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  }

  afterEach(() => http.verify());

  /** Lets guards, signals, resources and the async bearer interceptor settle, and renders. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  /** Navigates; answers the guard's lookup of the authority (for its login realm). */
  async function open(url: string, tenant = burg): Promise<void> {
    const navigation = harness.navigateByUrl(url);
    await settle();
    http.expectOne(ApiRoutes.portalTenant(tenant.slug)).flush(tenant);
    await navigation;
    await settle();
  }

  /** Opens a page signed in, with the given session (and, for admins, the support grants). */
  async function openAs(url: string, current: TenantSessionDto, grants = [activeGrant]): Promise<void> {
    await open(url);
    const request = http.expectOne(ApiRoutes.officeSession('burg'));
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
    request.flush(current);
    await settle();
    if (current.roles.includes('tenant-admin')) {
      http.expectOne(ApiRoutes.officeSupportAccess('burg')).flush({ data: grants });
      await settle();
    }
  }

  function flushMeetings(): void {
    http.expectOne((req) => req.url === ApiRoutes.portalMeetings('burg')).flush({ data: [officeMeeting] });
  }

  const page = () => harness.routeNativeElement as HTMLElement;
  const h1 = () => page().querySelector('h1')?.textContent?.trim();
  const text = () => page().textContent?.replace(/\s+/g, ' ') ?? '';
  const title = () => TestBed.inject(Title).getTitle();

  describe('sign-in (guard)', () => {
    it('sends signed-out people to the identity provider and back to the requested page', async () => {
      await setup({ user: null });
      await open('/burg/verwaltung/benutzer');
      expect(fakeKeycloak().loginCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg/verwaltung/benutzer', locale: 'de' }]);
      http.expectNone(ApiRoutes.officeSession('burg'));
    });

    it('signs in with the authority’s own realm when it has one', async () => {
      await setup({ user: CLERK_USER });
      await open('/genthin/verwaltung', genthin);
      const [realmInstance] = TestBed.inject(FakeKeycloakInstances).created;
      expect(realmInstance.config.realm).toBe('ratsinfo-genthin');
      expect(realmInstance.loginCalls[0].redirectUri).toBe('http://localhost:3000/genthin/verwaltung');
      http.expectNone(ApiRoutes.officeSession('genthin'));
    });

    it('shows the sign-in page instead when sign-in is unavailable', async () => {
      await setup('unavailable');
      await open('/burg/verwaltung');
      expect(TestBed.inject(Router).url).toBe('/burg/verwaltung/anmeldung?ziel=%2Fburg%2Fverwaltung');
      expect(h1()).toBe('Anmeldung derzeit nicht möglich');
      expect(title()).toBe('Anmeldung – Ratsinfo');
    });

    it('leaves an unknown authority to the public portal’s "not found" page', async () => {
      await setup();
      const navigation = harness.navigateByUrl('/nirgendwo/verwaltung');
      await settle();
      http
        .expectOne(ApiRoutes.portalTenant('nirgendwo'))
        .flush({ type: ProblemType.tenantNotFound, title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found', headers: problemJson });
      await navigation;
      await settle();
      expect(TestBed.inject(Router).url).toBe('/nirgendwo');
    });
  });

  describe('start page', () => {
    it('says who is signed in and with which roles in this authority', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['clerk', 'member']));
      flushMeetings();
      await settle();

      expect(h1()).toBe('Verwaltungsbereich');
      expect(page().querySelector('[data-signed-in-as]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Sie sind angemeldet als Petra Schulz.');
      expect(page().querySelector('[data-roles]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Ihre Rollen in Stadt Burg: Mitglied, Sachbearbeitung');
      expect(title()).toBe('Verwaltung – Stadt Burg – Ratsinfo');
      // no administration for clerks, no banner without support access
      expect(page().querySelector('a[href="/burg/verwaltung/benutzer"]')).toBeNull();
      expect(page().querySelector('[data-support-banner]')).toBeNull();
      // upcoming meetings lead to their full agenda in the back office
      const link = Array.from(page().querySelectorAll('a')).find((a) => a.textContent?.trim() === officeMeeting.name);
      expect(link?.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${officeMeeting.id}`);
    });

    it('shows tenant admins the administration pages', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), []);
      flushMeetings();
      await settle();
      const nav = page().querySelector('nav[aria-label="Verwaltungsbereich von Stadt Burg"]');
      expect(Array.from(nav?.querySelectorAll('a') ?? []).map((a) => a.textContent?.trim())).toEqual([
        'Übersicht',
        'Benutzer und Rollen',
        'Support-Zugang',
        'Protokoll',
        'Öffentliches Portal',
      ]);
      expect(nav?.querySelector('[aria-current="page"]')?.textContent?.trim()).toBe('Übersicht');
    });

    it('says "Keine Berechtigung für diese Kommune" without a role there (403)', async () => {
      await setup();
      await open('/burg/verwaltung');
      http
        .expectOne(ApiRoutes.officeSession('burg'))
        .flush({ type: ProblemType.forbidden, title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden', headers: problemJson });
      await settle();

      expect(h1()).toBe('Keine Berechtigung für diese Kommune');
      expect(text()).toContain('Sie sind als Petra Schulz angemeldet, haben in Stadt Burg aber keine Rolle im Ratsinformationssystem.');
      expect(page().querySelector('[data-error-kind]')?.getAttribute('data-error-kind')).toBe('forbidden');
      const portalLink = Array.from(page().querySelectorAll('a')).find((a) => a.getAttribute('href') === '/burg');
      expect(portalLink?.textContent?.trim()).toBe('Zum öffentlichen Portal von Stadt Burg');
      expect(page().querySelector('nav')).toBeNull();
      expect(title()).toBe('Keine Berechtigung – Stadt Burg – Ratsinfo');

      const switchAccount = Array.from(page().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Mit einem anderen Konto anmelden');
      switchAccount?.click();
      await settle();
      expect(fakeKeycloak().logoutCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg/verwaltung' }]);
    });

    it('offers to sign in again when the session expired (401)', async () => {
      await setup();
      await open('/burg/verwaltung');
      http.expectOne(ApiRoutes.officeSession('burg')).flush(null, { status: 401, statusText: 'Unauthorized' });
      await settle();
      expect(h1()).toBe('Ihre Anmeldung ist abgelaufen');
      (page().querySelector('[data-error-kind] button') as HTMLButtonElement).click();
      await settle();
      expect(fakeKeycloak().loginCalls[0].redirectUri).toBe('http://localhost:3000/burg/verwaltung');
    });
  });

  describe('support access banner', () => {
    it('is shown on every page while a grant is active', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), [activeGrant, expiredGrant]);
      flushMeetings();
      await settle();
      const banner = page().querySelector('[data-support-banner]') as HTMLElement;
      expect(banner.querySelector('h2')?.textContent).toBe('Support-Zugang aktiv');
      expect(banner.querySelector('[data-granted]')?.textContent?.trim()).toBe('Die IT-Kooperation hat befristeten Zugriff auf die Daten von Stadt Burg.');
      expect(banner.querySelector('[data-granted-until]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Gültig bis Mo., 02.03.2026, 14:00 Uhr');
      expect(banner.textContent).toContain('Grund: Import der Sitzungen prüfen (erteilt von Anna Admin)');
      expect(banner.querySelector('a')?.getAttribute('href')).toBe('/burg/verwaltung/support-zugang');

      // another page of the back office
      await harness.navigateByUrl('/burg/verwaltung/protokoll');
      await settle();
      http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg')).flush({ data: [] });
      await settle();
      expect(page().querySelector('[data-support-banner]')).not.toBeNull();
    });

    it('is not shown for expired or revoked grants', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), [expiredGrant, revokedGrant]);
      flushMeetings();
      await settle();
      expect(page().querySelector('[data-support-banner]')).toBeNull();
    });

    it('tells an operator acting through a grant (no role in the authority)', async () => {
      await setup();
      await openAs('/burg/verwaltung', session([], { grantId: 'g-active', expiresAt: activeGrant.expiresAt }));
      flushMeetings();
      await settle();
      const banner = page().querySelector('[data-support-banner]') as HTMLElement;
      expect(banner.querySelector('[data-acting]')?.textContent?.trim()).toBe('Sie arbeiten über einen befristeten Support-Zugang. Alle Aktionen werden protokolliert.');
      expect(banner.querySelector('[data-acting-until]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Gültig bis Mo., 02.03.2026, 14:00 Uhr');
      // only tenant admins manage grants
      expect(banner.querySelector('a')).toBeNull();
      expect(page().querySelector('[data-roles]')?.textContent?.trim()).toBe(
        'Sie arbeiten für die IT-Kooperation über einen befristeten Support-Zugang zu Stadt Burg; eine Rolle in der Kommune haben Sie nicht.',
      );
    });
  });

  describe('meeting page', () => {
    it('shows the whole agenda and marks non-public items "nicht öffentlich" in words', async () => {
      await setup();
      await openAs(`/burg/verwaltung/sitzungen/${officeMeeting.id}`, session(['member']));
      const request = http.expectOne(ApiRoutes.officeMeeting('burg', officeMeeting.id));
      expect(request.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
      request.flush(officeMeeting);
      await settle();

      expect(h1()).toBe('12. Sitzung des Stadtrates');
      const rows = Array.from(page().querySelectorAll('tbody tr')) as HTMLTableRowElement[];
      expect(rows.map((row) => row.cells[0].textContent?.trim())).toEqual(['Ö 1', 'N 1']);
      expect(rows[0].querySelector('[data-non-public]')).toBeNull();
      expect(rows[0].cells[2].textContent?.trim()).toBe('öffentlich');
      const marker = rows[1].querySelector('[data-non-public]');
      expect(marker?.textContent?.trim()).toBe('nicht öffentlich');
      expect(marker?.querySelector('.kern-icon')?.getAttribute('aria-hidden')).toBe('true');
      expect(rows[1].classList).toContain('ri-agenda--non-public');
      expect(page().querySelector('[data-confidential-notice]')?.textContent).toContain('1 Tagesordnungspunkte sind als „nicht öffentlich“ gekennzeichnet.');
      expect(title()).toBe('12. Sitzung des Stadtrates am Do., 12.03.2026 (Verwaltung) – Stadt Burg – Ratsinfo');
    });

    it('says "Sitzung nicht gefunden" for an unknown meeting', async () => {
      await setup();
      await openAs('/burg/verwaltung/sitzungen/x', session(['member']));
      http.expectOne(ApiRoutes.officeMeeting('burg', 'x')).flush({ type: ProblemType.notFound, title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found' });
      await settle();
      expect(h1()).toBe('Sitzung nicht gefunden');
    });
  });

  describe('users and roles', () => {
    async function openUsers(): Promise<void> {
      await openAs('/burg/verwaltung/benutzer', session(['tenant-admin', 'clerk']), []);
      http.expectOne(ApiRoutes.officeUsers('burg')).flush({ data: users });
      await settle();
    }

    const account = (name: string) =>
      Array.from(page().querySelectorAll('li.ri-user')).find((li) => li.querySelector('h2')?.textContent?.includes(name)) as HTMLElement;
    const checkbox = (li: HTMLElement, role: string) => li.querySelector(`input[data-role="${role}"]`) as HTMLInputElement;

    it('lists the accounts with their roles as labelled checkboxes in a fieldset', async () => {
      await setup();
      await openUsers();
      expect(h1()).toBe('Benutzer und Rollen');
      const karl = account('Karl Meier');
      expect(karl.querySelector('legend')?.textContent?.trim()).toBe('Rollen von Karl Meier');
      expect(Array.from(karl.querySelectorAll('label')).map((l) => l.textContent?.trim())).toEqual(['Mitglied', 'Sachbearbeitung', 'Administration']);
      expect(['member', 'clerk', 'tenant-admin'].map((role) => checkbox(karl, role).checked)).toEqual([true, false, false]);
      expect(karl.textContent).toContain('eingeladen, noch nicht angemeldet');
      expect(account('Petra Schulz').querySelector('h2')?.textContent).toContain('(Sie)');
    });

    it('saves the checked roles of one account', async () => {
      await setup();
      await openUsers();
      const karl = account('Karl Meier');
      checkbox(karl, 'clerk').click();
      (karl.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      const request = http.expectOne(ApiRoutes.officeUserRoles('burg', 'u-member'));
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ roles: ['member', 'clerk'] });
      request.flush({ ...users[1], roles: ['member', 'clerk'] });
      await settle();
      expect(account('Karl Meier').querySelector('[role="status"]')?.textContent?.trim()).toBe('Die Rollen von Karl Meier wurden gespeichert.');
      expect(checkbox(account('Karl Meier'), 'clerk').checked).toBe(true);
    });

    it('explains why the last administrator cannot lose the role (409)', async () => {
      await setup();
      await openUsers();
      const petra = account('Petra Schulz');
      checkbox(petra, 'tenant-admin').click();
      (petra.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      http
        .expectOne(ApiRoutes.officeUserRoles('burg', 'u-clerk'))
        .flush({ type: ProblemType.conflict, title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict', headers: problemJson });
      await settle();
      expect(petra.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
        'Nicht gespeichert: Die letzte Administratorin bzw. der letzte Administrator kann diese Rolle nicht abgeben.',
      );
      expect(petra.querySelector('fieldset')?.classList).toContain('kern-fieldset--error');
    });

    it('is reserved for tenant admins', async () => {
      await setup();
      await openAs('/burg/verwaltung/benutzer', session(['clerk']));
      expect(h1()).toBe('Keine Berechtigung');
      expect(text()).toContain('Diese Seite ist der Administration von Stadt Burg vorbehalten.');
      http.expectNone(ApiRoutes.officeUsers('burg'));
    });
  });

  describe('support access page', () => {
    function fill(id: string, value: string): void {
      const input = page().querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }

    it('validates the grant form, grants, shows the banner and revokes after a confirmation', async () => {
      await setup();
      await openAs('/burg/verwaltung/support-zugang', session(['tenant-admin']), [expiredGrant]);
      expect(h1()).toBe('Support-Zugang');
      expect(page().querySelector('[data-support-banner]')).toBeNull();
      const row = page().querySelector('tr[data-grant-id="g-expired"]') as HTMLElement;
      expect(row.querySelector('.kern-badge')?.textContent?.trim()).toBe('abgelaufen');

      // invalid: no reason, too many hours
      fill('support-hours', '100');
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      const summary = page().querySelector('[data-error-summary]') as HTMLElement;
      expect(Array.from(summary.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['#support-hours', '#support-reason']);
      expect(TestBed.inject(DOCUMENT).activeElement).toBe(summary);
      expect(page().querySelector('#support-reason')?.getAttribute('aria-invalid')).toBe('true');
      expect(page().querySelector('#support-reason')?.getAttribute('aria-describedby')).toBe('support-reason-hint support-reason-error');
      http.expectNone(ApiRoutes.officeSupportAccess('burg'));

      fill('support-hours', '4');
      fill('support-reason', 'Import der Sitzungen prüfen');
      await settle();
      expect(page().querySelector('[data-error-summary]')).toBeNull();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      const post = http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.officeSupportAccess('burg'));
      expect(post.request.body).toEqual({ hours: 4, reason: 'Import der Sitzungen prüfen' });
      post.flush(activeGrant);
      await settle();
      expect(page().querySelector('[data-notice]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
        'Support-Zugang erteilt, gültig bis Mo., 02.03.2026, 14:00 Uhr',
      );
      http.expectOne((req) => req.method === 'GET' && req.url === ApiRoutes.officeSupportAccess('burg')).flush({ data: [activeGrant, expiredGrant] });
      await settle();
      expect(page().querySelector('[data-support-banner]')).not.toBeNull();

      // revoke: a confirmation dialog first
      const revokeButton = page().querySelector('tr[data-grant-id="g-active"] button') as HTMLButtonElement;
      revokeButton.focus();
      revokeButton.click();
      await settle();
      const dialog = page().querySelector('dialog') as HTMLDialogElement;
      expect(dialog.hasAttribute('open')).toBe(true);
      expect(dialog.querySelector('h2')?.textContent).toBe('Support-Zugang widerrufen?');
      expect(TestBed.inject(DOCUMENT).activeElement?.textContent?.trim()).toBe('Abbrechen');
      (dialog.querySelector('[data-confirm]') as HTMLButtonElement).click();
      await settle();
      const del = http.expectOne(ApiRoutes.officeSupportAccessGrant('burg', 'g-active'));
      expect(del.request.method).toBe('DELETE');
      del.flush(revokedGrant);
      await settle();
      expect(dialog.hasAttribute('open')).toBe(false);
      http.expectOne(ApiRoutes.officeSupportAccess('burg')).flush({ data: [revokedGrant, expiredGrant] });
      await settle();
      expect(page().querySelector('[data-support-banner]')).toBeNull();
      expect(page().querySelector('tr[data-grant-id="g-active"] .kern-badge')?.textContent?.trim()).toBe('widerrufen');
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Der Support-Zugang wurde widerrufen.');
    });
  });

  describe('audit log', () => {
    it('lists who did what in which role, paging by before', async () => {
      await setup();
      await openAs('/burg/verwaltung/protokoll', session(['tenant-admin']), []);
      const first = http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg'));
      expect(first.request.params.get('limit')).toBe('50');
      expect(first.request.params.has('before')).toBe(false);
      const page1 = auditEvents(50);
      first.flush({ data: page1 });
      await settle();
      expect(h1()).toBe('Protokoll');
      expect(page().querySelectorAll('tbody tr')).toHaveLength(50);
      expect(page().querySelector('tbody tr')?.textContent).toContain('Administration');

      (Array.from(page().querySelectorAll('nav button')).find((b) => b.textContent?.includes('Ältere')) as HTMLButtonElement).click();
      await settle();
      const second = http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg'));
      expect(second.request.params.get('before')).toBe(page1[49].occurredAt);
      second.flush({ data: auditEvents(3, 50) });
      await settle();
      expect(page().querySelector('[data-audit-range]')?.textContent?.trim()).toBe('Einträge 51 bis 53, neueste zuerst');
    });
  });
});
