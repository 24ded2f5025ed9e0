import { z } from 'zod';

/**
 * Keyset paging over (timestamp, id), newest first. The cursor names the last row a page
 * showed; the next page holds the rows strictly after it in that order. Rows that share a
 * timestamp are told apart by their id, so none is skipped or shown twice at a page boundary
 * (paging by the timestamp alone did both). Clients treat the cursor as opaque.
 */
export interface KeysetPosition {
  /** ISO 8601 instant with milliseconds. */
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function toBase64Url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return null;
  try {
    return atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

export function encodeCursor(p: { at: Date | string; id: string }): string {
  const at = typeof p.at === 'string' ? p.at : p.at.toISOString();
  return toBase64Url(JSON.stringify([at, p.id]));
}

/** The position a cursor names, or null when it is not one this API issued. */
export function decodeCursor(cursor: string): KeysetPosition | null {
  const json = cursor.length <= 200 ? fromBase64Url(cursor) : null;
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !INSTANT.test(at) || !UUID.test(id)) return null;
  const year = Number(at.slice(0, 4));
  if (Number.isNaN(Date.parse(at)) || year < 1900 || year > 2999) return null;
  return { at, id: id.toLowerCase() };
}

/** A `cursor` query parameter: decoded, or a 400 that names it. */
export const cursorSchema = z.string().transform((s, ctx) => {
  const p = decodeCursor(s);
  if (!p) {
    ctx.addIssue({ code: 'custom', message: 'is not a cursor of this list (take it unchanged from nextCursor)' });
    return z.NEVER;
  }
  return p;
});

/** Query of a paged list: `limit` rows after `cursor` (none: from the start). */
export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** One page of a list; `nextCursor` is null on the last page. */
export interface PagedResponse<T> {
  data: T[];
  nextCursor: string | null;
}
