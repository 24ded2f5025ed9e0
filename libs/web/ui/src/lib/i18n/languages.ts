/** Languages of the web app, German first (default and fallback), English second. */
export const SUPPORTED_LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'de';

/** localStorage key under which the chosen language is remembered. */
export const LANGUAGE_STORAGE_KEY = 'ratsinfo.language';

/** BCP 47 locale used for date and number formatting per language. */
export const LANGUAGE_LOCALES: Readonly<Record<Language, string>> = {
  de: 'de-DE',
  en: 'en-GB',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
