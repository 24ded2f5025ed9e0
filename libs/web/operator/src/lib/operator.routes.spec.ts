import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, ExportRoutes, OperatorTenantDto, ProblemType } from '@ratsinfo/contracts';
import { authBearerInterceptor } from '@ratsinfo/web-auth';
import { CLERK_USER, FakeAuthOptions, OPERATOR_USER, fakeKeycloak, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { NOW, burgTenant, elbeParey, moeserNew, problemJson, steps } from '../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { PROVISIONING_POLL_INTERVAL } from './components/provisioning-progress/provisioning-progress';
import { operatorRoutes } from './operator.routes';
import { EXPORT_POLL_INTERVAL } from '@ratsinfo/web-data-access';

describe('operator console /betrieb', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function setup(auth: FakeAuthOptions = { user: OPERATOR_USER }): Promise<void> {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: 'betrieb', loadChildren: () => operatorRoutes }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([authBearerInterceptor])),
        provideHttpClientTesting(),
        provideFakeAuth(auth),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        { provide: CLOCK, useValue: () => NOW },
        { provide: PROVISIONING_POLL_INTERVAL, useValue: 5 },
        { provide: EXPORT_POLL_INTERVAL, useValue: 5 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
  }

  afterEach(() => {
    http.verify();
    harness.fixture.nativeElement.remove();
  });

  async function settle(rounds = 4): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  /** Waits for the next request matching `url` (polling runs on a timer); the deadline allows for a busy machine. */
  async function next(url: string, method = 'GET'): Promise<TestRequest> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const found = http.match((req) => req.url === url && req.method === method);
      if (found.length > 0) return found[0];
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`no ${method} ${url} within 10 s`);
  }

  async function open(url: string): Promise<void> {
    await harness.navigateByUrl(url);
    await settle();
  }

  const page = () => harness.routeNativeElement as HTMLElement;
  const h1 = () => page().querySelector('h1')?.textContent?.trim();
  const active = () => TestBed.inject(DOCUMENT).activeElement;

  function fill(id: string, value: string): void {
    const input = page().querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function select(id: string, value: string): void {
    const element = page().querySelector(`#${id}`) as HTMLSelectElement;
    element.value = value;
    element.dispatchEvent(new Event('change'));
  }

  describe('access', () => {
    it('sends signed-out people to the identity provider (shared realm)', async () => {
      await setup({ user: null });
      await open('/betrieb');
      expect(fakeKeycloak().loginCalls).toEqual([{ redirectUri: 'http://localhost:3000/betrieb', locale: 'de' }]);
      http.expectNone(ApiRoutes.operatorTenants);
    });

    it('says "Keine Berechtigung" without the realm role operator', async () => {
      await setup({ user: CLERK_USER });
      await open('/betrieb');
      expect(TestBed.inject(Router).url).toBe('/betrieb/keine-berechtigung');
      expect(h1()).toBe('Keine Berechtigung für den Betrieb');
      expect(page().textContent).toContain('Sie sind als Petra Schulz angemeldet.');
      http.expectNone(ApiRoutes.operatorTenants);
    });
  });

  describe('tenant list', () => {
    it('lists the authorities with status in words and provisioning state', async () => {
      await setup();
      await open('/betrieb');
      const request = http.expectOne(ApiRoutes.operatorTenants);
      expect(request.request.headers.get('Authorization')).toBe('Bearer token-of-operator');
      request.flush({ data: [burgTenant, elbeParey, moeserNew, { ...moeserNew, id: 'x', name: 'Gemeinde Failed', provisioning: steps('done', 'failed') }] });
      await settle();

      expect(h1()).toBe('Kommunen');
      expect(TestBed.inject(Title).getTitle()).toBe('Kommunen – Betrieb – Ratsinfo');
      const rows = Array.from(page().querySelectorAll('tbody tr')) as HTMLTableRowElement[];
      const cells = (row: HTMLTableRowElement) => Array.from(row.cells).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
      expect(cells(rows[0])).toEqual(['Stadt Burg', 'burg', 'Stadt', 'aktiv', 'abgeschlossen', 'noch nie']);
      expect(cells(rows[1])[3]).toBe('gesperrt');
      expect(rows[1].querySelector('[data-status="suspended"]')?.classList).toContain('kern-badge--warning');
      expect(cells(rows[2])[3]).toBe('Einrichtung läuft');
      expect(cells(rows[2])[4]).toBe('läuft (1 von 5)');
      // a failed onboarding is neither active nor suspended: its status says so
      expect(cells(rows[3])[3]).toBe('Einrichtung fehlgeschlagen');
      expect(rows[3].querySelector('[data-status="provisioning-failed"]')?.classList).toContain('kern-badge--danger');
      expect(cells(rows[3])[4]).toBe('fehlgeschlagen');
      expect(rows[0].querySelector('a')?.getAttribute('href')).toBe(`/betrieb/kommunen/${burgTenant.id}`);
    });
  });

  describe('onboarding', () => {
    async function openForm(): Promise<void> {
      await setup();
      await open('/betrieb/neu');
    }

    function fillValid(): void {
      fill('onboard-name', 'Gemeinde Möser');
      select('onboard-kind', 'municipality');
      fill('onboard-ags', '15086140');
      fill('onboard-admin-first', 'Maria');
      fill('onboard-admin-last', 'Muster');
      fill('onboard-admin-email', 'maria.muster@moeser.example');
    }

    it('groups the fields in fieldsets with legends and suggests the slug from the name', async () => {
      await openForm();
      expect(h1()).toBe('Kommune aufnehmen');
      expect(Array.from(page().querySelectorAll('legend')).map((l) => l.textContent?.trim())).toEqual([
        'Kommune',
        'Erscheinungsbild',
        'Anmeldung',
        'Erste Administratorin / erster Administrator',
      ]);
      expect(Array.from(page().querySelectorAll('#onboard-kind option')).map((o) => o.textContent?.trim())).toEqual([
        'Bitte wählen',
        'Landkreis',
        'Stadt',
        'Gemeinde',
        'Verbandsgemeinde',
      ]);
      expect((page().querySelector('#onboard-notice') as HTMLInputElement).value).toBe('7');
      expect(page().querySelector('label[for="onboard-ags"]')?.textContent?.trim()).toBe('Amtlicher Gemeindeschlüssel (AGS)');

      fill('onboard-name', 'Gemeinde Möser-Süd');
      await settle();
      expect((page().querySelector('#onboard-slug') as HTMLInputElement).value).toBe('gemeinde-moeser-sued');
      // a typed slug is kept
      fill('onboard-slug', 'moeser');
      fill('onboard-name', 'Gemeinde Möser');
      await settle();
      expect((page().querySelector('#onboard-slug') as HTMLInputElement).value).toBe('moeser');
    });

    it('validates with the contracts’ schema: error summary with links, focus, messages at the fields', async () => {
      await openForm();
      fill('onboard-name', 'Gemeinde Betrieb');
      fill('onboard-slug', 'betrieb');
      fill('onboard-ags', '99123456');
      fill('onboard-color', 'blau');
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();

      const summary = page().querySelector('[data-error-summary]') as HTMLElement;
      expect(summary.querySelector('h2')?.textContent).toBe('Bitte korrigieren Sie die folgenden Angaben');
      expect(Array.from(summary.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
        '#onboard-kind',
        '#onboard-ags',
        '#onboard-slug',
        '#onboard-color',
        '#onboard-admin-first',
        '#onboard-admin-last',
        '#onboard-admin-email',
      ]);
      expect(active()).toBe(summary);
      const ags = page().querySelector('#onboard-ags') as HTMLInputElement;
      expect(ags.getAttribute('aria-invalid')).toBe('true');
      expect(ags.getAttribute('aria-describedby')).toBe('onboard-ags-hint onboard-ags-error');
      expect(page().querySelector('#onboard-ags-error')?.textContent).toContain('genau 8 Ziffern');
      http.expectNone(ApiRoutes.operatorTenants);

      // the summary links move the focus to the field
      (summary.querySelector('a[href="#onboard-ags"]') as HTMLAnchorElement).click();
      expect(active()).toBe(ags);

      // messages follow the corrections
      fill('onboard-ags', '15086140');
      await settle();
      expect(page().querySelector('#onboard-ags-error')).toBeNull();
    });

    it('maps the server’s validation errors to the fields (slug taken)', async () => {
      await openForm();
      fillValid();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      const request = http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenants);
      request.flush(
        { type: ProblemType.validation, title: 'Invalid', status: 400, errors: [{ name: 'slug', reason: 'is already taken by another member authority' }, { name: 'other', reason: 'x' }] },
        { status: 400, statusText: 'Bad Request', headers: problemJson },
      );
      await settle();
      expect(page().querySelector('#onboard-slug-error')?.textContent?.trim()).toBe('Diese Adresse ist bereits vergeben oder nicht zulässig. Bitte wählen Sie eine andere.');
      expect(Array.from(page().querySelectorAll('[data-error-summary] a')).map((a) => a.getAttribute('href'))).toEqual(['#onboard-slug']);
      expect(page().textContent).toContain('Der Server hat weitere Angaben abgelehnt');
      // unchanged fields keep the server's message, a new slug clears it
      fill('onboard-admin-first', 'Marie');
      await settle();
      expect(page().querySelector('#onboard-slug-error')).not.toBeNull();
      fill('onboard-slug', 'moeser');
      await settle();
      expect(page().querySelector('#onboard-slug-error')).toBeNull();
    });

    it('shows a taken AGS (409 naming ags) at the AGS field', async () => {
      await openForm();
      fillValid();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenants).flush(
        { type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'ags: a member authority with this AGS exists already' },
        { status: 409, statusText: 'Conflict', headers: problemJson },
      );
      await settle();
      expect(page().querySelector('#onboard-ags-error')?.textContent?.trim()).toContain('Eine Kommune mit diesem Amtlichen Gemeindeschlüssel ist bereits aufgenommen');
      expect(page().querySelector('#onboard-ags')?.getAttribute('aria-invalid')).toBe('true');
      expect(Array.from(page().querySelectorAll('[data-error-summary] a')).map((a) => a.getAttribute('href'))).toEqual(['#onboard-ags']);
      expect(page().querySelector('[data-error-kind]')).toBeNull();
    });

    it('shows a taken AGS named in errors[] of a 400 at the AGS field', async () => {
      await openForm();
      fillValid();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenants).flush(
        { type: ProblemType.validation, title: 'Invalid', status: 400, errors: [{ name: 'ags', reason: 'is already taken by another member authority' }] },
        { status: 400, statusText: 'Bad Request', headers: problemJson },
      );
      await settle();
      expect(page().querySelector('#onboard-ags-error')?.textContent?.trim()).toContain('bereits aufgenommen');
    });

    it('submits, then shows the provisioning steps as they run, and retries a failed step', async () => {
      await openForm();
      fillValid();
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      const post = http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenants);
      expect(post.request.body).toEqual({
        name: 'Gemeinde Möser',
        kind: 'municipality',
        ags: '15086140',
        slug: 'gemeinde-moeser',
        noticePeriodDays: 7,
        branding: { logoUrl: null, primaryColor: null },
        dedicatedRealm: false,
        firstAdmin: { firstName: 'Maria', lastName: 'Muster', email: 'maria.muster@moeser.example' },
      });
      post.flush(moeserNew, { status: 201, statusText: 'Created' });
      await settle();

      expect(h1()).toBe('Gemeinde Möser wird eingerichtet');
      expect(active()).toBe(page().querySelector('h1'));
      const stepItems = () => Array.from(page().querySelectorAll('li.ri-step')) as HTMLElement[];
      expect(stepItems().map((li) => li.querySelector('.ri-step__label')?.textContent?.trim())).toEqual([
        'Kommune registrieren',
        'Organisation im Identitätsdienst anlegen',
        'Erste Administratorin / ersten Administrator anlegen',
        'Rolle zuweisen',
        'Einladung versenden',
      ]);
      expect(stepItems().map((li) => li.querySelector('.ri-step__state')?.textContent?.trim())).toEqual(['erledigt', 'läuft …', 'ausstehend', 'ausstehend', 'ausstehend']);
      const announcement = () => page().querySelector('[data-announcement]')?.textContent?.trim();
      expect(page().querySelector('[data-announcement]')?.getAttribute('role')).toBe('status');

      const provisioning = ApiRoutes.operatorTenantProvisioning(moeserNew.id);
      (await next(provisioning)).flush({ data: steps('done', 'done') });
      await settle();
      expect(announcement()).toBe('Schritt „Organisation im Identitätsdienst anlegen“ erledigt.');
      expect(page().querySelector('label[for^="provisioning-bar"]')?.textContent?.trim()).toBe('2 von 5 Schritten erledigt');

      (await next(provisioning)).flush({ data: steps('done', 'done', 'failed') });
      await settle();
      expect(announcement()).toBe('Schritt „Erste Administratorin / ersten Administrator anlegen“ ist fehlgeschlagen.');
      const failure = page().querySelector('[data-provisioning-failed]') as HTMLElement;
      expect(failure.textContent).toContain('Schritt „Erste Administratorin / ersten Administrator anlegen“ ist fehlgeschlagen');
      // a German explanation of the step; the identity provider's English message only folded away
      expect(stepItems()[2].querySelector('[data-step-explanation]')?.textContent).toContain('Das Konto der ersten Administration konnte im Identitätsdienst nicht angelegt werden');
      const detail = stepItems()[2].querySelector('details') as HTMLDetailsElement;
      expect(detail.open).toBe(false);
      expect(detail.querySelector('summary')?.textContent?.trim()).toBe('Technische Meldung (für den IT-Betrieb)');
      expect(detail.querySelector('[data-step-error]')?.textContent).toBe('Keycloak answered 503');
      expect(h1()).toBe('Einrichtung von Gemeinde Möser fehlgeschlagen');
      await new Promise((resolve) => setTimeout(resolve, 20));
      http.expectNone(provisioning); // polling stopped

      (failure.querySelector('[data-retry]') as HTMLButtonElement).click();
      await settle();
      // the API answers the retry with the state before the new run
      (await next(provisioning, 'POST')).flush({ data: steps('done', 'done', 'failed') }, { status: 202, statusText: 'Accepted' });
      await settle();
      expect(page().querySelector('[data-provisioning-failed]')).toBeNull();
      expect(stepItems()[2].querySelector('.ri-step__state')?.textContent?.trim()).toBe('läuft …');
      expect(active()?.textContent?.trim()).toBe('Einrichtung');

      (await next(provisioning)).flush({ data: steps('done', 'done', 'failed') });
      await settle();
      expect(stepItems()[2].querySelector('.ri-step__state')?.textContent?.trim()).toBe('läuft …');
      (await next(provisioning)).flush({ data: steps('done', 'done', 'done', 'done', 'done') });
      await settle();
      expect(announcement()).toBe('Einrichtung von Gemeinde Möser abgeschlossen.');
      expect(page().querySelector('[data-provisioning-done]')?.textContent).toContain('Gemeinde Möser ist eingerichtet');
      expect(h1()).toBe('Gemeinde Möser ist eingerichtet');
      await new Promise((resolve) => setTimeout(resolve, 20));
      http.expectNone(provisioning);
      expect(Array.from(page().querySelectorAll('a')).find((a) => a.textContent?.includes('Zur Kommune'))?.getAttribute('href')).toBe(
        `/betrieb/kommunen/${moeserNew.id}`,
      );
    });
  });

  describe('tenant detail', () => {
    async function openDetail(tenant: OperatorTenantDto): Promise<void> {
      await setup();
      await open(`/betrieb/kommunen/${tenant.id}`);
      http.expectOne(ApiRoutes.operatorTenant(tenant.id)).flush(tenant);
      await settle();
      http.expectOne(ExportRoutes.operatorExports(tenant.id)).flush({ data: exportsOf(tenant) });
      await settle();
    }

    /** Elbe-Parey has a ready operator export (its deletion needs one); the others none. */
    const exportRecord = (status: string, extra: Record<string, unknown> = {}) => ({
      id: '7d3c4e52-1b1f-4c86-9a0e-3f8f2b6c1a01',
      status,
      requestedAs: 'operator',
      requestedByName: 'Olaf Betreiber',
      reason: 'Übergabe an die Kommune',
      size: null,
      counts: null,
      error: null,
      createdAt: '2026-03-02T09:00:00.000Z',
      finishedAt: null,
      expiresAt: null,
      ...extra,
    });
    const exportsOf = (tenant: OperatorTenantDto) =>
      tenant.lastExportAt ? [exportRecord('ready', { size: 2048, counts: { papers: 12, fileContents: 30, meetings: 4 }, finishedAt: '2026-03-02T09:01:00.000Z', expiresAt: '2026-03-09T09:01:00.000Z' })] : [];

    const button = (selector: string) => page().querySelector(selector) as HTMLButtonElement;

    it('suspends after a confirmation dialog and returns the focus to the button', async () => {
      await openDetail(burgTenant);
      expect(h1()).toBe('Stadt Burg');
      const trigger = button('[data-status-action]');
      expect(trigger.textContent?.trim()).toBe('Kommune sperren …');
      trigger.focus();
      trigger.click();
      await settle();
      const dialog = page().querySelector('dialog') as HTMLDialogElement;
      expect(dialog.hasAttribute('open')).toBe(true);
      expect(dialog.querySelector('h2')?.textContent).toBe('Stadt Burg sperren?');
      expect(active()?.textContent?.trim()).toBe('Abbrechen');
      (dialog.querySelector('[data-confirm]') as HTMLButtonElement).click();
      await settle();
      const request = http.expectOne(ApiRoutes.operatorTenantSuspend(burgTenant.id));
      expect(request.request.method).toBe('POST');
      request.flush({ ...burgTenant, status: 'suspended' });
      await settle();
      expect(dialog.hasAttribute('open')).toBe(false);
      expect(page().querySelector('dd [data-status]')?.textContent?.trim()).toBe('gesperrt');
      expect(button('[data-status-action]').textContent?.trim()).toBe('Kommune wieder freischalten …');
      expect(active()).toBe(button('[data-status-action]'));
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Stadt Burg ist jetzt gesperrt.');
    });

    it('requests an export, follows it while it is built, and downloads a ready one as a save link', async () => {
      const createObjectURL = vi.fn(() => 'blob:http://localhost:3000/export-1');
      const revokeObjectURL = vi.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      await openDetail(burgTenant);
      expect(page().querySelector('[data-exports-empty]')).not.toBeNull();
      const reason = page().querySelector('#export-reason') as HTMLTextAreaElement;
      expect(page().querySelector('label[for="export-reason"]')?.textContent?.trim()).toBe('Grund des Exports');
      reason.value = '  Übergabe an die Kommune  ';
      reason.dispatchEvent(new Event('input'));
      button('[data-export]').click();
      await settle();
      const request = http.expectOne(ApiRoutes.operatorTenantExport(burgTenant.id));
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ reason: 'Übergabe an die Kommune' });
      request.flush(exportRecord('pending'), { status: 202, statusText: 'Accepted' });
      await settle();
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Der Export wurde angefordert und wird jetzt erstellt.');
      http.expectOne(ExportRoutes.operatorExports(burgTenant.id)).flush({ data: [exportRecord('running')] });
      await settle();
      expect(page().querySelector('[data-export-state]')?.textContent?.trim()).toBe('Wird erstellt');
      expect(page().querySelector('[data-export-status]')?.getAttribute('aria-live')).toBe('polite');
      expect(page().querySelector('[data-export-download]')).toBeNull();
      // looked at again a few seconds later (here: 5 ms): ready now; the authority's export date is reloaded
      await new Promise((resolve) => setTimeout(resolve, 20));
      await settle();
      const ready = exportRecord('ready', { size: 2, counts: { papers: 3, fileContents: 4, meetings: 1 }, finishedAt: '2026-03-02T09:01:00.000Z', expiresAt: '2026-03-09T09:01:00.000Z' });
      http.expectOne(ExportRoutes.operatorExports(burgTenant.id)).flush({ data: [ready] });
      await settle();
      http.expectOne(ApiRoutes.operatorTenant(burgTenant.id)).flush({ ...burgTenant, lastExportAt: '2026-03-02T09:01:00.000Z' });
      await settle();
      expect(page().querySelector('[data-export-status]')?.textContent?.trim()).toBe('Der neueste Export ist fertig und kann heruntergeladen werden.');
      button('[data-export-download]').click();
      await settle();
      const download = http.expectOne(ExportRoutes.operatorExportDownload(burgTenant.id, ready.id));
      expect(download.request.responseType).toBe('blob');
      download.flush(new Blob(['PK'], { type: 'application/zip' }), {
        headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="ratsinfo-burg-2026-03-02.zip"' },
      });
      await settle();
      const link = page().querySelector('[data-export-link]') as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe('blob:http://localhost:3000/export-1');
      expect(link.getAttribute('download')).toBe('ratsinfo-burg-2026-03-02.zip');
      expect(active()).toBe(link);
      harness.fixture.destroy();
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost:3000/export-1');
    });

    it('asks for a reason before exporting and shows the API\'s 400 at the reason field', async () => {
      await openDetail(elbeParey);
      const reason = page().querySelector('#export-reason') as HTMLTextAreaElement;
      // too short: no request, error at the field, focus there
      reason.value = 'weil';
      reason.dispatchEvent(new Event('input'));
      button('[data-export]').click();
      await settle();
      http.expectNone(ApiRoutes.operatorTenantExport(elbeParey.id));
      expect(page().querySelector('#export-reason-error')?.textContent?.trim()).toBe('Bitte geben Sie einen Grund mit 10 bis 500 Zeichen an.');
      expect(reason.getAttribute('aria-invalid')).toBe('true');
      expect(reason.getAttribute('aria-describedby')).toBe('export-reason-hint export-reason-error');
      expect(active()).toBe(reason);

      // long enough here, but the API rejects it (e.g. control characters): shown at the field, too
      reason.value = 'Übergabe an die Kommune';
      reason.dispatchEvent(new Event('input'));
      await settle();
      expect(page().querySelector('#export-reason-error')).toBeNull();
      button('[data-export]').click();
      await settle();
      const problem = { type: ProblemType.validation, title: 'Invalid input', status: 400, errors: [{ name: 'reason', reason: 'must not contain control characters' }] };
      http.expectOne(ApiRoutes.operatorTenantExport(elbeParey.id)).flush(problem, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } });
      await settle();
      await settle();
      expect(page().querySelector('#export-reason-error')?.textContent?.trim()).toBe('Bitte geben Sie einen Grund mit 10 bis 500 Zeichen an.');
      expect(page().querySelector('ri-access-error')).toBeNull();
      expect(page().querySelector('[data-export-link]')).toBeNull();
    });

    it('deletes only after the slug was typed, and says so when the API refuses (409)', async () => {
      await openDetail(elbeParey);
      expect(page().querySelector('[data-requirement="export"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Export durch den Betrieb bereit: ja');
      expect(page().querySelector('[data-requirement-hint]')).toBeNull();
      button('[data-delete]').click();
      await settle();
      const dialog = Array.from(page().querySelectorAll('dialog')).find((d) => d.hasAttribute('open')) as HTMLDialogElement;
      expect(dialog.querySelector('h2')?.textContent).toBe('Gemeinde Elbe-Parey endgültig löschen?');
      expect(dialog.textContent).toContain('Diese Aktion kann nicht rückgängig gemacht werden');
      const input = dialog.querySelector('#delete-confirm') as HTMLInputElement;
      expect(active()).toBe(input);
      expect(dialog.querySelector('label[for="delete-confirm"]')?.textContent?.trim()).toBe('Geben Sie zur Bestätigung die Adresse (Kürzel) „elbe-parey“ ein');

      // wrong slug: no request, error at the field
      input.value = 'elbe';
      input.dispatchEvent(new Event('input'));
      (dialog.querySelector('[data-confirm-delete]') as HTMLButtonElement).click();
      await settle();
      expect(dialog.querySelector('#delete-confirm-error')?.textContent?.trim()).toBe('Die Eingabe stimmt nicht mit „elbe-parey“ überein.');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      http.expectNone(ApiRoutes.operatorTenant(elbeParey.id));

      input.value = 'elbe-parey';
      input.dispatchEvent(new Event('input'));
      (dialog.querySelector('[data-confirm-delete]') as HTMLButtonElement).click();
      await settle();
      const refused = http.expectOne((req) => req.method === 'DELETE' && req.url === ApiRoutes.operatorTenant(elbeParey.id));
      expect(refused.request.body).toEqual({ confirmSlug: 'elbe-parey' });
      refused.flush(
        { type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'Export the member authority before deleting it.' },
        { status: 409, statusText: 'Conflict', headers: problemJson },
      );
      await settle();
      expect(dialog.querySelector('[data-error-kind="conflict"] h3')?.textContent).toBe('Löschen nicht möglich');
      expect(dialog.hasAttribute('open')).toBe(true);

      (dialog.querySelector('[data-confirm-delete]') as HTMLButtonElement).click();
      await settle();
      http.expectOne((req) => req.method === 'DELETE' && req.url === ApiRoutes.operatorTenant(elbeParey.id)).flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(TestBed.inject(Router).url).toBe('/betrieb');
      http.expectOne(ApiRoutes.operatorTenants).flush({ data: [burgTenant] });
      await settle();
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Die Kommune Gemeinde Elbe-Parey wurde gelöscht.');
    });

    it('shows the first admin with the invitation state and re-sends the invitation', async () => {
      const firstAdmin = { name: 'Maria Muster', email: 'maria.muster@moeser.example', signedIn: false, lastSeenAt: null, invitedAt: '2026-03-01T10:00:00Z' };
      await openDetail({ ...elbeParey, status: 'active', firstAdmin });
      const section = page().querySelector('[data-first-admin]') as HTMLElement;
      expect(section.querySelector('h2')?.textContent?.trim()).toBe('Erste Administration');
      expect(section.querySelector('[data-first-admin-name]')?.textContent?.trim()).toBe('Maria Muster');
      expect(section.textContent).toContain('maria.muster@moeser.example');
      expect(section.querySelector('[data-invitation-state]')?.textContent?.trim()).toBe('eingeladen, noch nicht angemeldet');
      button('[data-resend-invitation]').click();
      await settle();
      const resend = http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenantInvitation(elbeParey.id));
      resend.flush({ ...elbeParey, status: 'active', firstAdmin }, { status: 202, statusText: 'Accepted' });
      await settle();
      expect(page().querySelector('[data-notice]')?.textContent?.trim()).toBe('Die Einladung wurde erneut an maria.muster@moeser.example gesendet.');

      // signed in meanwhile: 409, the page says so and shows the current state without the button
      button('[data-resend-invitation]').click();
      await settle();
      http.expectOne((req) => req.method === 'POST' && req.url === ApiRoutes.operatorTenantInvitation(elbeParey.id)).flush(
        { type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'The first administrator has already signed in.' },
        { status: 409, statusText: 'Conflict', headers: problemJson },
      );
      await settle();
      expect(page().querySelector('[data-first-admin] [data-error-kind="conflict"] h3')?.textContent).toBe('Einladung nicht gesendet');
      http.expectOne(ApiRoutes.operatorTenant(elbeParey.id)).flush({ ...elbeParey, status: 'active', firstAdmin: { ...firstAdmin, signedIn: true, lastSeenAt: '2026-03-02T08:00:00Z' } });
      await settle();
      expect(page().querySelector('[data-invitation-state]')?.textContent?.trim()).toBe('angenommen – hat sich angemeldet');
      expect(page().querySelector('[data-resend-invitation]')).toBeNull();
    });

    it('says "Einrichtung fehlgeschlagen" for a failed onboarding, not "gesperrt"', async () => {
      await openDetail({ ...moeserNew, provisioning: steps('done', 'failed') });
      expect(page().querySelector('dd [data-status]')?.textContent?.trim()).toBe('Einrichtung fehlgeschlagen');
      // never exported: the console says what to do first
      expect(page().querySelector('[data-requirement="export"] strong')?.textContent?.trim()).toBe('nein');
      expect(page().querySelector('[data-requirement-hint="export"]')?.textContent?.trim()).toBe(
        'Zuerst oben unter „Daten exportieren“ einen Export anfordern und abwarten, bis er bereit ist. Nur ein fertiger Export des Betriebs zählt, nicht einer der Administration der Kommune.',
      );
      expect(page().querySelector('[data-requirement="suspended"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
        'Kommune nicht in Betrieb (gesperrt oder Einrichtung nicht abgeschlossen): ja (derzeit: Einrichtung fehlgeschlagen)',
      );
      expect(page().textContent).not.toContain('gesperrt: ja');
    });

    it('keeps polling the provisioning of an authority still being set up', async () => {
      await openDetail(moeserNew);
      expect(page().querySelector('[data-status-action]')).toBeNull();
      const provisioning = ApiRoutes.operatorTenantProvisioning(moeserNew.id);
      (await next(provisioning)).flush({ data: steps('done', 'done', 'done', 'done', 'done') });
      await settle();
      // finished: the page reloads the authority until the API has switched it to active
      http.expectOne(ApiRoutes.operatorTenant(moeserNew.id)).flush({ ...moeserNew, provisioning: steps('done', 'done', 'done', 'done', 'done') });
      await settle();
      expect(page().querySelector('dd [data-status]')?.textContent?.trim()).toBe('Einrichtung läuft');
      (await next(ApiRoutes.operatorTenant(moeserNew.id))).flush({ ...moeserNew, status: 'active', provisioning: steps('done', 'done', 'done', 'done', 'done') });
      await settle();
      expect(page().querySelector('dd [data-status]')?.textContent?.trim()).toBe('aktiv');
      expect(page().textContent).toContain('Alle Schritte der Einrichtung sind abgeschlossen.');
    });
  });

  it('shows the cooperative-wide audit log with the authority column', async () => {
    await setup();
    await open('/betrieb/protokoll');
    const request = http.expectOne((req) => req.url === ApiRoutes.operatorAudit);
    expect(request.request.params.get('limit')).toBe('50');
    request.flush({
      data: [
        {
          id: 'e1',
          occurredAt: '2026-03-02T08:00:00Z',
          actor: { subject: 's', name: 'Olaf Operator' },
          actingRole: 'operator',
          action: 'tenant.suspended',
          entityType: 'tenant',
          entityId: elbeParey.id,
          tenantSlug: 'elbe-parey',
          changes: null,
        },
      ],
      nextCursor: null,
    });
    await settle();
    expect(h1()).toBe('Protokoll');
    const cells = Array.from((page().querySelector('tbody tr') as HTMLTableRowElement).cells).map((c) => c.textContent?.trim());
    expect(cells[1]).toBe('Olaf Operator');
    expect(cells[2]).toBe('Betrieb (IT-Kooperation)');
    expect(cells[5]).toBe('elbe-parey');
  });
});
