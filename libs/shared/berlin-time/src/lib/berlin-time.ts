/**
 * Calendar days and wall-clock times of the councils are German local time (Europe/Berlin),
 * wherever the code runs (API, browser, seed). One implementation for all of them; it has no
 * imports, so the seed can load it directly with Node's type stripping.
 */
export const BERLIN_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BERLIN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(instant: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** Minutes Berlin is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = fields(instant);
  const asUtc = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar date in Berlin at `now`, as `YYYY-MM-DD`. */
export function berlinDate(now: Date = new Date()): string {
  const p = fields(now);
  return `${p['year']}-${p['month']}-${p['day']}`;
}

/**
 * The instant of the Berlin wall-clock time `time` (`HH:MM`) on `isoDate`. Two passes settle the
 * offset across a DST change; in the hour that does not exist in spring, the later offset wins.
 */
export function berlinLocalToUtc(isoDate: string, time = '00:00'): Date {
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const naive = new Date(Date.parse(`${isoDate}T00:00:00Z`) + (hh * 60 + mm) * 60_000);
  let t = new Date(naive.getTime() - offsetMinutes(naive) * 60_000);
  t = new Date(naive.getTime() - offsetMinutes(t) * 60_000);
  return t;
}

/** The instant at which the calendar day `YYYY-MM-DD` begins in Berlin. */
export function startOfBerlinDay(isoDate: string): Date {
  return berlinLocalToUtc(isoDate, '00:00');
}

/** Adds calendar days to a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
