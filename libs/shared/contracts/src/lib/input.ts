import { z } from 'zod';

/**
 * Builders for every text, date and timestamp that comes into the API (bodies, query and path
 * parameters). Input schemas use these instead of bare `z.string()`, so that one rule holds
 * everywhere: no control characters (a NUL makes PostgreSQL fail, others corrupt exports,
 * logs and the OParl feed), trimmed, bounded in length, and dates the database can store.
 */

// The web app runs under a CSP without 'unsafe-eval' (served by the API). zod probes for eval
// (`new Function`) before its first object parse, which the browser reports as a violation;
// in the browser it runs without that optimisation. The API (Node) keeps it.
if ('document' in globalThis) z.config({ jitless: true });

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

/** Tab, line feed, carriage return: allowed in multi-line fields only. */
const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d]);

/** C0 controls (NUL included), DEL and C1 controls; with `multiline`, tab and line breaks excepted. */
export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c <= 0x1f || (c >= 0x7f && c <= 0x9f)) && !(options.multiline && LINE_BREAKS.has(c))) return true;
  }
  return false;
}

export interface TextOptions {
  /** Longest accepted value after trimming, in UTF-16 code units (as PostgreSQL's varchar counts roughly). */
  max: number;
  /** Shortest accepted value after trimming; 0 by default. */
  min?: number;
  /** Allows tab, line feed and carriage return (descriptions, reasons): never any other control. */
  multiline?: boolean;
}

/**
 * A trimmed single-line (or, with `multiline`, multi-line) text field. The control-character
 * check runs before trimming, so a trailing vertical tab or NUL is refused rather than cut off.
 */
export function text(options: TextOptions) {
  const s = z
    .string()
    .refine((v) => !hasControlCharacters(v, options), { message: CONTROL_CHARACTER_MESSAGE, abort: true })
    .trim()
    .max(options.max, `must be at most ${options.max} characters`);
  return options.min ? s.min(options.min, options.min === 1 ? 'must not be empty' : `must be at least ${options.min} characters`) : s;
}

/**
 * The one stored form of an e-mail address (NFC, trimmed, lower case; the database checks it):
 * invitations are bound by plain equality on this form, never by a case-insensitive pattern.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** An e-mail address as input: checked, then in its one stored form (normalizeEmail). */
export function emailAddress() {
  return text({ max: 254 }).transform(normalizeEmail).pipe(z.email('must be an e-mail address'));
}

/** An absolute http(s) URL (logos, links). */
export function webUrl(options: { max: number }) {
  return text(options).pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));
}

/** Years the application accepts: wide enough for any council's history and plans, narrow enough for every database and date library. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const YEAR_RANGE_MESSAGE = `must be between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`;

/** The year as written: an offset must not move `1900-01-01T00:30+01:00` out of range. */
const inYearRange = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** A calendar date `YYYY-MM-DD` between 1900-01-01 and 2999-12-31. */
export function calendarDate() {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    }, { message: 'is not a valid calendar date', abort: true })
    .refine((s) => inYearRange(s), YEAR_RANGE_MESSAGE)
    .meta({ format: 'date' });
}

/** An ISO 8601 timestamp with offset (`2026-03-01T18:00:00+01:00` or `…Z`) in the years 1900 to 2999. */
export function dateTime() {
  return z
    .string()
    .max(40, { message: 'must be a timestamp like 2026-03-01T18:00:00+01:00', abort: true })
    .pipe(z.iso.datetime({ offset: true, message: 'must be a timestamp like 2026-03-01T18:00:00+01:00' }))
    .refine((s) => inYearRange(s), YEAR_RANGE_MESSAGE)
    .meta({ format: 'date-time' });
}

/** A path or query identifier (the `:tenant` slug as typed in a URL): bounded, no control characters. */
export function pathSegment() {
  return text({ max: 100, min: 1 });
}
