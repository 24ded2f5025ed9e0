import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleWithProviders } from '@angular/core';
import { Translation, TranslocoTestingModule } from '@jsverse/transloco';

/**
 * The app's real translation files (apps/web/public/i18n, folder set as RATSINFO_I18N_DIR in
 * vite.config.mts), so tests check the texts users see and fail on missing keys.
 */
function load(language: string): Translation {
  const dir = process.env['RATSINFO_I18N_DIR'];
  if (!dir) throw new Error('RATSINFO_I18N_DIR is not set (see vite.config.mts)');
  return JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as Translation;
}

export const de = load('de');
export const en = load('en');

/** Transloco with German active and both languages preloaded, as in the app. */
export function translocoTesting(): ModuleWithProviders<TranslocoTestingModule> {
  return TranslocoTestingModule.forRoot({
    langs: { de, en },
    translocoConfig: {
      availableLangs: ['de', 'en'],
      defaultLang: 'de',
      fallbackLang: 'de',
      reRenderOnLangChange: true,
      missingHandler: { logMissingKey: false },
    },
    preloadLangs: true,
  });
}

/** Looks up a dotted key in a translation file; throws for a missing key so tests cannot pass on a typo. */
export function text(translation: Translation, key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], translation);
  if (typeof value !== 'string') throw new Error(`no translation for "${key}"`);
  return value;
}
