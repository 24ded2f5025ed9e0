/** Calendar dates of the portal are German local dates (Europe/Berlin). */
export const TIME_ZONE = 'Europe/Berlin';

const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function offsetMinutes(instant: Date): number {
  const p = Object.fromEntries(fmt.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant at which the calendar day `YYYY-MM-DD` begins in Berlin. */
export function startOfBerlinDay(isoDate: string): Date {
  const naive = new Date(`${isoDate}T00:00:00Z`);
  // Two passes settle the offset across DST changes.
  let t = new Date(naive.getTime() - offsetMinutes(naive) * 60_000);
  t = new Date(naive.getTime() - offsetMinutes(t) * 60_000);
  return t;
}

/** Today's date in Berlin as `YYYY-MM-DD`. */
export function berlinToday(now: Date = new Date()): string {
  const p = Object.fromEntries(fmt.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
