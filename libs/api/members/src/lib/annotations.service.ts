import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { FilesRepository, mayReadFile, ownerOf } from '@ratsinfo/api-files';
import { readablePapers } from '@ratsinfo/api-papers';
import { TenantResolver } from '@ratsinfo/api-tenancy';
import type { AnnotationDto, AnnotationExportDto, AnnotationListDto, AnnotationListQuery, CreateAnnotationInput, UpdateAnnotationInput } from '@ratsinfo/contracts';
import { type Caller, CallerResolver } from './members.service';

const annotationSelect = {
  id: true,
  paperId: true,
  fileId: true,
  text: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  paper: { select: { reference: true, name: true } },
  file: { select: { name: true, paperId: true } },
} as const;

type AnnotationRow = {
  id: string;
  paperId: string | null;
  fileId: string | null;
  text: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  paper: { reference: string; name: string } | null;
  file: { name: string; paperId: string | null } | null;
};

/**
 * Private annotations on papers and files. Row-level security (policy owner_only on
 * app.account_id, set by TenantDatabase from the verified session) keeps every row to the
 * account that wrote it: no query here filters by account, and none needs to — another
 * account's row simply does not exist for the caller (404). What this service checks is the
 * target: only a paper or file the caller may read (the one visibility rule) can be annotated
 * or listed. The audit log records that an annotation was created or deleted, never its text
 * or its target.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly caller: CallerResolver,
    private readonly files: FilesRepository,
    private readonly audit: AuditLog,
    private readonly tenant: TenantContext,
    private readonly resolver: TenantResolver,
  ) {}

  async list(q: AnnotationListQuery): Promise<AnnotationListDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.own(tx);
      if (q.paperId) await this.requirePaper(tx, me, q.paperId);
      if (q.fileId) await this.requireFile(tx, me, q.fileId);
      const rows = await tx.annotation.findMany({
        where: { ...(q.paperId ? { paperId: q.paperId } : {}), ...(q.fileId ? { fileId: q.fileId } : {}) },
        select: annotationSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 1000,
      });
      return { data: rows.map(toDto) };
    });
  }

  async get(id: string): Promise<AnnotationDto> {
    return this.db.transaction(async (tx) => {
      await this.own(tx);
      const row = await tx.annotation.findFirst({ where: { id }, select: annotationSelect });
      if (!row) throw new NotFoundError('The annotation');
      return toDto(row);
    });
  }

  async create(input: CreateAnnotationInput): Promise<AnnotationDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.own(tx);
      if (input.paperId) await this.requirePaper(tx, me, input.paperId);
      if (input.fileId) await this.requireFile(tx, me, input.fileId);
      // A double submit (two clicks, a retried request) must not save the note twice: the
      // caller's writes on one target take turns, and the same text just saved is refused.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`annotation:${me.accountId}:${input.paperId ?? input.fileId}`}, 0))`;
      const twin = await tx.annotation.findFirst({
        where: { paperId: input.paperId ?? null, fileId: input.fileId ?? null, text: input.text, createdAt: { gte: new Date(Date.now() - 60_000) } },
        select: { id: true },
      });
      if (twin) throw new ConflictError('This note has just been saved already (a second submission of the same text is not saved again).');
      const row = await tx.annotation.create({
        data: { tenantId: this.tenant.require().id, accountId: me.accountId, paperId: input.paperId ?? null, fileId: input.fileId ?? null, text: input.text },
        select: annotationSelect,
      });
      await this.audit.tenantEvent(tx, { action: 'annotation.created', entityType: 'annotation', entityId: row.id });
      return toDto(row);
    });
  }

  async update(id: string, expected: number, input: UpdateAnnotationInput): Promise<AnnotationDto> {
    return this.db.transaction(async (tx) => {
      await this.own(tx);
      const { count } = await tx.annotation.updateMany({ where: { id, version: expected }, data: { text: input.text, version: { increment: 1 } } });
      const row = await tx.annotation.findFirst({ where: { id }, select: annotationSelect });
      if (!row) throw new NotFoundError('The annotation');
      if (count !== 1) throw new StaleVersionError('The annotation', toDto(row));
      return toDto(row);
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.own(tx);
      const { count } = await tx.annotation.deleteMany({ where: { id } });
      if (count !== 1) throw new NotFoundError('The annotation');
      await this.audit.tenantEvent(tx, { action: 'annotation.deleted', entityType: 'annotation', entityId: id });
    });
  }

  /** Every annotation of the caller in this authority ("the member's own data goes with the member"). */
  async export(): Promise<AnnotationExportDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.own(tx);
      const account = await tx.userAccount.findUnique({ where: { id: me.accountId }, select: { displayName: true } });
      const rows = await tx.annotation.findMany({ select: annotationSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      const t = this.resolver.current();
      return {
        format: 'ratsinfo-annotations',
        version: 1,
        tenant: { slug: t.slug, name: t.name },
        account: { displayName: account?.displayName ?? '' },
        exportedAt: new Date().toISOString(),
        data: rows.map(toDto),
      };
    });
  }

  // ---- Internals --------------------------------------------------------------------------------

  /** Annotations belong to an account: a session without one (none reaches here today) has none. */
  private async own(tx: TenantTx): Promise<Caller & { accountId: string }> {
    const me = await this.caller.resolve(tx);
    if (!me.accountId) throw new ForbiddenError('Private notes belong to an account of this authority.');
    return { ...me, accountId: me.accountId };
  }

  private async requirePaper(tx: TenantTx, me: Caller, paperId: string): Promise<void> {
    const p = await tx.paper.findFirst({ where: { id: paperId, ...readablePapers(me.viewer) }, select: { id: true } });
    if (!p) throw new NotFoundError('The paper');
  }

  private async requireFile(tx: TenantTx, me: Caller, fileId: string): Promise<void> {
    const f = await this.files.findFile(tx, fileId);
    if (!f || !mayReadFile(me.reader, f, ownerOf(f))) throw new NotFoundError('The file');
  }
}

function toDto(r: AnnotationRow): AnnotationDto {
  const target = r.paperId
    ? { kind: 'paper' as const, id: r.paperId, title: r.paper ? `${r.paper.reference} ${r.paper.name}` : '', paperId: r.paperId }
    : { kind: 'file' as const, id: r.fileId ?? '', title: r.file?.name ?? '', paperId: r.file?.paperId ?? null };
  return { id: r.id, target, text: r.text, version: r.version, createdAt: r.createdAt.toISOString(), modifiedAt: r.updatedAt.toISOString() };
}
