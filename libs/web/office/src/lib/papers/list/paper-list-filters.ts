import type { Params } from '@angular/router';
import { MAX_YEAR, MIN_YEAR, PAPER_STATUSES, type PaperStatus } from '@ratsinfo/contracts';

/**
 * The paper list's filters as the URL carries them, so a filtered list can be bookmarked,
 * shared and reached again with the browser's back button. German parameter names, like the
 * paths: `/burg/verwaltung/vorlagen?typ=…&status=released&gremium=…&jahr=2026&suche=Radweg`.
 */
export interface PaperListFilters {
  /** Paper type id. */
  type: string | null;
  status: PaperStatus | null;
  /** Organization id (consultation path or originator). */
  organizationId: string | null;
  year: number | null;
  /** Words in title or reference; '' for none. */
  q: string;
}

export const FILTER_QUERY_PARAMS = {
  type: 'typ',
  status: 'status',
  organizationId: 'gremium',
  year: 'jahr',
  q: 'suche',
} as const satisfies Record<keyof PaperListFilters, string>;

/** Longest search text (the API's limit). */
export const MAX_SEARCH_LENGTH = 200;

export const NO_FILTERS: PaperListFilters = { type: null, status: null, organizationId: null, year: null, q: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(value: unknown): string | null {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

/**
 * The filters in a URL's query. Values that cannot be valid (a typo in a hand-edited or old link)
 * are dropped rather than sent to the API, which would refuse the whole list with a 400.
 */
export function filtersFromQuery(query: Params): PaperListFilters {
  const type = single(query[FILTER_QUERY_PARAMS.type]);
  const status = single(query[FILTER_QUERY_PARAMS.status]);
  const organizationId = single(query[FILTER_QUERY_PARAMS.organizationId]);
  const year = single(query[FILTER_QUERY_PARAMS.year]);
  const q = single(query[FILTER_QUERY_PARAMS.q]);
  const yearNumber = year && /^\d{4}$/.test(year) ? Number(year) : null;
  return {
    type: type && UUID.test(type) ? type.toLowerCase() : null,
    status: status && (PAPER_STATUSES as readonly string[]).includes(status) ? (status as PaperStatus) : null,
    organizationId: organizationId && UUID.test(organizationId) ? organizationId.toLowerCase() : null,
    year: yearNumber !== null && yearNumber >= MIN_YEAR && yearNumber <= MAX_YEAR ? yearNumber : null,
    q: (q ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
  };
}

/**
 * Query parameters for `router.navigate(…, { queryParams, queryParamsHandling: 'merge' })`: unset
 * filters are `null`, which removes them from the URL instead of leaving `?typ=`.
 */
export function filtersToQuery(filters: PaperListFilters): Params {
  const q = filters.q.trim();
  return {
    [FILTER_QUERY_PARAMS.type]: filters.type ?? null,
    [FILTER_QUERY_PARAMS.status]: filters.status ?? null,
    [FILTER_QUERY_PARAMS.organizationId]: filters.organizationId ?? null,
    [FILTER_QUERY_PARAMS.year]: filters.year === null ? null : String(filters.year),
    [FILTER_QUERY_PARAMS.q]: q === '' ? null : q,
  };
}

export function hasFilters(filters: PaperListFilters): boolean {
  return filters.type !== null || filters.status !== null || filters.organizationId !== null || filters.year !== null || filters.q.trim() !== '';
}

export function sameFilters(a: PaperListFilters, b: PaperListFilters): boolean {
  return a.type === b.type && a.status === b.status && a.organizationId === b.organizationId && a.year === b.year && a.q.trim() === b.q.trim();
}

/** Years a clerk picks from: the next one (papers for the coming year) back to 15 years ago. */
export function yearOptions(today: Date, back = 15): number[] {
  const current = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(today));
  return Array.from({ length: back + 2 }, (_, i) => current + 1 - i);
}
