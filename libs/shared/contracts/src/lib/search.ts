import { z } from 'zod';
import { uuidSchema } from './council';
import { calendarDate, text } from './input';

/**
 * Full-text search (issue 10): the portal's public search and the members' search share this
 * shape. German full-text search with reference-number matching; ranking title > reference >
 * body; highlighted snippets as segments (never HTML: the client marks `match` segments itself).
 */

export const SEARCH_KINDS = ['paper', 'meeting', 'agendaItem', 'file'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_PAGE_SIZE = 20;

export const searchQuerySchema = z
  .object({
    /** The words, as typed (quotes, `or`, `-word` work; a reference like `bv 123 2026` too). */
    q: text({ max: 200, min: 1 }),
    /** Only hits of this kind (paper, meeting, agendaItem, file). */
    kind: z.enum(SEARCH_KINDS, { message: `must be one of ${SEARCH_KINDS.join(', ')}` }).optional(),
    /** Only papers (and their files) of this paper type. */
    paperType: uuidSchema.optional(),
    /** Only hits that belong to this organization (a meeting of it, a paper deliberated by it). */
    organization: uuidSchema.optional(),
    /** Date range (Berlin calendar days, inclusive) of the paper's date or the meeting's day. */
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    /** true: only papers, meetings and items that have at least one (visible) file. */
    hasFiles: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
    /** Opaque; take it unchanged from `nextCursor`. */
    cursor: text({ max: 500 }).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** One piece of a snippet; `match: true` pieces are the words found (shown with <mark>). */
export const searchSnippetSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type SearchSnippetSegment = z.infer<typeof searchSnippetSegmentSchema>;

export const searchHitSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  /** Title as shown (paper name, meeting name, item name, file name). */
  title: z.string(),
  /** The paper's reference number (papers, their files, items deliberating a paper). */
  reference: z.string().nullable(),
  /** Paper date or meeting day (YYYY-MM-DD). */
  date: z.string().nullable(),
  /** The page the hit opens: a paper or a meeting of this tenant (files and items open their owner's page). */
  target: z.object({ kind: z.enum(['paper', 'meeting']), id: z.string() }),
  /** Paper type name or organization name, for the result line. */
  context: z.string().nullable(),
  snippet: z.array(searchSnippetSegmentSchema),
  /** True only in the members' search, for hits that are not public. */
  nonPublic: z.boolean(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  data: z.array(searchHitSchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** The query as a client writes it (before parsing). */
export interface SearchFilter {
  q: string;
  kind?: SearchKind;
  paperType?: string;
  organization?: string;
  from?: string;
  to?: string;
  hasFiles?: boolean;
  cursor?: string;
  limit?: number;
}
