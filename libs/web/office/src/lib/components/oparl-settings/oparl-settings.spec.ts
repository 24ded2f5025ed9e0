import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, type AuthoritySettingsDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { OParlSettings } from './oparl-settings';

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const settings: AuthoritySettingsDto = {
  memberVisibility: 'own-bodies',
  mailFromName: null,
  mailFromAddress: null,
  mailReplyTo: null,
  reminderDaysBefore: 3,
  noticePeriodDays: 7,
  invitationDeliveryDays: 1,
  oparlLicense: null,
};

describe('OParlSettings', () => {
  let http: HttpTestingController;

  async function render(canEdit: boolean, value: AuthoritySettingsDto = settings) {
    TestBed.configureTestingModule({ imports: [OParlSettings, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OParlSettings);
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('settings', value);
    fixture.componentRef.setInput('canEdit', canEdit);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }
  const settle = async (fixture: { detectChanges(): void }) => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r));
      fixture.detectChanges();
    }
  };
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  afterEach(() => http.verify());

  it('names a bad address at its field without calling the API, saves a URL and clears it with an empty field (announced)', async () => {
    const { fixture, element } = await render(true);
    expect(element.querySelector('h2')?.textContent).toContain('Lizenz der offenen Daten');
    const field = element.querySelector('#oparl-license') as HTMLInputElement;
    expect(element.querySelector('label[for="oparl-license"]')?.textContent).toContain('Lizenz (Adresse)');
    expect(field.getAttribute('aria-describedby')).toBe('oparl-license-hint');

    for (const bad of ['ftp://example.org/lizenz', 'CC BY 4.0', 'https://example.org/a b']) {
      type(field, bad);
      (element.querySelector('[data-oparl-save]') as HTMLButtonElement).click();
      await settle(fixture);
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')).toBe('oparl-license-hint oparl-license-error');
      expect(element.querySelector('#oparl-license-error')?.textContent).toContain('http:// oder https://');
      expect(element.querySelector('[data-oparl-settings-status]')?.textContent).toContain('nicht gespeichert');
    }
    http.expectNone(ApiRoutes.officeSettings('burg'));

    type(field, ` ${CC_BY} `);
    (element.querySelector('[data-oparl-save]') as HTMLButtonElement).click();
    const put = http.expectOne(ApiRoutes.officeSettings('burg'));
    expect([put.request.method, put.request.body]).toEqual(['PUT', { oparlLicense: CC_BY }]);
    put.flush({ ...settings, oparlLicense: CC_BY });
    await settle(fixture);
    expect(element.querySelector('[data-oparl-settings-status]')?.textContent).toContain('Die Lizenz ist gespeichert.');
    expect(field.getAttribute('aria-invalid')).toBe('false');

    type(field, '');
    (element.querySelector('[data-oparl-save]') as HTMLButtonElement).click();
    const clear = http.expectOne(ApiRoutes.officeSettings('burg'));
    expect(clear.request.body).toEqual({ oparlLicense: null });
    clear.flush(settings);
    await settle(fixture);
    expect(element.querySelector('[data-oparl-settings-status]')?.textContent).toContain('Die Lizenzangabe ist entfernt.');
  });

  it('shows the API refusing the field at the field', async () => {
    const { fixture, element } = await render(true);
    type(element.querySelector('#oparl-license') as HTMLInputElement, 'https://example.org/lizenz');
    (element.querySelector('[data-oparl-save]') as HTMLButtonElement).click();
    http.expectOne(ApiRoutes.officeSettings('burg')).flush(
      { type: 'about:blank', title: 'Invalid', status: 400, errors: [{ name: 'oparlLicense', reason: 'must be an http(s) URL' }] },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle(fixture);
    expect((element.querySelector('#oparl-license') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
  });

  it('shows clerks the license read-only, or that none is stated', async () => {
    const { element } = await render(false, { ...settings, oparlLicense: CC_BY });
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelector('[data-oparl-read-only] dd')?.textContent?.trim()).toBe(CC_BY);
    TestBed.resetTestingModule();
    const none = await render(false);
    expect(none.element.querySelector('[data-oparl-read-only] dd')?.textContent?.trim()).toBe('Keine Lizenz angegeben');
  });
});
