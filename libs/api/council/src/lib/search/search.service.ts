import { Injectable } from '@nestjs/common';
import { AuthContext, ValidationError } from '@ratsinfo/api-core';
import { SearchV2, type SearchV2Hit, TenantDatabase } from '@ratsinfo/api-database';
import type { SearchHit, SearchKind, SearchQuery, SearchResult } from '@ratsinfo/contracts';
import { NonPublicAccess } from '../non-public-access';
import { snippetFromWindow } from './snippet';

/** Contract kinds ↔ the index's entity types. */
const ENTITY_TYPE: Record<SearchKind, string> = { paper: 'paper', meeting: 'meeting', agendaItem: 'agenda_item', file: 'file' };
const KIND: Record<string, SearchKind> = { paper: 'paper', meeting: 'meeting', agenda_item: 'agendaItem', file: 'file' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Position {
  rank: number;
  entityType: string;
  entityId: string;
}

/** The opaque cursor: the last hit's (rank, type, id), base64url JSON. */
export function encodeSearchCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.rank, p.entityType, p.entityId]), 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string): Position {
  const bad = () => new ValidationError([{ name: 'cursor', reason: 'is not a cursor of this search: take nextCursor unchanged' }]);
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) throw bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(v) || v.length !== 3) throw bad();
  const [rank, entityType, entityId] = v as unknown[];
  if (typeof rank !== 'number' || !Number.isFinite(rank) || rank < 0 || rank > 5) throw bad();
  if (typeof entityType !== 'string' || !(entityType in KIND)) throw bad();
  if (typeof entityId !== 'string' || !UUID.test(entityId)) throw bad();
  return { rank, entityType, entityId };
}

/**
 * Full-text search (issue 10; docs/adr/0020-search-v2.md): the portal's public search and the
 * members' search over one index, through the definer function search_tenant_documents_v2.
 * Ranking title > reference > body; keyset paging by (rank, kind, id).
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly index: SearchV2,
    private readonly auth: AuthContext,
    private readonly access: NonPublicAccess,
  ) {}

  /** Public documents only. */
  portal(q: SearchQuery): Promise<SearchResult> {
    const after = this.check(q);
    return this.db.transaction(async (tx) => {
      const hits = await this.index.search(tx, q.q, { ...this.filters(q), after, publicOnly: true, scopeAll: false, scopeOrganizationIds: [], withDrafts: false, limit: q.limit + 1 });
      return this.page(hits, q.limit, false);
    });
  }

  /**
   * What the caller may read (ADR 0013): staff everything (drafts included); members the public
   * documents and the non-public ones of the bodies their scope holds, never drafts.
   */
  members(q: SearchQuery): Promise<SearchResult> {
    const after = this.check(q);
    const session = this.auth.requireTenantSession();
    return this.db.transaction(async (tx) => {
      const scope = await this.access.scope(tx);
      const hits = await this.index.search(tx, q.q, {
        ...this.filters(q),
        after,
        publicOnly: false,
        scopeAll: scope.kind === 'all',
        scopeOrganizationIds: scope.kind === 'all' ? [] : [...scope.ids],
        withDrafts: session.actingRole !== 'member',
        limit: q.limit + 1,
      });
      return this.page(hits, q.limit, true);
    });
  }

  private check(q: SearchQuery): Position | null {
    if (q.from && q.to && q.from > q.to) throw new ValidationError([{ name: 'to', reason: 'must not be before from' }]);
    return q.cursor ? decodeSearchCursor(q.cursor) : null;
  }

  private filters(q: SearchQuery) {
    return {
      entityTypes: q.kind ? [ENTITY_TYPE[q.kind]] : null,
      paperTypeId: q.paperType ?? null,
      organizationId: q.organization ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      hasFiles: q.hasFiles ?? null,
    };
  }

  private page(rows: SearchV2Hit[], limit: number, members: boolean): SearchResult {
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const last = pageRows[pageRows.length - 1];
    return {
      data: pageRows.flatMap((r) => {
        const hit = toHit(r, members);
        return hit ? [hit] : [];
      }),
      nextCursor: more && last ? encodeSearchCursor({ rank: last.rank, entityType: last.entityType, entityId: last.entityId }) : null,
    };
  }
}

function toHit(r: SearchV2Hit, members: boolean): SearchHit | null {
  const kind = KIND[r.entityType];
  // Documents written without a target (only possible through the v1 writer) lead nowhere.
  const targetKind: SearchHit['target']['kind'] | null = r.targetType === 'paper' ? 'paper' : r.targetType === 'meeting' ? 'meeting' : null;
  if (!kind || !targetKind || !r.targetId) return null;
  const target = { kind: targetKind, id: r.targetId };
  return {
    kind,
    id: r.entityId,
    title: r.title,
    reference: r.reference,
    date: r.date,
    target,
    context: r.context,
    snippet: snippetFromWindow(r.snippet, r.terms),
    nonPublic: members && !r.public,
  };
}
