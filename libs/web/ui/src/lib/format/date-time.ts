import { BERLIN_TIME_ZONE, berlinDate } from '@ratsinfo/berlin-time';
import { LANGUAGE_LOCALES, Language, isLanguage } from '../i18n/languages';

/** All dates and times of the council information system are shown in German local time. */
export const PORTAL_TIME_ZONE = BERLIN_TIME_ZONE;

export type DateStyle = 'short' | 'long';

const DATE_OPTIONS: Readonly<Record<Language, Record<DateStyle, Intl.DateTimeFormatOptions>>> = {
  // Mo., 02.03.2026 | Montag, 2. März 2026
  de: {
    short: { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' },
    long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  },
  // Mon, 2 Mar 2026 | Monday, 2 March 2026 (no ambiguous numeric day/month for English readers)
  en: {
    short: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
    long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  },
};

const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, options: Intl.DateTimeFormatOptions, id: string): Intl.DateTimeFormat {
  const cacheKey = `${language}:${id}`;
  let result = formatters.get(cacheKey);
  if (!result) {
    result = new Intl.DateTimeFormat(LANGUAGE_LOCALES[language], { ...options, timeZone: PORTAL_TIME_ZONE });
    formatters.set(cacheKey, result);
  }
  return result;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function languageOf(language: string): Language {
  return isLanguage(language) ? language : 'de';
}

/** Calendar date of an ISO timestamp in Europe/Berlin, e.g. `Mo., 02.03.2026`; empty for invalid input. */
export function formatDate(iso: string | null | undefined, language: string, style: DateStyle = 'short'): string {
  const date = parse(iso);
  if (!date) return '';
  const lang = languageOf(language);
  return formatter(lang, DATE_OPTIONS[lang][style], `date-${style}`).format(date);
}

/** Wall-clock time of an ISO timestamp in Europe/Berlin, 24-hour, e.g. `17:00`; empty for invalid input. */
export function formatTime(iso: string | null | undefined, language: string): string {
  const date = parse(iso);
  if (!date) return '';
  return formatter(languageOf(language), TIME_OPTIONS, 'time').format(date);
}

/** Berlin calendar days: the one implementation shared with the API and the seed. */
export { addDays, berlinDate } from '@ratsinfo/berlin-time';

/** True when both timestamps fall on the same Europe/Berlin calendar day. */
export function isSameBerlinDay(a: string, b: string): boolean {
  const first = parse(a);
  const second = parse(b);
  return !!first && !!second && berlinDate(first) === berlinDate(second);
}
