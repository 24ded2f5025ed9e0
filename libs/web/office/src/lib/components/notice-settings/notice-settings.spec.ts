import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, type AuthoritySettingsDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NoticeSettings } from './notice-settings';

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

describe('NoticeSettings', () => {
  let http: HttpTestingController;

  async function render(canEdit: boolean) {
    TestBed.configureTestingModule({ imports: [NoticeSettings, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NoticeSettings);
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('settings', settings);
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

  afterEach(() => http.verify());

  it('explains the rule, names a value out of range at its field, and saves both numbers (announced)', async () => {
    const { fixture, element } = await render(true);
    expect(element.querySelector('h2')?.textContent).toContain('Ladungsfrist');
    expect(element.textContent).toContain('Weder der Tag des Zugangs noch der Sitzungstag werden mitgezählt');
    const notice = element.querySelector('#notice-noticePeriodDays') as HTMLInputElement;
    const delivery = element.querySelector('#notice-invitationDeliveryDays') as HTMLInputElement;
    expect([notice.value, delivery.value]).toEqual(['7', '1']);
    expect(element.querySelector('label[for="notice-noticePeriodDays"]')?.textContent).toContain('Ladungsfrist (volle Tage)');

    notice.value = '61';
    notice.dispatchEvent(new Event('input'));
    (element.querySelector('[data-notice-save]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(notice.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#notice-noticePeriodDays-error')?.textContent).toContain('0 bis 60');
    http.expectNone(ApiRoutes.officeSettings('burg'));

    notice.value = '14';
    notice.dispatchEvent(new Event('input'));
    delivery.value = '3';
    delivery.dispatchEvent(new Event('input'));
    (element.querySelector('[data-notice-save]') as HTMLButtonElement).click();
    const put = http.expectOne(ApiRoutes.officeSettings('burg'));
    expect([put.request.method, put.request.body]).toEqual(['PUT', { noticePeriodDays: 14, invitationDeliveryDays: 3 }]);
    put.flush({ ...settings, noticePeriodDays: 14, invitationDeliveryDays: 3 });
    await settle(fixture);
    expect(element.querySelector('[data-notice-settings-status]')?.textContent).toContain('Die Ladungsfrist ist gespeichert.');
    expect(notice.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows clerks the values read-only', async () => {
    const { element } = await render(false);
    expect(element.querySelector('form')).toBeNull();
    const values = Array.from(element.querySelectorAll('[data-notice-read-only] dd')).map((d) => d.textContent?.trim());
    expect(values).toEqual(['7', '1']);
  });
});
