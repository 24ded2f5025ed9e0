import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { catchError, firstValueFrom, map, of } from 'rxjs';
import { DEFAULT_LANGUAGE, LANGUAGE_LOCALES, LANGUAGE_STORAGE_KEY, Language, isLanguage } from './languages';

/**
 * The active UI language: switches Transloco at runtime, keeps `<html lang>` in step and
 * remembers the choice in localStorage. The URL is never touched.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly activeLanguage = signal<Language>(DEFAULT_LANGUAGE);

  /** The active language. */
  readonly active = this.activeLanguage.asReadonly();
  /** BCP 47 locale of the active language, for `Intl` formatting. */
  readonly locale = computed(() => LANGUAGE_LOCALES[this.activeLanguage()]);

  /**
   * Restores the remembered language (German if none) and loads its translations, so the first
   * render is already translated. Never rejects: without translations the app still starts.
   */
  init(): Promise<void> {
    const language = this.readStoredLanguage() ?? DEFAULT_LANGUAGE;
    this.apply(language);
    return firstValueFrom(
      this.transloco.load(language).pipe(
        map(() => undefined),
        catchError(() => of(undefined)),
      ),
    );
  }

  /** Switches the UI language and remembers the choice. Unknown codes are ignored. */
  use(language: string): void {
    if (!isLanguage(language)) return;
    this.apply(language);
    this.storeLanguage(language);
  }

  private apply(language: Language): void {
    this.activeLanguage.set(language);
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }

  private readStoredLanguage(): Language | null {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLanguage(stored) ? stored : null;
    } catch {
      return null; // storage disabled (privacy settings): fall back to the default
    }
  }

  private storeLanguage(language: Language): void {
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // storage disabled or full: the choice then lasts for this page view only
    }
  }
}
