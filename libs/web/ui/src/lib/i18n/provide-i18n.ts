import { HttpClient } from '@angular/common/http';
import {
  EnvironmentProviders,
  Injectable,
  InjectionToken,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { Translation, TranslocoLoader, provideTransloco } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import { LanguageService } from './language.service';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './languages';

/** Where the translation files `<lang>.json` are served, relative to the document base URL. */
export const TRANSLATIONS_PATH = new InjectionToken<string>('TRANSLATIONS_PATH', {
  providedIn: 'root',
  factory: () => 'i18n',
});

/** Loads `i18n/<lang>.json` (the app's `public/i18n` folder) over HTTP. */
@Injectable({ providedIn: 'root' })
export class HttpTranslocoLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);
  private readonly path = inject(TRANSLATIONS_PATH);

  getTranslation(language: string): Observable<Translation> {
    return this.http.get<Translation>(`${this.path}/${encodeURIComponent(language)}.json`);
  }
}

/**
 * Transloco for the web app: German default and fallback, English second, runtime switch,
 * remembered language restored before the first render. Needs `provideHttpClient()`.
 */
export function provideRatsinfoI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTransloco({
      config: {
        availableLangs: [...SUPPORTED_LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        // No merging of German into English for missing keys: `nx run web:i18n-check` keeps both files
        // complete, and merging would fetch de.json again on every switch to English.
        missingHandler: { useFallbackTranslation: false, logMissingKey: isDevMode() },
      },
      loader: HttpTranslocoLoader,
    }),
    provideAppInitializer(() => inject(LanguageService).init()),
  ]);
}
