import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, ExportRoutes, MeetingRoutes, ProblemType, TenantSessionDto } from '@ratsinfo/contracts';
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
  persons,
  problemJson,
  revokedGrant,
  session,
  users,
} from '../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { officeRoutes } from './office.routes';
import { settle } from '../testing/harness';

/** The council's content, in the navigation for everyone of the authority. */
const CONTENT = ['Vorlagen', 'Sitzungen', 'Gremien', 'Personen', 'Wahlperioden', 'Orte'];

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

  afterEach(() => {
    // The meeting page's side panels (lifecycle, invitation, guests, absence, bundle) load on their own; the
    // page tests here are about the page, so those requests are answered "not found" at the end.
    for (const r of http.match((req) => /\/meetings\/[^/]+\/(lifecycle|absence|mails|guests|bundle)(\?|$)/.test(req.urlWithParams))) {
      if (!r.cancelled) r.flush(null, { status: 404, statusText: 'Not Found' });
    }
    http.verify();
  });

  /** Lets guards, signals, resources and the async bearer interceptor settle, and renders. */

  /** Navigates; answers the guard's lookup of the authority (for its login realm). */
  async function open(url: string, tenant = burg): Promise<void> {
    const navigation = harness.navigateByUrl(url);
    await settle(harness);
    http.expectOne(ApiRoutes.portalTenant(tenant.slug)).flush(tenant);
    await navigation;
    await settle(harness);
  }

  /** Opens a page signed in, with the given session (and, for admins, the support grants). */
  async function openAs(url: string, current: TenantSessionDto, grants = [activeGrant]): Promise<void> {
    await open(url);
    const request = http.expectOne(ApiRoutes.officeSession('burg'));
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
    request.flush(current);
    await settle(harness);
    if (current.roles.includes('tenant-admin')) {
      http.expectOne(ApiRoutes.officeSupportAccess('burg')).flush({ data: grants });
      await settle(harness);
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
      await settle(harness);
      http
        .expectOne(ApiRoutes.portalTenant('nirgendwo'))
        .flush({ type: ProblemType.tenantNotFound, title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found', headers: problemJson });
      await navigation;
      await settle(harness);
      expect(TestBed.inject(Router).url).toBe('/nirgendwo');
    });
  });

  describe('start page', () => {
    it('says who is signed in and with which roles in this authority', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['clerk', 'member']));
      flushMeetings();
      await settle(harness);

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

    it('lists the upcoming meetings in a captioned table that keeps its semantics as blocks on phones', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['clerk']));
      const cancelled = { ...officeMeeting, id: '22222222-2222-4222-8222-222222222222', name: 'Sitzung des Bauausschusses', cancelled: true, organization: { id: 'org-bau', name: 'Bauausschuss', shortName: 'BA' } };
      http.expectOne((req) => req.url === ApiRoutes.portalMeetings('burg')).flush({ data: [officeMeeting, cancelled] });
      await settle(harness);

      const table = page().querySelector('table[data-upcoming-meetings]') as HTMLTableElement;
      expect(table.querySelector('caption')?.textContent?.trim()).toBe('Anstehende Sitzungen von Stadt Burg in den nächsten 90 Tagen');
      // explicit roles: the layout below 768 px sets `display: block`, which would drop the table semantics
      expect(table.getAttribute('role')).toBe('table');
      const headers = Array.from(table.querySelectorAll('thead th'));
      expect(headers.map((th) => [th.textContent?.trim(), th.getAttribute('scope'), th.getAttribute('role')])).toEqual([
        ['Datum und Uhrzeit', 'col', 'columnheader'],
        ['Sitzung', 'col', 'columnheader'],
        ['Gremium', 'col', 'columnheader'],
      ]);
      const rows = Array.from(table.querySelectorAll('tbody tr')) as HTMLTableRowElement[];
      expect(rows.map((row) => row.getAttribute('role'))).toEqual(['row', 'row']);
      const cells = (row: HTMLTableRowElement) =>
        Array.from(row.cells).map((cell) => [cell.getAttribute('role'), cell.getAttribute('data-label'), cell.textContent?.replace(/\s+/g, ' ').trim()]);
      expect(cells(rows[0])).toEqual([
        ['cell', 'Datum und Uhrzeit', 'Do., 12.03.2026, 17:00 Uhr'],
        ['rowheader', null, '12. Sitzung des Stadtrates'],
        ['cell', 'Gremium', 'Stadtrat'],
      ]);
      // a cancelled meeting says so in words, not only by colour
      expect(rows[0].querySelector('[data-cancelled]')).toBeNull();
      expect(rows[1].querySelector('th[scope="row"] [data-cancelled]')?.textContent?.trim()).toBe('abgesagt');
      expect(rows[1].querySelector('a')?.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${cancelled.id}`);
    });

    it('shows tenant admins the administration pages', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), []);
      flushMeetings();
      await settle(harness);
      const nav = page().querySelector('nav[aria-label="Verwaltungsbereich von Stadt Burg"]');
      expect(Array.from(nav?.querySelectorAll('a') ?? []).map((a) => a.textContent?.trim())).toEqual([
        'Übersicht',
        ...CONTENT,
        'Benutzer und Rollen',
        'Support-Zugang',
        'Protokoll',
        'Export',
        'Vorlagenarten',
        'Beschlusskontrolle',
        'Einstellungen',
        'Fehlgeschlagene Aufträge',
        'Öffentliches Portal',
      ]);
      expect(nav?.querySelector('[aria-current="page"]')?.textContent?.trim()).toBe('Übersicht');
    });

    it('shows clerks the settings (read-only there), members neither settings nor export', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['clerk']));
      flushMeetings();
      await settle(harness);
      const navLinks = () => Array.from(page().querySelectorAll('nav[aria-label="Verwaltungsbereich von Stadt Burg"] a')).map((a) => a.textContent?.trim());
      expect(navLinks()).toEqual(['Übersicht', ...CONTENT, 'Vorlagenarten', 'Beschlusskontrolle', 'Einstellungen', 'Fehlgeschlagene Aufträge', 'Öffentliches Portal']);
      harness.fixture.destroy();
      TestBed.resetTestingModule();

      await setup();
      await openAs('/burg/verwaltung', session(['member']));
      flushMeetings();
      await settle(harness);
      // Members get their own area first.
      expect(navLinks()).toEqual(['Übersicht', 'Meine Sitzungen', 'Meine Gremien', 'Meine Unterlagen', ...CONTENT, 'Öffentliches Portal']);
      expect(page().querySelector('[data-member-area] [data-home-my-meetings]')?.getAttribute('href')).toBe('/burg/verwaltung/meine-sitzungen');
    });

    it('says "Keine Berechtigung für diese Kommune" without a role there (403)', async () => {
      await setup();
      await open('/burg/verwaltung');
      http
        .expectOne(ApiRoutes.officeSession('burg'))
        .flush({ type: ProblemType.forbidden, title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden', headers: problemJson });
      await settle(harness);

      expect(h1()).toBe('Keine Berechtigung für diese Kommune');
      expect(text()).toContain('Sie sind als Petra Schulz angemeldet, haben in Stadt Burg aber keine Rolle im Ratsinformationssystem.');
      expect(page().querySelector('[data-error-kind]')?.getAttribute('data-error-kind')).toBe('forbidden');
      const portalLink = Array.from(page().querySelectorAll('a')).find((a) => a.getAttribute('href') === '/burg');
      expect(portalLink?.textContent?.trim()).toBe('Zum öffentlichen Portal von Stadt Burg');
      expect(page().querySelector('nav')).toBeNull();
      expect(title()).toBe('Keine Berechtigung – Stadt Burg – Ratsinfo');

      const switchAccount = Array.from(page().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Mit einem anderen Konto anmelden');
      switchAccount?.click();
      await settle(harness);
      expect(fakeKeycloak().logoutCalls).toEqual([{ redirectUri: 'http://localhost:3000/burg/verwaltung' }]);
    });

    it('offers to sign in again when the session expired (401)', async () => {
      await setup();
      await open('/burg/verwaltung');
      http.expectOne(ApiRoutes.officeSession('burg')).flush(null, { status: 401, statusText: 'Unauthorized' });
      await settle(harness);
      expect(h1()).toBe('Ihre Anmeldung ist abgelaufen');
      (page().querySelector('[data-error-kind] button') as HTMLButtonElement).click();
      await settle(harness);
      expect(fakeKeycloak().loginCalls[0].redirectUri).toBe('http://localhost:3000/burg/verwaltung');
    });
  });

  describe('support access banner', () => {
    it('is shown on every page while a grant is active', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), [activeGrant, expiredGrant]);
      flushMeetings();
      await settle(harness);
      const banner = page().querySelector('[data-support-banner]') as HTMLElement;
      expect(banner.querySelector('h2')?.textContent).toBe('Support-Zugang aktiv');
      expect(banner.querySelector('[data-granted]')?.textContent?.trim()).toBe('Die IT-Kooperation hat befristeten Zugriff auf die Daten von Stadt Burg.');
      expect(banner.querySelector('[data-granted-until]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Gültig bis Mo., 02.03.2026, 14:00 Uhr');
      expect(banner.textContent).toContain('Grund: Import der Sitzungen prüfen (erteilt von Anna Admin)');
      expect(banner.querySelector('a')?.getAttribute('href')).toBe('/burg/verwaltung/support-zugang');

      // another page of the back office
      await harness.navigateByUrl('/burg/verwaltung/protokoll');
      await settle(harness);
      http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg')).flush({ data: [] });
      await settle(harness);
      expect(page().querySelector('[data-support-banner]')).not.toBeNull();
    });

    it('is not shown for expired or revoked grants', async () => {
      await setup();
      await openAs('/burg/verwaltung', session(['tenant-admin']), [expiredGrant, revokedGrant]);
      flushMeetings();
      await settle(harness);
      expect(page().querySelector('[data-support-banner]')).toBeNull();
    });

    it('tells an operator acting through a grant (no role in the authority)', async () => {
      await setup();
      await openAs('/burg/verwaltung', session([], { grantId: 'g-active', expiresAt: activeGrant.expiresAt }));
      flushMeetings();
      await settle(harness);
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
      await settle(harness);

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

    it('counts the non-public items withheld by the authority’s member visibility rule', async () => {
      await setup();
      await openAs(`/burg/verwaltung/sitzungen/${officeMeeting.id}`, session(['member']));
      http.expectOne(ApiRoutes.officeMeeting('burg', officeMeeting.id)).flush({ ...officeMeeting, withheldNonPublicItems: 2 });
      await settle(harness);
      const note = page().querySelector('[data-withheld-notice]');
      expect(note?.querySelector('h2')?.textContent?.trim()).toBe('Nicht alle Tagesordnungspunkte sichtbar');
      expect(note?.textContent).toContain('2 nichtöffentliche Tagesordnungspunkte sind für Sie nicht sichtbar (Einstellung Ihrer Kommune');
      // the non-public item that is shown stays marked confidential
      expect(page().querySelector('[data-non-public]')?.textContent?.trim()).toBe('nicht öffentlich');
      expect(page().querySelector('[data-confidential-notice]')).not.toBeNull();
    });

    it('gives clerks the meeting and agenda editors instead of the read-only table, and no withheld note', async () => {
      await setup();
      await openAs(`/burg/verwaltung/sitzungen/${officeMeeting.id}`, session(['clerk']));
      http.expectOne(ApiRoutes.officeMeeting('burg', officeMeeting.id)).flush({ ...officeMeeting, withheldNonPublicItems: 0 });
      await settle(harness);
      const items = [...officeMeeting.agendaItems].sort((a, b) => a.order - b.order);
      http.expectOne(MeetingRoutes.agenda('burg', officeMeeting.id)).flush({ meetingId: officeMeeting.id, version: officeMeeting.version, cancelled: false, items });
      http.expectOne(ApiRoutes.portalOrganizations('burg')).flush({ data: [] });
      http.expectOne('/api/office/burg/locations').flush({ data: [] });
      await settle(harness);
      http.expectOne(MeetingRoutes.schedulable('burg', officeMeeting.id)).flush({ data: [] });
      await settle(harness);
      expect(h1()).toBe('12. Sitzung des Stadtrates');
      expect(page().querySelector('[data-withheld-notice]')).toBeNull();
      expect(page().querySelector('table.ri-office-agenda')).toBeNull();
      expect(Array.from(page().querySelectorAll('[data-agenda-editor] [data-item-number]')).map((n) => n.textContent?.trim())).toEqual(['Ö 1', 'N 1']);
      expect(page().querySelector('[data-meeting-edit] summary')?.textContent?.trim()).toBe('Angaben zur Sitzung bearbeiten');
    });

    it('says "Sitzung nicht gefunden" for an unknown meeting', async () => {
      await setup();
      await openAs('/burg/verwaltung/sitzungen/x', session(['member']));
      http.expectOne(ApiRoutes.officeMeeting('burg', 'x')).flush({ type: ProblemType.notFound, title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found' });
      await settle(harness);
      expect(h1()).toBe('Sitzung nicht gefunden');
    });
  });

  describe('users and roles', () => {
    async function openUsers(options: { persons?: 'fail' } = {}): Promise<void> {
      await openAs('/burg/verwaltung/benutzer', session(['tenant-admin', 'clerk']), []);
      http.expectOne((req) => req.method === 'GET' && req.url === ApiRoutes.officeUsers('burg')).flush({ data: users });
      const personsRequest = http.expectOne(ApiRoutes.portalPersons('burg'));
      expect(personsRequest.request.headers.has('Authorization')).toBe(false);
      if (options.persons === 'fail') personsRequest.flush(null, { status: 500, statusText: 'Internal Server Error' });
      else personsRequest.flush({ data: persons });
      await settle(harness);
    }

    const account = (name: string) =>
      Array.from(page().querySelectorAll('li.ri-user')).find((li) => li.querySelector('h3')?.textContent?.includes(name)) as HTMLElement;
    const checkbox = (li: HTMLElement, role: string) => li.querySelector(`input[data-role="${role}"]`) as HTMLInputElement;
    const squash = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
    const invite = () => page().querySelector('[data-invite]') as HTMLElement;
    const field = (id: string) => page().querySelector(`#${id}`) as HTMLInputElement & HTMLSelectElement;

    function fill(id: string, value: string): void {
      const input = field(id);
      input.value = value;
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
    }

    async function submitInvite(): Promise<void> {
      (invite().querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await settle(harness);
    }

    const invitePost = () => http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.officeUsers('burg'));

    const anna = { firstName: 'Anna', lastName: 'Lehmann', email: 'anna.lehmann@burg.example' };
    const annaAccount = {
      id: 'u-anna',
      email: anna.email,
      displayName: 'Anna Lehmann',
      roles: ['member', 'clerk'],
      personId: persons[0].id,
      linked: false,
      lastSeenAt: null,
    } as const;

    async function fillAnna(): Promise<void> {
      fill('invite-first-name', anna.firstName);
      fill('invite-last-name', anna.lastName);
      fill('invite-email', anna.email);
      await settle(harness);
    }

    it('lists the accounts with their roles as labelled checkboxes in a fieldset', async () => {
      await setup();
      await openUsers();
      expect(h1()).toBe('Benutzer und Rollen');
      expect(Array.from(page().querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual(['Person einladen', 'Benutzerkonten']);
      const karl = account('Karl Meier');
      expect(karl.querySelector('legend')?.textContent?.trim()).toBe('Rollen von Karl Meier');
      expect(Array.from(karl.querySelectorAll('fieldset label')).map((l) => l.textContent?.trim())).toEqual(['Mitglied', 'Sachbearbeitung', 'Administration']);
      expect(['member', 'clerk', 'tenant-admin'].map((role) => checkbox(karl, role).checked)).toEqual([true, false, false]);
      expect(karl.textContent).toContain('eingeladen, noch nicht angemeldet');
      expect(account('Petra Schulz').querySelector('h3')?.textContent).toContain('(Sie)');
      expect(page().querySelector('[data-persons-error]')).toBeNull();
    });

    it('saves the checked roles of one account', async () => {
      await setup();
      await openUsers();
      const karl = account('Karl Meier');
      checkbox(karl, 'clerk').click();
      (karl.querySelector('ri-user-roles-form button[type="submit"]') as HTMLButtonElement).click();
      await settle(harness);
      const request = http.expectOne(ApiRoutes.officeUserRoles('burg', 'u-member'));
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ roles: ['member', 'clerk'] });
      request.flush({ ...users[1], roles: ['member', 'clerk'] });
      await settle(harness);
      expect(account('Karl Meier').querySelector('ri-user-roles-form [role="status"]')?.textContent?.trim()).toBe('Die Rollen von Karl Meier wurden gespeichert.');
      expect(checkbox(account('Karl Meier'), 'clerk').checked).toBe(true);
    });

    it('explains why the last administrator cannot lose the role (409)', async () => {
      await setup();
      await openUsers();
      const petra = account('Petra Schulz');
      checkbox(petra, 'tenant-admin').click();
      (petra.querySelector('ri-user-roles-form button[type="submit"]') as HTMLButtonElement).click();
      await settle(harness);
      http
        .expectOne(ApiRoutes.officeUserRoles('burg', 'u-clerk'))
        .flush({ type: ProblemType.conflict, title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict', headers: problemJson });
      await settle(harness);
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
      http.expectNone(ApiRoutes.portalPersons('burg'));
    });

    describe('inviting a person', () => {
      it('has labelled fields, the roles as a group and the authority’s persons to choose from', async () => {
        await setup();
        await openUsers();
        const labels = Array.from(invite().querySelectorAll('form > .kern-form-input > label')).map((l) => squash(l));
        expect(labels).toEqual(['Vorname', 'Nachname', 'E-Mail-Adresse', 'Verknüpfte Person (optional)']);
        for (const id of ['invite-first-name', 'invite-last-name', 'invite-email', 'invite-person']) {
          expect(invite().querySelector(`label[for="${id}"]`)).not.toBeNull();
        }
        const roles = invite().querySelector('fieldset[data-invite-roles]') as HTMLFieldSetElement;
        expect(roles.querySelector('legend')?.textContent?.trim()).toBe('Rollen');
        expect(Array.from(roles.querySelectorAll('input[type="checkbox"]')).map((c) => [(c as HTMLInputElement).dataset['role'], (c as HTMLInputElement).checked])).toEqual([
          ['member', true],
          ['clerk', false],
          ['tenant-admin', false],
        ]);
        expect(Array.from(field('invite-person').options).map((o) => o.textContent?.trim())).toEqual([
          'Keine Person verknüpft',
          'Dr. Anna Lehmann',
          'Karl Meier (Bauausschuss, Stadtrat)',
        ]);
        expect(field('invite-email').getAttribute('aria-describedby')).toBe('invite-email-hint');
      });

      it('validates in the browser: the error summary takes the focus and links to the fields', async () => {
        await setup();
        await openUsers();
        fill('invite-email', 'keine-adresse');
        (invite().querySelector('input[data-role="member"]') as HTMLInputElement).click();
        await submitInvite();

        const summary = page().querySelector('[data-error-summary]') as HTMLElement;
        expect(TestBed.inject(DOCUMENT).activeElement).toBe(summary);
        expect(Array.from(summary.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent?.trim()])).toEqual([
          ['#invite-first-name', 'Bitte geben Sie den Vornamen ein (höchstens 100 Zeichen).'],
          ['#invite-last-name', 'Bitte geben Sie den Nachnamen ein (höchstens 100 Zeichen).'],
          ['#invite-email', 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@kommune.de.'],
          ['#invite-role-member', 'Bitte wählen Sie mindestens eine Rolle.'],
        ]);
        expect(field('invite-email').getAttribute('aria-invalid')).toBe('true');
        expect(field('invite-email').getAttribute('aria-describedby')).toBe('invite-email-hint invite-email-error');
        const roles = invite().querySelector('fieldset[data-invite-roles]') as HTMLFieldSetElement;
        expect(roles.classList).toContain('kern-fieldset--error');
        expect(roles.getAttribute('aria-describedby')).toBe('invite-roles-hint invite-roles-error');
        // the message is text with an icon, not colour alone
        expect(roles.querySelector('#invite-roles-error')?.textContent?.trim()).toBe('Bitte wählen Sie mindestens eine Rolle.');
        http.expectNone((req) => req.method === 'POST');

        // corrections remove the messages
        await fillAnna();
        (invite().querySelector('input[data-role="member"]') as HTMLInputElement).click();
        await settle(harness);
        expect(page().querySelector('[data-error-summary]')).toBeNull();
        expect(field('invite-email').getAttribute('aria-invalid')).toBe('false');
      });

      it('invites: sends the form, confirms in a status region and lists the new account', async () => {
        await setup();
        await openUsers();
        fill('invite-person', persons[0].id);
        await settle(harness);
        // choosing a person fills in the empty names
        expect([field('invite-first-name').value, field('invite-last-name').value]).toEqual(['Anna', 'Lehmann']);
        fill('invite-email', `  ${anna.email} `);
        (invite().querySelector('input[data-role="clerk"]') as HTMLInputElement).click();
        await submitInvite();

        const post = invitePost();
        expect(post.request.body).toEqual({ ...anna, roles: ['member', 'clerk'], personId: persons[0].id });
        expect(post.request.headers.get('Authorization')).toBe('Bearer token-of-burg-clerk');
        post.flush(annaAccount, { status: 201, statusText: 'Created' });
        await settle(harness);

        const notice = invite().querySelector('[data-invite-notice]') as HTMLElement;
        expect(notice.getAttribute('role')).toBe('status');
        expect(squash(notice)).toBe('Einladung an Anna Lehmann (anna.lehmann@burg.example) verschickt.');
        // the form is empty again, with the default role
        expect([field('invite-first-name').value, field('invite-last-name').value, field('invite-email').value, field('invite-person').value]).toEqual(['', '', '', '']);
        expect((invite().querySelector('input[data-role="clerk"]') as HTMLInputElement).checked).toBe(false);
        // the new account is listed by name, invited and linked to the chosen person
        expect(Array.from(page().querySelectorAll('li.ri-user h3')).map((h) => h.textContent?.trim().replace(/\s+/g, ' '))).toEqual([
          'Anna Lehmann',
          'Karl Meier',
          'Petra Schulz (Sie)',
        ]);
        const created = account('Anna Lehmann');
        expect(created.querySelector('[data-account-status]')?.textContent?.trim()).toBe('eingeladen, noch nicht angemeldet');
        expect((created.querySelector('select[data-person-select]') as HTMLSelectElement).value).toBe(persons[0].id);
        expect(created.querySelector('button[data-resend]')).not.toBeNull();
        http.expectNone((req) => req.method === 'GET' && req.url === ApiRoutes.officeUsers('burg'));
      });

      it('shows the server’s field errors at the fields (400)', async () => {
        await setup();
        await openUsers();
        await fillAnna();
        fill('invite-person', persons[1].id);
        await submitInvite();
        invitePost().flush(
          {
            type: ProblemType.validation,
            title: 'Validation failed',
            status: 400,
            errors: [
              { name: 'email', reason: 'already has an account in this authority' },
              { name: 'personId', reason: 'is not a person of this authority' },
            ],
          },
          { status: 400, statusText: 'Bad Request', headers: problemJson },
        );
        await settle(harness);

        const summary = page().querySelector('[data-error-summary]') as HTMLElement;
        expect(TestBed.inject(DOCUMENT).activeElement).toBe(summary);
        expect(Array.from(summary.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent?.trim()])).toEqual([
          ['#invite-email', 'Für diese E-Mail-Adresse gibt es in Stadt Burg bereits ein Konto.'],
          ['#invite-person', 'Diese Person gehört nicht (mehr) zu Stadt Burg. Bitte wählen Sie eine Person aus der Liste.'],
        ]);
        expect(field('invite-email').getAttribute('aria-invalid')).toBe('true');
        expect(squash(page().querySelector('#invite-email-error'))).toBe('Für diese E-Mail-Adresse gibt es in Stadt Burg bereits ein Konto.');
        expect(field('invite-person').getAttribute('aria-describedby')).toBe('invite-person-hint invite-person-error');
        // the values stay
        expect(field('invite-email').value).toBe(anna.email);
        expect(page().querySelector('[data-invite-notice]')?.textContent?.trim()).toBe('');

        // another address: the e-mail error goes, the person error stays until the person is changed
        fill('invite-email', 'a.lehmann@burg.example');
        await settle(harness);
        expect(Array.from(page().querySelectorAll('[data-error-summary] a')).map((a) => a.getAttribute('href'))).toEqual(['#invite-person']);
        fill('invite-person', '');
        await settle(harness);
        expect(page().querySelector('[data-error-summary]')).toBeNull();
      });

      it('keeps the form filled and says so when the identity provider is unavailable (503)', async () => {
        await setup();
        await openUsers();
        await fillAnna();
        await submitInvite();
        invitePost().flush(
          { type: ProblemType.unavailable, title: 'Service Unavailable', status: 503, detail: 'The identity provider could not send the invitation e-mail.' },
          { status: 503, statusText: 'Service Unavailable', headers: problemJson },
        );
        await settle(harness);

        const alert = invite().querySelector('[data-error-kind="unavailable"]') as HTMLElement;
        expect(alert.querySelector('[role="alert"]') ?? alert.closest('[role="alert"]')).not.toBeNull();
        expect(alert.querySelector('h3')?.textContent?.trim()).toBe('Einladung nicht verschickt');
        expect(alert.textContent).toContain('Der Identitätsdienst ist gerade nicht erreichbar. Ihre Angaben bleiben erhalten');
        expect([field('invite-first-name').value, field('invite-last-name').value, field('invite-email').value]).toEqual([anna.firstName, anna.lastName, anna.email]);
        expect(page().querySelector('[data-invite-notice]')?.textContent?.trim()).toBe('');
        // the account may have been created before the e-mail failed: the list is reloaded in place
        expect(page().querySelectorAll('li.ri-user')).toHaveLength(2);
        http.expectOne((req) => req.method === 'GET' && req.url === ApiRoutes.officeUsers('burg')).flush({ data: [...users, annaAccount] });
        await settle(harness);
        expect(account('Anna Lehmann').querySelector('button[data-resend]')).not.toBeNull();

        // "Erneut versuchen" sends the kept values again
        const retry = Array.from(alert.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Erneut versuchen') as HTMLButtonElement;
        retry.click();
        await settle(harness);
        expect(invitePost().request.body).toEqual({ ...anna, roles: ['member'], personId: null });
      });
    });

    describe('linked person', () => {
      const personSelect = (li: HTMLElement) => li.querySelector('select[data-person-select]') as HTMLSelectElement;

      function choose(li: HTMLElement, value: string): void {
        const select = personSelect(li);
        select.value = value;
        select.dispatchEvent(new Event('change'));
      }

      async function saveLink(li: HTMLElement): Promise<void> {
        (li.querySelector('ri-user-person-form button[type="submit"]') as HTMLButtonElement).click();
        await settle(harness);
      }

      it('shows the linked person per account in a labelled select', async () => {
        await setup();
        await openUsers();
        const karl = account('Karl Meier');
        const select = personSelect(karl);
        expect(squash(karl.querySelector(`label[for="${select.id}"]`))).toBe('Verknüpfte Person (Konto von Karl Meier)');
        expect(select.value).toBe(persons[1].id);
        expect(select.selectedOptions[0].textContent?.trim()).toBe('Karl Meier (Bauausschuss, Stadtrat)');
        expect(personSelect(account('Petra Schulz')).value).toBe('');
      });

      it('links an account to a person and unlinks another, each saved on its own', async () => {
        await setup();
        await openUsers();
        const petra = account('Petra Schulz');
        choose(petra, persons[0].id);
        await saveLink(petra);
        const link = http.expectOne(ApiRoutes.officeUserPerson('burg', 'u-clerk'));
        expect(link.request.method).toBe('PUT');
        expect(link.request.body).toEqual({ personId: persons[0].id });
        link.flush({ ...users[0], personId: persons[0].id });
        await settle(harness);
        expect(squash(account('Petra Schulz').querySelector('[data-person-status]'))).toBe('Petra Schulz ist jetzt mit Dr. Anna Lehmann verknüpft.');
        expect(account('Petra Schulz').querySelector('[data-person-status]')?.getAttribute('role')).toBe('status');
        expect(personSelect(account('Petra Schulz')).value).toBe(persons[0].id);

        const karl = account('Karl Meier');
        choose(karl, '');
        await saveLink(karl);
        const unlink = http.expectOne(ApiRoutes.officeUserPerson('burg', 'u-member'));
        expect(unlink.request.body).toEqual({ personId: null });
        unlink.flush({ ...users[1], personId: null });
        await settle(harness);
        expect(squash(account('Karl Meier').querySelector('[data-person-status]'))).toBe('Die Verknüpfung von Karl Meier mit einer Person wurde aufgehoben.');
      });

      it('keeps an unsaved choice in one part of the row when the other part is saved', async () => {
        await setup();
        await openUsers();
        const karl = account('Karl Meier');
        choose(karl, persons[0].id);
        checkbox(karl, 'clerk').click();
        await settle(harness);

        // saving the roles keeps the chosen (unsaved) person
        (karl.querySelector('ri-user-roles-form button[type="submit"]') as HTMLButtonElement).click();
        await settle(harness);
        http.expectOne(ApiRoutes.officeUserRoles('burg', 'u-member')).flush({ ...users[1], roles: ['member', 'clerk'] });
        await settle(harness);
        expect(personSelect(account('Karl Meier')).value).toBe(persons[0].id);

        // saving the person keeps unsaved role changes
        checkbox(account('Karl Meier'), 'tenant-admin').click();
        await saveLink(account('Karl Meier'));
        http.expectOne(ApiRoutes.officeUserPerson('burg', 'u-member')).flush({ ...users[1], roles: ['member', 'clerk'], personId: persons[0].id });
        await settle(harness);
        expect(['member', 'clerk', 'tenant-admin'].map((role) => checkbox(account('Karl Meier'), role).checked)).toEqual([true, true, true]);
        expect(personSelect(account('Karl Meier')).value).toBe(persons[0].id);
      });

      it('shows a failure at the account’s row', async () => {
        await setup();
        await openUsers();
        const petra = account('Petra Schulz');
        choose(petra, persons[1].id);
        await saveLink(petra);
        http.expectOne(ApiRoutes.officeUserPerson('burg', 'u-clerk')).flush(
          { type: ProblemType.validation, title: 'Validation failed', status: 400, errors: [{ name: 'personId', reason: 'is not a person of this authority' }] },
          { status: 400, statusText: 'Bad Request', headers: problemJson },
        );
        await settle(harness);
        const error = petra.querySelector('[data-person-error]') as HTMLElement;
        expect(error.getAttribute('role')).toBe('alert');
        expect(error.textContent?.trim()).toBe('Nicht gespeichert: Diese Person gehört nicht (mehr) zu dieser Kommune.');
        expect(personSelect(petra).getAttribute('aria-invalid')).toBe('true');
        expect(personSelect(petra).getAttribute('aria-describedby')).toBe(error.id);
        // the other account is not affected
        expect(account('Karl Meier').querySelector('[data-person-error]')).toBeNull();
        // choosing again clears the message
        choose(petra, '');
        await settle(harness);
        expect(petra.querySelector('[data-person-error]')).toBeNull();
      });

      it('still lists the accounts when the persons cannot be loaded', async () => {
        await setup();
        await openUsers({ persons: 'fail' });
        const warning = page().querySelector('[data-persons-error]') as HTMLElement;
        expect(warning.textContent).toContain('Die Personen von Stadt Burg konnten nicht geladen werden.');
        // Karl's linked person is kept, not shown as "none"
        const select = personSelect(account('Karl Meier'));
        expect(select.value).toBe(persons[1].id);
        expect(select.selectedOptions[0].textContent?.trim()).toBe('Unbekannte Person (nicht mehr in der Liste)');

        (warning.querySelector('button') as HTMLButtonElement).click();
        await settle(harness);
        http.expectOne(ApiRoutes.portalPersons('burg')).flush({ data: persons });
        await settle(harness);
        expect(page().querySelector('[data-persons-error]')).toBeNull();
        expect(personSelect(account('Karl Meier')).selectedOptions[0].textContent?.trim()).toBe('Karl Meier (Bauausschuss, Stadtrat)');
      });
    });

    describe('resending an invitation', () => {
      const resendButton = (li: HTMLElement) => li.querySelector('button[data-resend]') as HTMLButtonElement | null;

      it('is offered for people who have not signed in yet and confirms the resend', async () => {
        await setup();
        await openUsers();
        expect(resendButton(account('Petra Schulz'))).toBeNull();
        const karl = account('Karl Meier');
        expect(squash(resendButton(karl))).toBe('Einladung erneut senden an Karl Meier');
        resendButton(karl)?.click();
        await settle(harness);
        const post = http.expectOne(ApiRoutes.officeUserInvitation('burg', 'u-member'));
        expect(post.request.method).toBe('POST');
        post.flush(users[1], { status: 202, statusText: 'Accepted' });
        await settle(harness);
        const status = karl.querySelector('[data-invitation-status]') as HTMLElement;
        expect(status.getAttribute('role')).toBe('status');
        expect(squash(status)).toBe('Die Einladung an Karl Meier wurde erneut an karl.meier@burg.example verschickt.');
      });

      it('says why it was not sent: signed in meanwhile (409), identity provider unavailable (503)', async () => {
        await setup();
        await openUsers();
        const karl = account('Karl Meier');
        resendButton(karl)?.click();
        await settle(harness);
        http
          .expectOne(ApiRoutes.officeUserInvitation('burg', 'u-member'))
          .flush({ type: ProblemType.unavailable, title: 'Service Unavailable', status: 503 }, { status: 503, statusText: 'Service Unavailable', headers: problemJson });
        await settle(harness);
        const error = () => karl.querySelector('[data-invitation-error]') as HTMLElement;
        expect(error().getAttribute('role')).toBe('alert');
        expect(error().textContent?.trim()).toBe('Nicht verschickt: Der Identitätsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.');

        resendButton(karl)?.click();
        await settle(harness);
        http
          .expectOne(ApiRoutes.officeUserInvitation('burg', 'u-member'))
          .flush({ type: ProblemType.conflict, title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict', headers: problemJson });
        await settle(harness);
        expect(error().textContent?.trim()).toBe('Nicht verschickt: Karl Meier hat sich inzwischen angemeldet und braucht keine Einladung mehr.');
        expect(karl.querySelector('[data-invitation-status]')?.textContent?.trim()).toBe('');
      });
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
      await settle(harness);
      const summary = page().querySelector('[data-error-summary]') as HTMLElement;
      expect(Array.from(summary.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['#support-hours', '#support-reason']);
      expect(TestBed.inject(DOCUMENT).activeElement).toBe(summary);
      expect(page().querySelector('#support-reason')?.getAttribute('aria-invalid')).toBe('true');
      expect(page().querySelector('#support-reason')?.getAttribute('aria-describedby')).toBe('support-reason-hint support-reason-error');
      http.expectNone(ApiRoutes.officeSupportAccess('burg'));

      fill('support-hours', '4');
      fill('support-reason', 'Import der Sitzungen prüfen');
      await settle(harness);
      expect(page().querySelector('[data-error-summary]')).toBeNull();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle(harness);
      const post = http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.officeSupportAccess('burg'));
      expect(post.request.body).toEqual({ hours: 4, reason: 'Import der Sitzungen prüfen' });
      post.flush(activeGrant);
      await settle(harness);
      expect(page().querySelector('[data-notice]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
        'Support-Zugang erteilt, gültig bis Mo., 02.03.2026, 14:00 Uhr',
      );
      http.expectOne((req) => req.method === 'GET' && req.url === ApiRoutes.officeSupportAccess('burg')).flush({ data: [activeGrant, expiredGrant] });
      await settle(harness);
      expect(page().querySelector('[data-support-banner]')).not.toBeNull();

      // revoke: a confirmation dialog first
      const revokeButton = page().querySelector('tr[data-grant-id="g-active"] button') as HTMLButtonElement;
      revokeButton.focus();
      revokeButton.click();
      await settle(harness);
      const dialog = page().querySelector('dialog') as HTMLDialogElement;
      expect(dialog.hasAttribute('open')).toBe(true);
      expect(dialog.querySelector('h2')?.textContent).toBe('Support-Zugang widerrufen?');
      expect(TestBed.inject(DOCUMENT).activeElement?.textContent?.trim()).toBe('Abbrechen');
      (dialog.querySelector('[data-confirm]') as HTMLButtonElement).click();
      await settle(harness);
      const del = http.expectOne(ApiRoutes.officeSupportAccessGrant('burg', 'g-active'));
      expect(del.request.method).toBe('DELETE');
      del.flush(revokedGrant);
      await settle(harness);
      expect(dialog.hasAttribute('open')).toBe(false);
      http.expectOne(ApiRoutes.officeSupportAccess('burg')).flush({ data: [revokedGrant, expiredGrant] });
      await settle(harness);
      expect(page().querySelector('[data-support-banner]')).toBeNull();
      expect(page().querySelector('tr[data-grant-id="g-active"] .kern-badge')?.textContent?.trim()).toBe('widerrufen');
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Der Support-Zugang wurde widerrufen.');
    });
  });

  describe('settings page', () => {
    const radio = (value: string) => page().querySelector(`input[type="radio"][value="${value}"]`) as HTMLInputElement;

    it('lets tenant admins choose the member visibility rule and announces the saved state', async () => {
      await setup();
      await openAs('/burg/verwaltung/einstellungen', session(['tenant-admin']), []);
      http.expectOne(ApiRoutes.officeSettings('burg')).flush({ memberVisibility: 'own-bodies' });
      await settle(harness);
      expect(h1()).toBe('Einstellungen');
      expect(title()).toBe('Einstellungen – Stadt Burg – Ratsinfo');
      const fieldset = page().querySelector('fieldset');
      expect(fieldset?.querySelector('legend')?.textContent?.trim()).toBe('Mitglieder lesen nichtöffentliche Unterlagen');
      const labels = Array.from(fieldset?.querySelectorAll('label') ?? []).map((l) => [l.getAttribute('for'), l.textContent?.trim()]);
      expect(labels).toEqual([
        ['member-visibility-own-bodies', 'Nur eigene Gremien (und der Rat)'],
        ['member-visibility-all-bodies', 'Alle Gremien'],
      ]);
      expect(radio('own-bodies').checked).toBe(true);
      const hint = page().querySelector(`#${radio('own-bodies').getAttribute('aria-describedby')}`);
      expect(hint?.textContent).toContain('nur der Gremien, denen sie derzeit angehören, und des Rats');

      radio('all-bodies').click();
      await settle(harness);
      (page().querySelector('[data-save]') as HTMLButtonElement).click();
      await settle(harness);
      const request = http.expectOne(ApiRoutes.officeSettings('burg'));
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).toEqual({ memberVisibility: 'all-bodies' });
      request.flush({ memberVisibility: 'all-bodies' });
      await settle(harness);
      const notice = page().querySelector('[data-notice]');
      expect(notice?.getAttribute('role')).toBe('status');
      expect(notice?.textContent?.trim()).toBe('Gespeichert: Alle Gremien.');
      expect(radio('all-bodies').checked).toBe(true);
    });

    it('shows a failed save and keeps the choice', async () => {
      await setup();
      await openAs('/burg/verwaltung/einstellungen', session(['tenant-admin']), []);
      http.expectOne(ApiRoutes.officeSettings('burg')).flush({ memberVisibility: 'all-bodies' });
      await settle(harness);
      radio('own-bodies').click();
      (page().querySelector('[data-save]') as HTMLButtonElement).click();
      await settle(harness);
      http
        .expectOne(ApiRoutes.officeSettings('burg'))
        .flush({ type: ProblemType.forbidden, title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden', headers: problemJson });
      await settle(harness);
      expect(page().querySelector('ri-access-error')).not.toBeNull();
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('');
      expect(radio('own-bodies').checked).toBe(true);
    });

    it('shows clerks the current rule read-only', async () => {
      await setup();
      await openAs('/burg/verwaltung/einstellungen', session(['clerk']));
      http.expectOne(ApiRoutes.officeSettings('burg')).flush({ memberVisibility: 'own-bodies' });
      await settle(harness);
      expect(page().querySelector('input[type="radio"]')).toBeNull();
      expect(page().querySelector('[data-save]')).toBeNull();
      expect(page().querySelector('[data-current-setting]')?.textContent?.trim()).toBe('Nur eigene Gremien (und der Rat)');
      expect(text()).toContain('Nur die Administration von Stadt Burg kann diese Einstellung ändern.');
    });

    it('is not for members (no request)', async () => {
      await setup();
      await openAs('/burg/verwaltung/einstellungen', session(['member']));
      http.expectNone(ApiRoutes.officeSettings('burg'));
      expect(h1()).toBe('Keine Berechtigung');
      expect(page().querySelector('[data-error-kind="forbidden"]')).not.toBeNull();
    });
  });

  describe('export page', () => {
    function fillReason(value: string): HTMLTextAreaElement {
      const input = page().querySelector('#office-export-reason') as HTMLTextAreaElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      return input;
    }

    it('explains the contents, asks for a reason and offers the ZIP as a save link', async () => {
      const createObjectURL = vi.fn(() => 'blob:http://localhost:3000/office-export-1');
      const revokeObjectURL = vi.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      await setup();
      await openAs('/burg/verwaltung/export', session(['tenant-admin']), []);
      http.expectOne(ExportRoutes.officeExports('burg')).flush({ data: [] });
      await settle(harness);
      expect(page().querySelector('[data-exports-empty]')).not.toBeNull();
      expect(h1()).toBe('Daten exportieren');
      expect(title()).toBe('Export – Stadt Burg – Ratsinfo');
      const contents = page().querySelector('[data-export-contents]')?.textContent ?? '';
      expect(contents).toContain('nichtöffentlichen Tagesordnungspunkte');
      expect(contents).toContain('Benutzerkonten');
      expect(contents).toContain('Protokoll der Kommune');
      expect(page().querySelector('[data-export-audit-note]')?.textContent).toContain('im Protokoll der Kommune festgehalten');
      expect(page().querySelector('label[for="office-export-reason"]')?.textContent?.trim()).toBe('Grund des Exports');

      // too short: no request, error at the field, focus there
      const reason = fillReason('Backup');
      (page().querySelector('[data-export]') as HTMLButtonElement).click();
      await settle(harness);
      http.expectNone(ApiRoutes.officeExport('burg'));
      expect(page().querySelector('#office-export-reason-error')?.textContent?.trim()).toBe('Bitte geben Sie einen Grund mit 10 bis 500 Zeichen an.');
      expect(reason.getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(reason);

      fillReason('Jährliche Sicherung der Unterlagen');
      await settle(harness);
      expect(page().querySelector('#office-export-reason-error')).toBeNull();
      (page().querySelector('[data-export]') as HTMLButtonElement).click();
      await settle(harness);
      const request = http.expectOne(ApiRoutes.officeExport('burg'));
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ reason: 'Jährliche Sicherung der Unterlagen' });
      const record = { id: '5b7c1a3e-2d4f-4e6a-8b9c-0d1e2f3a4b5c', status: 'pending', requestedAs: 'tenant-admin', requestedByName: 'Anna Admin', reason: 'Jährliche Sicherung der Unterlagen', size: null, counts: null, error: null, createdAt: '2026-03-02T09:00:00.000Z', finishedAt: null, expiresAt: null };
      request.flush(record, { status: 202, statusText: 'Accepted' });
      await settle(harness);
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Der Export wurde angefordert und wird jetzt erstellt.');
      // the list follows it: ready (with size, counts and expiry), then downloaded
      const ready = { ...record, status: 'ready', size: 2, counts: { papers: 3, fileContents: 4, meetings: 1 }, finishedAt: '2026-03-02T09:01:00.000Z', expiresAt: '2026-03-09T09:01:00.000Z' };
      http.expectOne(ExportRoutes.officeExports('burg')).flush({ data: [ready] });
      await settle(harness);
      expect(page().querySelector('[data-export-state]')?.textContent?.trim()).toBe('Bereit');
      expect(page().querySelector('[data-export-status]')?.textContent?.trim()).toBe('Der neueste Export ist fertig und kann heruntergeladen werden.');
      (page().querySelector('[data-export-download]') as HTMLButtonElement).click();
      await settle(harness);
      http.expectOne(ExportRoutes.officeExportDownload('burg', record.id)).flush(new Blob(['PK'], { type: 'application/zip' }), {
        headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="ratsinfo-burg-2026-03-02.zip"' },
      });
      await settle(harness);
      const link = page().querySelector('[data-export-link]') as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe('blob:http://localhost:3000/office-export-1');
      expect(link.getAttribute('download')).toBe('ratsinfo-burg-2026-03-02.zip');
      expect(document.activeElement).toBe(link);
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Die Datei ratsinfo-burg-2026-03-02.zip wurde heruntergeladen.');
      harness.fixture.destroy();
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost:3000/office-export-1');
    });

    it('shows the API’s 400 naming reason at the field', async () => {
      await setup();
      await openAs('/burg/verwaltung/export', session(['tenant-admin']), []);
      http.expectOne(ExportRoutes.officeExports('burg')).flush({ data: [] });
      await settle(harness);
      fillReason('Jährliche Sicherung der Unterlagen');
      (page().querySelector('[data-export]') as HTMLButtonElement).click();
      await settle(harness);
      const problem = { type: ProblemType.validation, title: 'Invalid input', status: 400, errors: [{ name: 'reason', reason: 'must not contain control characters' }] };
      http.expectOne(ApiRoutes.officeExport('burg')).flush(problem, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } });
      await settle(harness);
      await settle(harness);
      expect(page().querySelector('#office-export-reason-error')).not.toBeNull();
      expect(page().querySelector('ri-access-error')).toBeNull();
    });

    it('is reserved for tenant admins', async () => {
      await setup();
      await openAs('/burg/verwaltung/export', session(['clerk']));
      expect(h1()).toBe('Keine Berechtigung');
      expect(page().querySelector('#office-export-reason')).toBeNull();
    });
  });

  describe('audit log', () => {
    it('lists who did what in which role, paging by the cursor', async () => {
      await setup();
      await openAs('/burg/verwaltung/protokoll', session(['tenant-admin']), []);
      const first = http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg'));
      expect(first.request.params.get('limit')).toBe('50');
      expect(first.request.params.has('cursor')).toBe(false);
      const page1 = auditEvents(50);
      first.flush({ data: page1, nextCursor: 'after-page-1' });
      await settle(harness);
      expect(h1()).toBe('Protokoll');
      expect(page().querySelectorAll('tbody tr')).toHaveLength(50);
      expect(page().querySelector('tbody tr')?.textContent).toContain('Administration');

      (Array.from(page().querySelectorAll('nav button')).find((b) => b.textContent?.includes('Ältere')) as HTMLButtonElement).click();
      await settle(harness);
      const second = http.expectOne((req) => req.url === ApiRoutes.officeAudit('burg'));
      expect(second.request.params.get('cursor')).toBe('after-page-1');
      second.flush({ data: auditEvents(3, 50), nextCursor: null });
      await settle(harness);
      expect(page().querySelector('[data-audit-range]')?.textContent?.trim()).toBe('Einträge 51 bis 53, neueste zuerst');
    });
  });
});
