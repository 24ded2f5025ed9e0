import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoTesting } from '../../testing/i18n-testing';
import { LanguageService } from './language.service';
import { LANGUAGE_STORAGE_KEY } from './languages';

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [translocoTesting()] });
  });

  it('starts in German and sets <html lang="de"> when nothing is remembered', async () => {
    const service = TestBed.inject(LanguageService);
    await service.init();
    expect(service.active()).toBe('de');
    expect(service.locale()).toBe('de-DE');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('de');
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('de');
  });

  it('restores the remembered language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const service = TestBed.inject(LanguageService);
    await service.init();
    expect(service.active()).toBe('en');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });

  it('ignores a remembered value that is not a supported language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    const service = TestBed.inject(LanguageService);
    await service.init();
    expect(service.active()).toBe('de');
  });

  it('switches Transloco, <html lang> and remembers the choice', () => {
    const service = TestBed.inject(LanguageService);
    service.use('en');
    expect(service.active()).toBe('en');
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('en');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('ignores unsupported languages', () => {
    const service = TestBed.inject(LanguageService);
    service.use('fr');
    expect(service.active()).toBe('de');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });

  it('keeps working when localStorage is not available', async () => {
    const spy = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    const setSpy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const service = TestBed.inject(LanguageService);
    await service.init();
    service.use('en');
    expect(service.active()).toBe('en');
    spy.mockRestore();
    setSpy.mockRestore();
  });
});
