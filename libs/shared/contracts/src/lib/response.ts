import { z } from 'zod';

/**
 * Building blocks of response schemas (what the API answers, as the OpenAPI document at
 * `GET /api/openapi.json` describes it). Unlike the input builders in input.ts they do not
 * clean anything: they state the format the API writes.
 */

/** An id the API hands out (PostgreSQL `gen_random_uuid()`). */
export const uuidOut = z.uuid();

/** A point in time as the API writes it: ISO 8601, UTC, with milliseconds (`Date.toISOString()`). */
export const instant = z.iso.datetime({ offset: true });

/** A calendar date `YYYY-MM-DD` (German local date where the domain says so). */
export const calendarDateOut = z.iso.date();

/** `{ data: [...] }`: a complete list (see `ListResponse<T>`). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

/** `{ data: [...], nextCursor }`: one page of a keyset-paged list (see `PagedResponse<T>`). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Opaque; pass as `cursor` for the next page. null on the last page.' }),
  });
}
