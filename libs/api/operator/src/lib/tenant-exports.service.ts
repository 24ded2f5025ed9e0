import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, ConflictError, GoneError, NotFoundError, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, OutboxWriter, Prisma, TenantDatabase, TenantLifecycle, type Tenant } from '@ratsinfo/api-database';
import { FileStorage, newStorageKey } from '@ratsinfo/api-files';
import { EXPORT_RETENTION_DAYS, TENANT_EXPORT_TOPIC, type TenantExportDto } from '@ratsinfo/contracts';
import type { Readable } from 'node:stream';
import { exportFileName, TenantExporter } from './tenant-export';
import { ZipStream } from './zip-stream';

type ExportRow = Prisma.TenantExportGetPayload<object>;
export type RequestedAs = 'operator' | 'tenant-admin';

export function toExportDto(r: ExportRow, now = new Date()): TenantExportDto {
  const expired = r.status === 'ready' && (!r.storageKey || (r.expiresAt !== null && r.expiresAt <= now));
  return {
    id: r.id,
    status: expired ? 'expired' : (r.status as TenantExportDto['status']),
    requestedAs: r.requestedAs as RequestedAs,
    requestedByName: r.requestedByName,
    reason: r.reason,
    size: r.size === null ? null : Number(r.size),
    counts: (r.counts as Record<string, number> | null) ?? null,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
}

/**
 * Exports as jobs. A request records a `tenant_exports` row (pending) and an outbox event in one
 * tenant transaction; the worker builds the ZIP into the file storage (`build`), and the row
 * says ready (downloadable for seven days) or failed. Every method runs in the tenant's context.
 */
@Injectable()
export class TenantExportsService {
  private readonly logger = new Logger(TenantExportsService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly auth: AuthContext,
    private readonly outbox: OutboxWriter,
    private readonly cooperative: CooperativeDatabase,
    private readonly lifecycle: TenantLifecycle,
    private readonly audit: AuditLog,
    private readonly storage: FileStorage,
    private readonly exporter: TenantExporter,
  ) {}

  async request(reason: string, requestedAs: RequestedAs): Promise<TenantExportDto> {
    const p = this.auth.principal();
    const session = this.auth.tenantSession();
    const actingRole = requestedAs === 'operator' ? 'operator' : (session?.actingRole ?? null);
    const row = await this.db.transaction(async (tx) => {
      const created = await tx.tenantExport.create({
        data: { tenantId: this.tenant.require().id, requestedAs, requestedByName: p?.name?.slice(0, 200) ?? p?.subject ?? null, reason },
      });
      await this.outbox.add(tx, { topic: TENANT_EXPORT_TOPIC, payload: { exportId: created.id }, actor: { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole } });
      return created;
    });
    return toExportDto(row);
  }

  async list(): Promise<TenantExportDto[]> {
    const rows = await this.db.transaction((tx) => tx.tenantExport.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 100 }));
    const now = new Date();
    return rows.map((r) => toExportDto(r, now));
  }

  async get(id: string): Promise<TenantExportDto> {
    return toExportDto(await this.row(id));
  }

  /** The ZIP of a ready export: 409 while it is not ready (or failed), 410 once expired. */
  async download(id: string): Promise<{ fileName: string; size: number; body: Readable }> {
    const r = await this.row(id);
    const dto = toExportDto(r);
    if (dto.status === 'expired') throw new GoneError('This export has expired; request a new one.');
    if (dto.status !== 'ready' || !r.storageKey) throw new ConflictError(`This export is ${dto.status}, not ready for download.`);
    const body = await this.storage.get(r.storageKey).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new GoneError('The ZIP of this export is no longer stored; request a new one.');
      throw e;
    });
    const t = this.tenant.require();
    return { fileName: exportFileName(t.slug, r.createdAt), size: Number(r.size ?? 0), body };
  }

  private async row(id: string): Promise<ExportRow> {
    const r = await this.db.transaction((tx) => tx.tenantExport.findUnique({ where: { id } }));
    if (!r) throw new NotFoundError('The export');
    return r;
  }

  /**
   * The worker's job (`tenant.export-requested`): idempotent by the row's state. A ready or failed
   * export is left alone; a running one (its worker died) starts again from scratch. A failure
   * is recorded on the row (the person asks again) and the job ends.
   */
  async build(exportId: string, now = new Date()): Promise<void> {
    const r = await this.db.transaction((tx) => tx.tenantExport.findUnique({ where: { id: exportId } }));
    if (!r || r.status === 'ready' || r.status === 'failed') return;
    const tenantId = this.tenant.require().id;
    const tenant = await this.cooperative.tenants.findUnique({ where: { id: tenantId } });
    if (!tenant) return;
    if (r.storageKey) await this.storage.delete(r.storageKey);
    // The key is on the row before any byte is written, so the orphan sweep sees it as in use.
    const key = newStorageKey(tenantId);
    await this.db.transaction((tx) => tx.tenantExport.update({ where: { id: exportId }, data: { status: 'running', storageKey: key, error: null } }));
    const zip = new ZipStream(now);
    const putting = this.storage.put(key, zip.output);
    putting.catch(() => undefined); // awaited below; a storage failure also stops the writer
    let counts: Record<string, number>;
    let size: number;
    try {
      try {
        ({ counts } = await this.exporter.write(tenant, zip, now));
      } catch (e) {
        zip.abort(e as Error);
        throw e;
      }
      size = await putting;
    } catch (e) {
      this.logger.error({ err: e, tenantId, exportId }, 'export failed');
      await this.storage.delete(key).catch(() => undefined);
      await this.db.transaction((tx) =>
        tx.tenantExport.update({ where: { id: exportId }, data: { status: 'failed', storageKey: null, error: describe(e), finishedAt: new Date() } }),
      );
      return;
    }
    await this.finish(tenant, r, { key, size, counts });
    this.logger.log({ exportId, tenantId, bytes: size, ms: Date.now() - now.getTime() }, 'export ready');
  }

  private async finish(tenant: Tenant, r: ExportRow, done: { key: string; size: number; counts: Record<string, number> }): Promise<void> {
    const finishedAt = new Date();
    const expiresAt = new Date(finishedAt.getTime() + EXPORT_RETENTION_DAYS * 86_400_000);
    const changes = { reason: r.reason, requestedAs: r.requestedAs, counts: done.counts, bytes: done.size, exportId: r.id };
    await this.db.transaction(async (tx) => {
      await tx.tenantExport.update({ where: { id: r.id }, data: { status: 'ready', size: BigInt(done.size), counts: done.counts, finishedAt, expiresAt } });
      await this.audit.tenantEvent(tx, { action: 'tenant.exported', entityType: 'tenant', entityId: tenant.id, changes });
    });
    // Only an operator's finished export is the hand-over that deletion requires.
    if (r.requestedAs === 'operator') {
      await this.lifecycle.markExported(tenant.id);
      await this.audit.cooperativeEvent({ action: 'tenant.exported', targetTenantRef: tenant.id, targetSlug: tenant.slug, changes });
    }
  }

  /** Expired ZIPs of the current tenant: blob removed, key cleared (the row stays as history). */
  async expire(now = new Date()): Promise<number> {
    const due = await this.db.transaction((tx) => tx.tenantExport.findMany({ where: { storageKey: { not: null }, expiresAt: { lte: now } }, select: { id: true, storageKey: true } }));
    for (const d of due) {
      if (d.storageKey) await this.storage.delete(d.storageKey);
      await this.db.transaction((tx) => tx.tenantExport.update({ where: { id: d.id }, data: { storageKey: null } }));
    }
    return due.length;
  }
}

function describe(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 500);
}
