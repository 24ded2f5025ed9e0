import { ValidationError } from '@ratsinfo/api-core';
import { dateTime, text } from '@ratsinfo/contracts';
import { z } from 'zod';
import type { OParlCursor, OParlObject, OParlPageEntry, OParlWindow } from './list-source';

/**
 * The query of an OParl list page (OParl 1.1, 2.6 "Objektlisten und Paginierung" / "Filter"):
 * the created/modified window, the page size and our opaque cursor. Anything else is a 400
 * naming the parameter: a client that believes a filter is applied must not get everything.
 */

/** Page size when the client names none; the spec recommends paging lists of more than 100. */
export const OPARL_DEFAULT_LIMIT = 100;
/** The documented largest page (docs/oparl.md); a larger `limit` is a 400, never silently clamped. */
export const OPARL_MAX_LIMIT = 1000;

const WINDOW_PARAMS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;
type WindowParam = (typeof WINDOW_PARAMS)[number];

/**
 * A timestamp with offset. A `+` that was not percent-encoded arrives as a space (form
 * decoding); the only place a space can stand in such a value is before the offset, so it is
 * read as the `+` the client meant, instead of refusing the common client mistake.
 */
const windowBound = () =>
  z
    .string()
    .max(40, { message: 'must be a timestamp like 2026-03-01T18:00:00+01:00', abort: true })
    .transform((s) => s.replace(/ (\d{2}:?\d{2})$/, '+$1'))
    .pipe(dateTime());

const limitParam = z
  .string()
  .max(10, { message: `must be a whole number from 1 to ${OPARL_MAX_LIMIT}`, abort: true })
  .regex(/^[0-9]+$/, `must be a whole number from 1 to ${OPARL_MAX_LIMIT}`)
  .transform(Number)
  .refine((n) => n >= 1 && n <= OPARL_MAX_LIMIT, `must be a whole number from 1 to ${OPARL_MAX_LIMIT}`);

export const oparlListQuerySchema = z
  .object({
    limit: limitParam.optional(),
    cursor: text({ max: 300, min: 1 }).optional(),
    created_since: windowBound().optional(),
    created_until: windowBound().optional(),
    modified_since: windowBound().optional(),
    modified_until: windowBound().optional(),
  })
  .strict();

export type OParlListQuery = z.infer<typeof oparlListQuerySchema>;

/** The object routes take no parameters at all. */
export const oparlNoQuerySchema = z.object({}).strict();

export interface ParsedListQuery {
  window: OParlWindow;
  limit: number;
  after?: OParlCursor;
  /** The window as the client gave it (normalised `+`), kept in every link. */
  windowParams: Partial<Record<WindowParam, string>>;
  /** Whether the client named the limit (then it is kept in the links). */
  explicitLimit: boolean;
  cursorParam?: string;
}

/**
 * Cursor: base64url of `{modified ISO}|{id}` of the last object of the previous page. Opaque to
 * clients; a cursor that does not decode to exactly that shape is a 400 (never a 500, never a
 * silent restart at page 1). `idPattern` is the shape of the list's ids (uuids for the tenants'
 * lists, slugs for the bodies).
 */
export function encodeCursor(c: OParlCursor): string {
  return Buffer.from(`${c.modified.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(raw: string, idPattern: RegExp): OParlCursor {
  const invalid = () => new ValidationError([{ name: 'cursor', reason: 'is not a cursor of this list (take the next link as it is)' }]);
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== raw) throw invalid();
  const bar = decoded.indexOf('|');
  if (bar === -1) throw invalid();
  const iso = decoded.slice(0, bar);
  const id = decoded.slice(bar + 1);
  if (!ISO_MS.test(iso) || !idPattern.test(id)) throw invalid();
  const modified = new Date(iso);
  if (Number.isNaN(modified.getTime()) || modified.toISOString() !== iso) throw invalid();
  return { modified, id };
}

export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseListQuery(q: OParlListQuery, idPattern: RegExp = UUID_ID): ParsedListQuery {
  const windowParams: ParsedListQuery['windowParams'] = {};
  for (const p of WINDOW_PARAMS) if (q[p] !== undefined) windowParams[p] = q[p];
  const at = (s: string | undefined) => (s === undefined ? undefined : new Date(s));
  return {
    window: { createdSince: at(q.created_since), createdUntil: at(q.created_until), modifiedSince: at(q.modified_since), modifiedUntil: at(q.modified_until) },
    limit: q.limit ?? OPARL_DEFAULT_LIMIT,
    after: q.cursor === undefined ? undefined : decodeCursor(q.cursor, idPattern),
    windowParams,
    explicitLimit: q.limit !== undefined,
    cursorParam: q.cursor,
  };
}

export interface OParlListPage {
  data: OParlObject[];
  pagination: { elementsPerPage: number };
  links: { first: string; self: string; next?: string };
}

/** A link to a page of `listUrl`: the window and the limit are kept, URLSearchParams encodes `+` as %2B. */
export function pageLink(listUrl: string, q: ParsedListQuery, cursor: string | undefined): string {
  const params = new URLSearchParams();
  for (const p of WINDOW_PARAMS) {
    const v = q.windowParams[p];
    if (v !== undefined) params.set(p, v);
  }
  if (q.explicitLimit) params.set('limit', String(q.limit));
  if (cursor !== undefined) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `${listUrl}?${s}` : listUrl;
}

/** The list page from up to `limit + 1` entries the source returned (the extra one only says "there is more"). */
export function listPage(listUrl: string, q: ParsedListQuery, entries: readonly OParlPageEntry[]): OParlListPage {
  const more = entries.length > q.limit;
  const shown = more ? entries.slice(0, q.limit) : entries;
  const last = shown[shown.length - 1];
  return {
    data: shown.map((e) => e.object),
    pagination: { elementsPerPage: q.limit },
    links: {
      first: pageLink(listUrl, q, undefined),
      self: pageLink(listUrl, q, q.cursorParam),
      ...(more && last ? { next: pageLink(listUrl, q, encodeCursor(last.cursor)) } : {}),
    },
  };
}

/** The newest `modified` among objects (for Last-Modified), or undefined for none. */
export function newestModified(objects: readonly { modified?: unknown }[]): Date | undefined {
  let max: number | undefined;
  for (const o of objects) {
    if (typeof o.modified !== 'string') continue;
    const t = Date.parse(o.modified);
    if (!Number.isNaN(t) && (max === undefined || t > max)) max = t;
  }
  return max === undefined ? undefined : new Date(max);
}
