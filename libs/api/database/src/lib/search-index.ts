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
  async upsert(tx: TenantTx, doc: SearchDocumentInput): Promise<void> {
    // Text beyond the cap adds nothing a reader would search for and would exceed tsvector's 1 MB.
    const body = doc.body.length > SEARCH_MAX_BODY ? doc.body.slice(0, SEARCH_MAX_BODY) : doc.body;
    await tx.$executeRaw`
      INSERT INTO search_documents (tenant_id, entity_type, entity_id, public, title, body)
      VALUES (app_current_tenant(), ${doc.entityType}, ${doc.entityId}::uuid, ${doc.public}, ${doc.title}, ${body})
      ON CONFLICT (tenant_id, entity_type, entity_id)
      DO UPDATE SET public = excluded.public, title = excluded.title, body = excluded.body, updated_at = now()`;
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
