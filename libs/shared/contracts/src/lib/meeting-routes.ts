/**
 * The zod-free part of the meetings contract (routes, limits, the agenda numbering), so that the
 * web app's shell can import the routes without pulling zod into its initial bundle (values of
 * a module with top-level schemas keep all of zod; see ./meetings for the schemas).
 */

const enc = encodeURIComponent;
const office = (slug: string) => `/api/office/${enc(slug)}`;

export const MeetingRoutes = {
  list: (slug: string) => `${office(slug)}/meetings`,
  one: (slug: string, id: string) => `${office(slug)}/meetings/${enc(id)}`,
  cancel: (slug: string, id: string) => `${office(slug)}/meetings/${enc(id)}/cancel`,
  agenda: (slug: string, id: string) => `${office(slug)}/meetings/${enc(id)}/agenda`,
  agendaItems: (slug: string, id: string) => `${office(slug)}/meetings/${enc(id)}/agenda/items`,
  schedulable: (slug: string, meetingId: string) => `${office(slug)}/meetings/schedulable-consultations?meetingId=${enc(meetingId)}`,
} as const;

/** Longest agenda one save may carry: far beyond any real council's, small enough to check in one go. */
export const MAX_AGENDA_ITEMS = 300;

/**
 * Days before its start from which a new item is "late": most German municipal codes ask for
 * the invitation with the agenda at least a week ahead (Ladungsfrist). An item added to an
 * invited meeting, or within this window, must be marked urgent with a reason (Dringlichkeit).
 */
export const LATE_ITEM_DAYS = 7;

/**
 * Agenda numbers: the public part "Ö 1", "Ö 2", "Ö 2.1", then the non-public part "N 1", "N 1.1".
 * One function for the API (which stores them) and the editor (which shows them while editing).
 */
export function agendaNumbers(items: readonly { public: boolean; level: number }[]): string[] {
  const counters = { true: { main: 0, sub: 0 }, false: { main: 0, sub: 0 } };
  return items.map((item) => {
    const c = counters[`${item.public}`];
    const prefix = item.public ? 'Ö' : 'N';
    if (item.level === 2 && c.main > 0) {
      c.sub += 1;
      return `${prefix} ${c.main}.${c.sub}`;
    }
    c.main += 1;
    c.sub = 0;
    return `${prefix} ${c.main}`;
  });
}
