import { MeetingRangeQuery } from '@ratsinfo/contracts';
import { addDays, berlinDate } from '@ratsinfo/web-ui';

/** How far ahead the portal start page lists meetings. */
export const UPCOMING_DAYS = 90;

/** `from` today to `UPCOMING_DAYS` later, as Europe/Berlin calendar dates. */
export function upcomingRange(now: Date, days = UPCOMING_DAYS): Required<MeetingRangeQuery> {
  const from = berlinDate(now);
  return { from, to: addDays(from, days) };
}
