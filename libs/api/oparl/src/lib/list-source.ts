import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import type { OParlList, OParlUrls } from './urls';

/**
 * The seam between the OParl controller (paging, filters, links, errors, caching: one place) and
 * the object types (what is public, how a row becomes an OParl object: one source per list).
 *
 * Every list is ordered by (updated_at, id) ascending and paged by keyset on that pair: every
 * council table has the index (tenant_id, updated_at, id) (ADR 0012), so page 1,000 costs what
 * page 1 costs, with or without a modified window, and an object changed during a crawl moves
 * behind the cursor (it is seen again, never skipped).
 */

/** The created/modified window of a list request (OParl 1.1, 2.4.2). Bounds are inclusive. */
export interface OParlWindow {
  createdSince?: Date;
  createdUntil?: Date;
  modifiedSince?: Date;
  modifiedUntil?: Date;
}

/** A keyset position: the last object of the previous page. */
export interface OParlCursor {
  modified: Date;
  id: string;
}

export interface OParlPageRequest {
  window: OParlWindow;
  after?: OParlCursor;
  /** The source returns at most `limit + 1` entries, so the controller knows whether a next page exists. */
  limit: number;
  /**
   * True only when the request has `modified_since`: then objects that were public and are
   * deleted now appear as tombstones (`{ id, type, created, modified, deleted: true }`).
   * Otherwise deleted objects are left out.
   */
  includeDeleted: boolean;
}

export interface OParlContext {
  urls: OParlUrls;
  /** Absolute URLs of the public portal's pages (OParl `web`). */
  web: PortalWebUrls;
  /** The body's license (tenant settings), if any. */
  license?: string;
}

export interface PortalWebUrls {
  body(): string;
  meeting(id: string): string;
  paper(id: string): string;
  organization(id: string): string;
  person(id: string): string;
}

export function portalWebUrls(publicBaseUrl: string, tenantSlug: string): PortalWebUrls {
  const base = `${publicBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(tenantSlug)}`;
  return {
    body: () => base,
    meeting: (id) => `${base}/sitzungen/${encodeURIComponent(id)}`,
    paper: (id) => `${base}/vorlagen/${encodeURIComponent(id)}`,
    organization: (id) => `${base}/gremien/${encodeURIComponent(id)}`,
    person: (id) => `${base}/personen/${encodeURIComponent(id)}`,
  };
}

/** An OParl object as JSON: at least the common fields. */
export interface OParlObject {
  id: string;
  type: string;
  created: string;
  modified: string;
  deleted?: true;
  [field: string]: unknown;
}

export interface OParlPageEntry {
  cursor: OParlCursor;
  object: OParlObject;
}

export interface OParlListSource {
  readonly list: OParlList;
  /** One page in (updated_at, id) order, at most `limit + 1` entries, inside the tenant's transaction. */
  page(tx: TenantTx, request: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]>;
  /**
   * One object by id: the full object, a tombstone (`deleted: true`) for a deleted object that was
   * public, or null when it never was public / does not exist (the controller answers 404).
   */
  one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null>;
}

/** The Nest injection token under which every source is provided (multi-provider style: an array). */
export const OPARL_LIST_SOURCES = Symbol('OPARL_LIST_SOURCES');

/**
 * The Prisma `where` of a page: window, keyset position and (unless tombstones are wanted) not
 * deleted. Combine it with the type's own public rule: `{ AND: [pageWhere(r), PUBLIC_RULE] }`.
 * Order by `[{ updatedAt: 'asc' }, { id: 'asc' }]` and take `limit + 1`.
 */
export function pageWhere(r: OParlPageRequest): {
  AND: Array<Record<string, unknown>>;
} {
  const and: Array<Record<string, unknown>> = [];
  const w = r.window;
  if (w.createdSince || w.createdUntil) and.push({ createdAt: { ...(w.createdSince ? { gte: w.createdSince } : {}), ...(w.createdUntil ? { lte: w.createdUntil } : {}) } });
  if (w.modifiedSince || w.modifiedUntil) and.push({ updatedAt: { ...(w.modifiedSince ? { gte: w.modifiedSince } : {}), ...(w.modifiedUntil ? { lte: w.modifiedUntil } : {}) } });
  if (r.after) and.push({ OR: [{ updatedAt: { gt: r.after.modified } }, { updatedAt: r.after.modified, id: { gt: r.after.id } }] });
  if (!r.includeDeleted) and.push({ deletedAt: null });
  return { AND: and };
}

/** The order every page uses. */
export const PAGE_ORDER = [{ updatedAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.MeetingOrderByWithRelationInput[];

/** The tombstone of a deleted object (never embedded anywhere). */
export function tombstone(id: string, type: string, r: { createdAt: Date; updatedAt: Date }): OParlObject {
  return { id, type, created: r.createdAt.toISOString(), modified: r.updatedAt.toISOString(), deleted: true };
}
