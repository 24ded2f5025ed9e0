import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, StaleVersionError, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import {
  type CreatePaperTypeInput,
  DEFAULT_NUMBER_FORMAT,
  DEFAULT_PAPER_TYPES,
  DEFAULT_SEQUENCE_DIGITS,
  type PaperTypeDto,
  type UpdatePaperTypeInput,
} from '@ratsinfo/contracts';

interface PaperTypeRow {
  id: string;
  name: string;
  abbreviation: string;
  numberFormat: string;
  sequenceDigits: number;
  sortOrder: number;
  version: number;
}

/**
 * Paper types (Beschlussvorlage, Antrag, …) with their reference-number scheme.
 *
 * An authority that has never had a type gets the five usual ones the first time anyone works
 * with papers (reads the types, writes a paper): a new authority can write its first
 * Beschlussvorlage without configuring anything, and an authority that deleted a default on
 * purpose does not get it back (the defaults come only while the table holds no row at all,
 * deleted ones included). They are created in the caller's transaction and audited as system
 * defaults.
 */
@Injectable()
export class PaperTypesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    private readonly tenant: TenantContext,
  ) {}

  /** Creates the default types if this authority never had any. Safe under concurrency (ON CONFLICT). */
  async ensureDefaults(tx: TenantTx): Promise<void> {
    if ((await tx.paperType.count()) > 0) return;
    const created: string[] = [];
    for (const [i, t] of DEFAULT_PAPER_TYPES.entries()) {
      // A concurrent first use inserts the same abbreviations: the unique index on the living
      // abbreviations lets exactly one of each through, the other waits and does nothing.
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO paper_types (tenant_id, name, abbreviation, number_format, sequence_digits, sort_order)
        VALUES (app_current_tenant(), ${t.name}, ${t.abbreviation}, ${DEFAULT_NUMBER_FORMAT}, ${DEFAULT_SEQUENCE_DIGITS}, ${(i + 1) * 10})
        ON CONFLICT DO NOTHING RETURNING id`;
      if (rows.length > 0) created.push(t.abbreviation);
    }
    if (created.length > 0) {
      await this.audit.tenantEvent(tx, {
        action: 'paper-type.defaults-created',
        entityType: 'paper-type',
        changes: { reason: 'system defaults for a new authority', abbreviations: created },
      });
    }
  }

  async list(): Promise<PaperTypeDto[]> {
    return this.db.transaction(async (tx) => {
      await this.ensureDefaults(tx);
      const types = await tx.paperType.findMany({ where: { deletedAt: null }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
      const counts = await this.paperCounts(tx);
      return types.map((t) => toDto(t, counts.get(t.id) ?? 0));
    });
  }

  async create(input: CreatePaperTypeInput): Promise<PaperTypeDto> {
    return this.db.transaction(async (tx) => {
      await this.ensureDefaults(tx);
      await this.requireFreeAbbreviation(tx, input.abbreviation);
      const sortOrder = input.sortOrder ?? ((await tx.paperType.aggregate({ where: { deletedAt: null }, _max: { sortOrder: true } }))._max.sortOrder ?? 0) + 10;
      const created = await tx.paperType.create({
        data: {
          tenantId: this.tenant.require().id,
          name: input.name,
          abbreviation: input.abbreviation,
          numberFormat: input.numberFormat,
          sequenceDigits: input.sequenceDigits,
          sortOrder,
        },
      });
      await this.audit.tenantEvent(tx, { action: 'paper-type.created', entityType: 'paper-type', entityId: created.id, changes: { after: snapshot(created) } });
      return toDto(created, 0);
    });
  }

  async update(id: string, expected: number, input: UpdatePaperTypeInput): Promise<PaperTypeDto> {
    return this.db.transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM paper_types WHERE id = ${id}::uuid FOR UPDATE`;
      const before = await tx.paperType.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw new NotFoundError('The paper type');
      if (input.abbreviation !== undefined && input.abbreviation.toLowerCase() !== before.abbreviation.toLowerCase()) {
        await this.requireFreeAbbreviation(tx, input.abbreviation);
      }
      const { count } = await tx.paperType.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...input, version: { increment: 1 } } });
      if (count === 0) throw new StaleVersionError('The paper type', toDto(before, await this.countOf(tx, id)));
      const after = await tx.paperType.findUniqueOrThrow({ where: { id } });
      await this.audit.tenantEvent(tx, { action: 'paper-type.updated', entityType: 'paper-type', entityId: id, changes: { before: snapshot(before), after: snapshot(after) } });
      return toDto(after, await this.countOf(tx, id));
    });
  }

  /** Soft delete; a type with papers stays (their references carry its abbreviation). */
  async remove(id: string, expected: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Waits for papers of this type being created right now (they hold it FOR SHARE), then counts them.
      await tx.$queryRaw`SELECT id FROM paper_types WHERE id = ${id}::uuid FOR UPDATE`;
      const before = await tx.paperType.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw new NotFoundError('The paper type');
      const papers = await this.countOf(tx, id);
      if (papers > 0) throw new ConflictError(`The paper type "${before.name}" is used by ${papers} paper${papers === 1 ? '' : 's'} and cannot be deleted.`);
      const { count } = await tx.paperType.updateMany({ where: { id, version: expected, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
      if (count === 0) throw new StaleVersionError('The paper type', toDto(before, papers));
      await this.audit.tenantEvent(tx, { action: 'paper-type.deleted', entityType: 'paper-type', entityId: id, changes: { before: snapshot(before) } });
    });
  }

  private async requireFreeAbbreviation(tx: TenantTx, abbreviation: string): Promise<void> {
    const taken = await tx.paperType.findFirst({ where: { deletedAt: null, abbreviation: { equals: abbreviation, mode: 'insensitive' } }, select: { name: true, abbreviation: true } });
    // `mode: insensitive` is ILIKE: the regex of the abbreviation has no wildcards (letters, digits, '-').
    if (taken && taken.abbreviation.toLowerCase() === abbreviation.toLowerCase()) {
      throw new ConflictError(`The abbreviation "${abbreviation}" is already used by the paper type "${taken.name}".`);
    }
  }

  private async paperCounts(tx: TenantTx): Promise<Map<string, number>> {
    const groups = await tx.paper.groupBy({ by: ['paperTypeId'], where: { deletedAt: null }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.paperTypeId, g._count._all]));
  }

  private countOf(tx: TenantTx, paperTypeId: string): Promise<number> {
    return tx.paper.count({ where: { paperTypeId, deletedAt: null } });
  }
}

function snapshot(t: PaperTypeRow) {
  return { name: t.name, abbreviation: t.abbreviation, numberFormat: t.numberFormat, sequenceDigits: t.sequenceDigits, sortOrder: t.sortOrder };
}

export function toDto(t: PaperTypeRow, paperCount: number): PaperTypeDto {
  return { id: t.id, name: t.name, abbreviation: t.abbreviation, numberFormat: t.numberFormat, sequenceDigits: t.sequenceDigits, sortOrder: t.sortOrder, paperCount, version: t.version };
}
