import { TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../../testing/i18n-testing';
import { LanguageSwitch } from './language-switch';

describe('LanguageSwitch', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [LanguageSwitch, translocoTesting()] }));

  function render(active: 'de' | 'en') {
    const fixture = TestBed.createComponent(LanguageSwitch);
    fixture.componentRef.setInput('active', active);
    fixture.detectChanges();
    const buttons = Array.from(fixture.nativeElement.querySelectorAll('button')) as HTMLButtonElement[];
    return { fixture, buttons };
  }

  it('offers each language in its own name and language, the active one pressed', () => {
    const { fixture, buttons } = render('de');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Deutsch', 'English']);
    expect(buttons.map((b) => b.getAttribute('lang'))).toEqual(['de', 'en']);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    expect(fixture.nativeElement.querySelector('[role="group"]').getAttribute('aria-label')).toBe('Sprache wählen');
  });

  it('emits the chosen language, but not the active one again', () => {
    const { fixture, buttons } = render('de');
    const chosen: string[] = [];
    fixture.componentInstance.languageChange.subscribe((language) => chosen.push(language));
    buttons[1].click();
    buttons[0].click();
    expect(chosen).toEqual(['en']);
  });
});
