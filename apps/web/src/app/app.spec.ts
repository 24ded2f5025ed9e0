import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus, DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { ApiRoutes } from '@ratsinfo/contracts';
import { LANGUAGE_STORAGE_KEY } from '@ratsinfo/web-ui';
import de from '../../public/i18n/de.json';
import en from '../../public/i18n/en.json';
import { App } from './app';
import { appConfig, createAppConfig } from './app.config';

describe('App', () => {
  let http: HttpTestingController;

  /** Boots the app's real configuration against a fake backend and loads the start page. */
  async function boot(storedLanguage?: 'de' | 'en', config = appConfig) {
    localStorage.clear();
    if (storedLanguage) localStorage.setItem(LANGUAGE_STORAGE_KEY, storedLanguage);
    TestBed.configureTestingModule({
      imports: [App],
      providers: [...config.providers, provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const init = TestBed.inject(ApplicationInitStatus);
    // the remembered (or default) language is loaded before the first render
    http.expectOne(`i18n/${storedLanguage ?? 'de'}.json`).flush(storedLanguage === 'en' ? en : de);
    await init.donePromise;

    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    await settle(fixture);
    http.expectOne(ApiRoutes.portalTenants).flush({
      data: [{ slug: 'burg', name: 'Stadt Burg', kind: 'town', ags: '15086015', branding: { logoUrl: null, primaryColor: null } }],
    });
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  async function settle(fixture: { detectChanges(): void }) {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      fixture.detectChanges();
    }
  }

  afterEach(() => http.verify());

  it('renders the shell with the lazily loaded portal start page in German', async () => {
    const { element } = await boot();
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('main h1')?.textContent?.trim()).toBe('Ratsinformationssystem');
    expect(element.querySelector('main a[href="/burg"]')?.textContent?.trim()).toBe('Stadt Burg');
    expect(element.querySelector('footer')).not.toBeNull();
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('de');
    expect(TestBed.inject(Title).getTitle()).toBe('Kommunen im Überblick – Ratsinfo');
  });

  it('switches to English at runtime: loads en.json, keeps the URL, sets <html lang> and remembers it', async () => {
    const { fixture, element } = await boot();
    (element.querySelector('button[lang="en"]') as HTMLButtonElement).click();
    http.expectOne('i18n/en.json').flush(en);
    await settle(fixture);

    expect(element.querySelector('main h1')?.textContent?.trim()).toBe('Council information system');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(Title).getTitle()).toBe('Local authorities – Ratsinfo');
  });

  it('without sign-in configuration explains on /betrieb that signing in is not possible', async () => {
    const { fixture, element } = await boot();
    await TestBed.inject(Router).navigateByUrl('/betrieb');
    await settle(fixture);
    expect(TestBed.inject(Router).url).toBe('/betrieb/anmeldung?ziel=%2Fbetrieb');
    expect(element.querySelector('main h1')?.textContent?.trim()).toBe('Anmeldung derzeit nicht möglich');
    // no "Anmelden" in the header when sign-in is not available
    expect(element.querySelector('header [data-auth-status]')).toBeNull();
  });

  it('with sign-in configured offers "Anmelden" in the header, without blocking the start on the IdP', async () => {
    const { element } = await boot(undefined, createAppConfig({ auth: { url: 'http://localhost:8080', realm: 'ratsinfo', clientId: 'ratsinfo-web' } }));
    const signIn = element.querySelector('header [data-auth-status="signed-out"]');
    expect(signIn?.textContent?.trim()).toBe('Anmelden');
    expect(element.querySelector('main a[href="/burg"]')?.textContent?.trim()).toBe('Stadt Burg');
  });

  it('starts in the remembered language', async () => {
    const { element } = await boot('en');
    expect(element.querySelector('main h1')?.textContent?.trim()).toBe('Council information system');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });
});
