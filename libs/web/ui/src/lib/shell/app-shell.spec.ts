import { Component, DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { translocoTesting } from '../../testing/i18n-testing';
import { LANGUAGE_STORAGE_KEY } from '../i18n/languages';
import { AppShell } from './app-shell';

@Component({ template: '<h1>Seite</h1><a href="/">Link</a>' })
class Page {}

@Component({
  imports: [AppShell],
  template: '<ri-app-shell><p class="projected">Inhalt</p></ri-app-shell>',
})
class Host {}

describe('AppShell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Host, translocoTesting()],
      providers: [provideRouter([{ path: '', component: Page }, { path: 'a', component: Page }])],
    });
  });

  function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('has the landmarks header, nav, main and footer, with the content in main', () => {
    const { element } = render();
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('header nav')?.getAttribute('aria-label')).toBe('Hauptnavigation');
    expect(element.querySelector('footer')).not.toBeNull();
    const main = element.querySelector('main');
    expect(main?.id).toBe('main-content');
    expect(main?.querySelector('.projected')?.textContent).toBe('Inhalt');
  });

  it('starts with a skip link that moves the focus to main', () => {
    const { element } = render();
    const skipLink = element.querySelector('a') as HTMLAnchorElement;
    expect(skipLink.textContent?.trim()).toBe('Zum Inhalt springen');
    expect(skipLink.getAttribute('href')).toBe('#main-content');
    const event = new MouseEvent('click', { cancelable: true, bubbles: true });
    skipLink.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(TestBed.inject(DOCUMENT).activeElement).toBe(element.querySelector('main'));
  });

  it('switches the language at runtime, updates <html lang> and remembers it, without navigating', async () => {
    const { fixture, element } = render();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/a');
    const english = element.querySelector('button[lang="en"]') as HTMLButtonElement;

    english.click();
    fixture.detectChanges();

    expect(element.querySelector('a')?.textContent?.trim()).toBe('Skip to main content');
    expect(element.querySelector('header nav')?.getAttribute('aria-label')).toBe('Main navigation');
    expect(english.getAttribute('aria-pressed')).toBe('true');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(router.url).toBe('/a');
  });

  it('moves the focus to main after an in-app navigation, not on the first one', async () => {
    const { fixture, element } = render();
    const router = TestBed.inject(Router);
    const document = TestBed.inject(DOCUMENT);
    await router.navigateByUrl('/');
    fixture.detectChanges();
    expect(document.activeElement).not.toBe(element.querySelector('main'));

    await router.navigateByUrl('/a');
    fixture.detectChanges();
    expect(document.activeElement).toBe(element.querySelector('main'));
  });
});
