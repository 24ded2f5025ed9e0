import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, NotFoundError, StaleVersionError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { pageOf, type Prisma, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { berlinDate } from '@ratsinfo/berlin-time';
import {
  type AddResolutionNoteInput,
  type OfficeResolutionDto,
  type OfficeResolutionListDto,
  PENDING_RESOLUTION_STATUSES,
  type ResolutionListQuery,
  type ResolutionStatus,
  type UpdateResolutionInput,
} from '@ratsinfo/contracts';
import { dayValue, isoDay, resolutionDetailInclude, resolutionInclude, toResolutionDetail, toResolutionSummary } from './resolution.mapper';

/** A resolution whose agenda item and meeting still exist (a deleted item takes its resolution out of the list). */
const LIVING = { agendaItem: { deletedAt: null, meeting: { deletedAt: null } } } satisfies Prisma.ResolutionWhereInput;
const PENDING = [...PENDING_RESOLUTION_STATUSES] as ResolutionStatus[];
/** A note repeated within this time (same text, date and author) is taken for a duplicate submit. */
const DUPLICATE_NOTE_WINDOW_MS = 60_000;

/**
 * Resolution tracking (Beschlusskontrolle) for clerks and tenant admins. The rows come from the
 * database (a trigger creates one per accepted agenda item); here they are listed, edited under
 * their version (If-Match) and given dated notes, each write audited in its tenant transaction.
 */
@Injectable()
export class ResolutionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Keyset pages over (meeting start, id), newest meeting first; with `overdue=true` over
   * (due date, id), the oldest due date first. Ties are broken by id, so rows sharing a date are
   * neither skipped nor repeated at a page boundary.
   */
  async list(q: ResolutionListQuery): Promise<OfficeResolutionListDto> {
    const today = berlinDate();
    const and: Prisma.ResolutionWhereInput[] = [LIVING];
    if (q.status) and.push({ status: q.status });
    if (q.organizationId) and.push({ agendaItem: { meeting: { organizationId: q.organizationId } } });
    if (q.overdue === true) {
      and.push({ status: { in: PENDING }, dueDate: { lt: dayValue(today) } });
      if (q.cursor) {
        const at = new Date(q.cursor.at);
        and.push({ OR: [{ dueDate: { gt: at } }, { dueDate: at, id: { gt: q.cursor.id } }] });
      }
      return this.db.transaction(async (tx) => {
        const rows = await tx.resolution.findMany({ where: { AND: and }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }], take: q.limit + 1, include: resolutionInclude });
        // dueDate is set on every overdue row (the filter requires it).
        const page = pageOf(rows, q.limit, (r) => r.dueDate ?? new Date(0));
        return { data: page.rows.map((r) => toResolutionSummary(r, today)), nextCursor: page.nextCursor };
      });
    }
    // NOT overdue, spelled out so that a missing due date counts as "not overdue" (SQL's NULL would drop it).
    if (q.overdue === false) and.push({ OR: [{ status: { notIn: PENDING } }, { dueDate: null }, { dueDate: { gte: dayValue(today) } }] });
    if (q.cursor) {
      const at = new Date(q.cursor.at);
      and.push({ OR: [{ agendaItem: { meeting: { start: { lt: at } } } }, { agendaItem: { meeting: { start: at } }, id: { lt: q.cursor.id } }] });
    }
    return this.db.transaction(async (tx) => {
      const rows = await tx.resolution.findMany({
        where: { AND: and },
        orderBy: [{ agendaItem: { meeting: { start: 'desc' } } }, { id: 'desc' }],
        take: q.limit + 1,
        include: resolutionInclude,
      });
      const page = pageOf(rows, q.limit, (r) => r.agendaItem.meeting.start);
      return { data: page.rows.map((r) => toResolutionSummary(r, today)), nextCursor: page.nextCursor };
    });
  }

  async get(id: string): Promise<OfficeResolutionDto> {
    const found = await this.db.transaction((tx) => this.read(tx, id));
    if (!found) throw new NotFoundError('The resolution');
    return found;
  }

  /** Status, department, due date: a compare-and-set on the version; the stale save gets 412 with the resolution as it now is. */
  async update(id: string, expected: number, input: UpdateResolutionInput): Promise<OfficeResolutionDto> {
    return this.db.transaction(async (tx) => {
      const before = await tx.resolution.findFirst({ where: { id, ...LIVING }, select: { version: true, status: true, responsibleDepartment: true, dueDate: true } });
      if (!before) throw new NotFoundError('The resolution');
      if (before.version !== expected) throw new StaleVersionError('The resolution', await this.read(tx, id));
      const data: Prisma.ResolutionUpdateManyMutationInput = {
        ...(input.status !== undefined && { status: input.status }),
        ...(input.responsibleDepartment !== undefined && { responsibleDepartment: input.responsibleDepartment || null }),
        ...(input.dueDate !== undefined && { dueDate: input.dueDate ? dayValue(input.dueDate) : null }),
        version: { increment: 1 },
      };
      const r = await tx.resolution.updateMany({ where: { id, version: expected }, data });
      if (r.count === 0) throw new StaleVersionError('The resolution', await this.read(tx, id));
      const was = { status: before.status, responsibleDepartment: before.responsibleDepartment, dueDate: before.dueDate ? isoDay(before.dueDate) : null };
      await this.audit.tenantEvent(tx, {
        action: 'resolution.updated',
        entityType: 'resolution',
        entityId: id,
        changes: { before: pick(was, Object.keys(input)), after: { ...input } },
      });
      return this.mustRead(tx, id);
    });
  }

  /** A dated note on the execution (not dated in the future); the resolution's version is not touched, so an open edit form stays valid. */
  async addNote(id: string, input: AddResolutionNoteInput): Promise<OfficeResolutionDto> {
    if (input.noteDate > berlinDate()) throw new ValidationError([{ name: 'noteDate', reason: 'must not be in the future' }]);
    return this.db.transaction(async (tx) => {
      const found = await tx.resolution.findFirst({ where: { id, ...LIVING }, select: { id: true } });
      if (!found) throw new NotFoundError('The resolution');
      // A double click or a retry after a lost answer: the same note by the same person within a
      // minute is the one already written (serialized per resolution, so two at once make one).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`resolution-note:${this.tenant.require().id}:${id}`}, 0))`;
      const createdByName = this.auth.principal()?.name?.slice(0, 200) ?? null;
      const noteDate = dayValue(input.noteDate);
      const repeated = await tx.resolutionNote.findFirst({
        where: { resolutionId: id, noteDate, text: input.text, createdByName, createdAt: { gt: new Date(Date.now() - DUPLICATE_NOTE_WINDOW_MS) } },
        select: { id: true },
      });
      if (repeated) return this.mustRead(tx, id);
      const note = await tx.resolutionNote.create({
        data: { tenantId: this.tenant.require().id, resolutionId: id, noteDate, text: input.text, createdByName },
        select: { id: true },
      });
      await this.audit.tenantEvent(tx, { action: 'resolution.note_added', entityType: 'resolution', entityId: id, changes: { noteId: note.id, noteDate: input.noteDate, text: input.text } });
      return this.mustRead(tx, id);
    });
  }

  private async mustRead(tx: TenantTx, id: string): Promise<OfficeResolutionDto> {
    const found = await this.read(tx, id);
    if (!found) throw new NotFoundError('The resolution');
    return found;
  }

  private async read(tx: TenantTx, id: string): Promise<OfficeResolutionDto | null> {
    const row = await tx.resolution.findFirst({ where: { id, ...LIVING }, include: resolutionDetailInclude });
    return row ? toResolutionDetail(row, berlinDate()) : null;
  }
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}
