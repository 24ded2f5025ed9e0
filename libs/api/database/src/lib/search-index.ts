import { Injectable } from '@nestjs/common';
import type { TenantTx } from './tenant-database';

export interface SearchDocumentInput {
  /** What the hit points at, e.g. `paper`, `meeting`, `agenda_item`, `file`. */
  entityType: string;
  entityId: string;
  /** Only public documents are found by the portal's search. */
  public: boolean;
  title: string;
  body: string;
}

export interface SearchHit {
  entityType: string;
  entityId: string;
  title: string;
  public: boolean;
  rank: number;
}

export interface SearchOptions {
  /** The portal passes true: non-public documents never match. */
  publicOnly: boolean;
  entityTypes?: string[];
  limit?: number;
  offset?: number;
}

export const SEARCH_MAX_BODY = 500_000;

/**
 * German full-text search under row-level security (docs/adr/0010-full-text-search-under-rls.md).
 * Features keep their documents up to date in the same tenant transaction as the change;
 * searching goes through search_tenant_documents(), which can use the (tenant_id, tsvector) GIN
 * index where a plain query under the tenant policy cannot. Query syntax: websearch
 * (`Haushalt "Bebauungsplan Nord" -Entwurf`, `Schule or Kita`).
 */
@Injectable()
export class SearchIndex {
  /**
   * created_at/updated_at are the database's (trigger app_touch). Re-indexing unchanged text
   * writes nothing: app_touch alone cannot tell, because a BEFORE trigger sees the generated
   * search_vector of NEW not yet computed, so every UPDATE of this table counts as a change.
   */
  async upsert(tx: TenantTx, doc: SearchDocumentInput): Promise<void> {
    // Text beyond the cap adds nothing a reader would search for and would exceed tsvector's 1 MB.
    const body = doc.body.length > SEARCH_MAX_BODY ? doc.body.slice(0, SEARCH_MAX_BODY) : doc.body;
    await tx.$executeRaw`
      INSERT INTO search_documents (tenant_id, entity_type, entity_id, public, title, body)
      VALUES (app_current_tenant(), ${doc.entityType}, ${doc.entityId}::uuid, ${doc.public}, ${doc.title}, ${body})
      ON CONFLICT (tenant_id, entity_type, entity_id)
      DO UPDATE SET public = excluded.public, title = excluded.title, body = excluded.body
      WHERE (search_documents.public, search_documents.title, search_documents.body) IS DISTINCT FROM (excluded.public, excluded.title, excluded.body)`;
  }

  async remove(tx: TenantTx, entityType: string, entityId: string): Promise<void> {
    await tx.searchDocument.deleteMany({ where: { entityType, entityId } });
  }

  async search(tx: TenantTx, query: string, options: SearchOptions): Promise<SearchHit[]> {
    const rows = await tx.$queryRaw<{ entity_type: string; entity_id: string; title: string; public: boolean; rank: number }[]>`
      SELECT * FROM search_tenant_documents(${query}, ${options.publicOnly}, ${options.entityTypes ?? null}::text[], ${options.limit ?? 20}::int, ${options.offset ?? 0}::int)`;
    return rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, title: r.title, public: r.public, rank: r.rank }));
  }
}

/** Search v2 (docs/adr/0020-search-v2.md): who may see what, which filters, where to continue. */
export interface SearchV2Options {
  /** The portal: public documents only. */
  publicOnly: boolean;
  /** Non-public documents of every organization (staff, `all-bodies` members) … */
  scopeAll: boolean;
  /** … or only of these organizations (a member's own bodies and the councils). */
  scopeOrganizationIds: string[];
  /** Staff see draft papers (and their files); members never do. */
  withDrafts: boolean;
  entityTypes?: string[] | null;
  paperTypeId?: string | null;
  organizationId?: string | null;
  /** Calendar days, YYYY-MM-DD, inclusive. */
  from?: string | null;
  to?: string | null;
  hasFiles?: boolean | null;
  after?: { rank: number; entityType: string; entityId: string } | null;
  limit: number;
}

export interface SearchV2Hit {
  entityType: string;
  entityId: string;
  rank: number;
  public: boolean;
  title: string;
  reference: string | null;
  date: string | null;
  targetType: string | null;
  targetId: string | null;
  context: string | null;
  /**
   * Up to 480 characters of the document's text around the first query word it contains ("… "
   * and " …" where cut), plain text: the API marks the words found (council search snippet.ts).
   */
  snippet: string;
  /** The query's lexemes as the database searched for them (`zz…`: a part inside a compound word). */
  terms: string[];
}

/** The documents v2 keeps itself (row triggers); refresh() re-reads one of them now. */
export type SearchDocumentType = 'paper' | 'meeting' | 'agenda_item' | 'file';

@Injectable()
export class SearchV2 {
  /** Rewrites one document from its row (the triggers do this on every write; papers call it after their originators change). */
  async refresh(tx: TenantTx, entityType: SearchDocumentType, entityId: string): Promise<void> {
    await tx.$executeRaw`SELECT search_refresh(${entityType}, ${entityId}::uuid)`;
  }

  async search(tx: TenantTx, query: string, o: SearchV2Options): Promise<SearchV2Hit[]> {
    const rows = await tx.$queryRaw<
      {
        entity_type: string;
        entity_id: string;
        rank: number;
        public: boolean;
        title: string;
        reference: string | null;
        doc_date: Date | null;
        target_type: string | null;
        target_id: string | null;
        context: string | null;
        snippet: string | null;
        terms: string[] | null;
      }[]
    >`SELECT * FROM search_tenant_documents_v3(${query}, ${o.publicOnly}, ${o.scopeAll}, ${o.scopeOrganizationIds}::uuid[], ${o.withDrafts},
        ${o.entityTypes ?? null}::text[], ${o.paperTypeId ?? null}::uuid, ${o.organizationId ?? null}::uuid, ${o.from ?? null}::date, ${o.to ?? null}::date,
        ${o.hasFiles ?? null}::boolean, ${o.after?.rank ?? null}::real, ${o.after?.entityType ?? null}::text, ${o.after?.entityId ?? null}::uuid, ${o.limit}::int)`;
    return rows.map((r) => ({
      entityType: r.entity_type,
      entityId: r.entity_id,
      rank: r.rank,
      public: r.public,
      title: r.title,
      reference: r.reference,
      date: r.doc_date ? r.doc_date.toISOString().slice(0, 10) : null,
      targetType: r.target_type,
      targetId: r.target_id,
      context: r.context,
      snippet: r.snippet ?? '',
      terms: r.terms ?? [],
    }));
  }
}
