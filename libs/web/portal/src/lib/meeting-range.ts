import { MeetingRangeQuery } from '@ratsinfo/contracts';
import { addDays, berlinDate } from '@ratsinfo/web-ui';

/** How far ahead the portal start page lists meetings. */
export const UPCOMING_DAYS = 90;

/** `from` today to `UPCOMING_DAYS` later, as Europe/Berlin calendar dates. */
export function upcomingRange(now: Date, days = UPCOMING_DAYS): Required<MeetingRangeQuery> {
  const from = berlinDate(now);
  return { from, to: addDays(from, days) };
}

/** The years the archive offers: the API accepts dates from 1900 to 2999; older records are not kept. */
export const ARCHIVE_FIRST_YEAR = 1990;
/** Years after the current one that can already hold scheduled meetings. */
export const ARCHIVE_YEARS_AHEAD = 1;

/** The Europe/Berlin calendar year of `now`. */
export function berlinYear(now: Date): number {
  return Number(berlinDate(now).slice(0, 4));
}

/** A year from the URL, or null when it is not a plain year the archive offers. */
export function archiveYear(value: string | null | undefined, now: Date): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= ARCHIVE_FIRST_YEAR && year <= berlinYear(now) + ARCHIVE_YEARS_AHEAD ? year : null;
}

/** All meetings of a calendar year. */
export function yearRange(year: number): Required<MeetingRangeQuery> {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The years shown in the archive's year navigation: a few around the selected one, newest first. */
export function archiveYears(selected: number, now: Date, around = 3): number[] {
  const newest = Math.min(berlinYear(now) + ARCHIVE_YEARS_AHEAD, selected + around);
  const oldest = Math.max(ARCHIVE_FIRST_YEAR, newest - 2 * around);
  const years: number[] = [];
  for (let year = newest; year >= oldest; year--) years.push(year);
  return years;
}

/**
 * Where a meeting page leads back to: the upcoming meetings when the meeting is listed there
 * (from today on, `UPCOMING_DAYS` ahead), otherwise the archive of its year.
 */
export function meetingHome(start: string, now: Date): { kind: 'upcoming' } | { kind: 'archive'; year: number } {
  const { from, to } = upcomingRange(now);
  const day = berlinDate(new Date(start));
  if (day >= from && day <= to) return { kind: 'upcoming' };
  return { kind: 'archive', year: Number(day.slice(0, 4)) };
}
