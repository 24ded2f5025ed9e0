/**
 * Text hygiene for calendars and feeds: names come from clerks' input and imports. XML 1.0 has no
 * way to carry most control characters (a parser must refuse the document), and iCalendar TEXT
 * has its own escapes; both are handled here, once, so nothing is escaped twice.
 */

// C0 controls except TAB and LF, DEL, C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without characters that XML 1.0 and calendars cannot carry; CR and CRLF become LF. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** One line: line breaks and tabs become single spaces. */
export function oneLine(value: string): string {
  return cleanText(value).replace(/\s*[\n\t]+\s*/g, ' ').trim();
}

/** Character data or an attribute value for XML (after cleanText). */
export function xmlEscape(value: string): string {
  return cleanText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The calendar's name (NAME, X-WR-CALNAME), which the generator writes as given: one line, a
 * backslash dropped (it would start an escape). `;` and `,` stay as they are, as calendar
 * programs read this non-standard property raw.
 */
export function icsName(value: string): string {
  return oneLine(value).replace(/\\/g, '');
}

const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  weekday: 'long',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "Dienstag, 03.03.2026, 18:00 Uhr" (Berlin time). */
export function germanDateTime(instant: Date): string {
  return `${dateTimeFormat.format(instant)} Uhr`;
}

/** "03.03.2026" for a date column (a UTC midnight). */
export function germanDate(day: Date): string {
  return dateFormat.format(day);
}
