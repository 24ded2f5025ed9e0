import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, StaleVersionError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { keysetNewestFirst, literalWords, pageOf, paperTitleOrReferenceContainsAll, type Prisma, SearchIndex, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import {
  type ConsultationStepInput,
  type createDerivativeSchema,
  type createPaperSchema,
  formatPaperReference,
  type InvalidParam,
  type PaperDerivation,
  type PaperDto,
  type PaperListDto,
  type PaperListQuery,
  type PutConsultationsInput,
  type UpdatePaperInput,
} from '@ratsinfo/contracts';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { PaperReader, readablePapers, STAFF_VIEWER, toSummary } from './paper-reader';
import { PaperTypesService } from './paper-types.service';

export type CreateInput = z.output<typeof createPaperSchema>;
export type DerivativeInput = z.output<typeof createDerivativeSchema>;

/** An `Idempotency-Key` and who sent it (keys are per person). */
export interface IdempotentRequest {
  key: string;
  actor: string | null;
}

export interface Created {
  paper: PaperDto;
  /** True when this answers a repeated submit with the paper created the first time. */
  replayed: boolean;
}

/** Papers whose consultations are on an agenda (a living item of a living meeting). */
const onAnAgenda = { agendaItems: { some: { deletedAt: null, meeting: { deletedAt: null } } } } as const;

/**
 * Papers (Vorlagen): numbering, editing, the consultation path, release and withdrawal. Every
 * write runs in one tenant transaction with its audit entry and the paper's search document, so
 * a failure anywhere (a bad reference found after the number was drawn included) leaves nothing
 * behind: not the paper, not its links, not a used number.
 */
@Injectable()
export class PapersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    private readonly reader: PaperReader,
    private readonly types: PaperTypesService,
    private readonly search: SearchIndex,
    private readonly tenant: TenantContext,
    private readonly bundles: MeetingBundleRequests,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  async get(id: string): Promise<PaperDto> {
    return this.db.transaction(async (tx) => {
      const paper = await this.reader.paper(tx, id, await this.reader.viewer(tx));
      if (!paper) throw new NotFoundError('The paper');
      return paper;
    });
  }

  async list(q: PaperListQuery): Promise<PaperListDto> {
    return this.db.transaction(async (tx) => {
      const viewer = await this.reader.viewer(tx);
      const page = keysetNewestFirst('date', q.cursor, q.limit);
      const and: Prisma.PaperWhereInput[] = [readablePapers(viewer), page.where];
      if (q.type) and.push({ paperTypeId: q.type });
      if (q.status) and.push({ status: q.status });
      if (q.year) and.push({ date: { gte: new Date(Date.UTC(q.year, 0, 1)), lt: new Date(Date.UTC(q.year + 1, 0, 1)) } });
      if (q.organizationId) {
        and.push({
          OR: [{ consultations: { some: { organizationId: q.organizationId, deletedAt: null } } }, { originatorOrganizations: { some: { organizationId: q.organizationId } } }],
        });
      }
      if (q.q) {
        // Every word must occur in the title or the reference; matched literally (no wildcards).
        and.push(...paperTitleOrReferenceContainsAll(literalWords(q.q)));
      }
      const rows = await tx.paper.findMany({ where: { AND: and }, orderBy: page.orderBy, take: page.take, select: this.reader.summarySelect() });
      const { rows: data, nextCursor } = pageOf(rows, q.limit, (r) => r.date);
      return { data: data.map(toSummary), nextCursor };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Create

  async create(data: CreateInput, idempotency?: IdempotentRequest): Promise<Created> {
    return this.db.transaction(async (tx) => {
      const earlier = await this.replay(tx, idempotency, data);
      if (earlier) return { paper: await this.readBack(tx, earlier), replayed: true };
      const id = await this.insert(tx, data, null, idempotency);
      return { paper: await this.readBack(tx, id), replayed: false };
    });
  }

  /**
   * A submit sent twice with the same `Idempotency-Key` (a double click, a retry after a lost
   * answer) creates one paper: the second gets the first's answer. The key is recorded with the
   * creation's audit entry, in its transaction; an advisory lock on the key makes a concurrent
   * duplicate wait for the first and then find it. Keys count for 24 hours, per person.
   */
  private async replay(tx: TenantTx, idempotency: IdempotentRequest | undefined, body: unknown): Promise<string | null> {
    if (!idempotency) return null;
    const scope = `paper-create:${this.tenant.require().id}:${idempotency.actor}:${idempotency.key}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${scope}, 0))`;
    const [earlier] = await tx.$queryRaw<{ entity_id: string; fingerprint: string | null }[]>`
      SELECT entity_id, changes->>'requestFingerprint' AS fingerprint
        FROM audit_events
       WHERE occurred_at > now() - interval '24 hours'
         AND action IN ('paper.created', 'paper.derivative-created')
         AND actor_subject IS NOT DISTINCT FROM ${idempotency.actor}
         AND changes->>'idempotencyKey' = ${idempotency.key}
       ORDER BY occurred_at DESC
       LIMIT 1`;
    if (!earlier) return null;
    if (earlier.fingerprint !== fingerprint(body)) {
      throw new ConflictError('This Idempotency-Key was already used for a different request. Send a new key for a new paper.');
    }
    return earlier.entity_id;
  }

  /** An amendment (Änderungsantrag) or supplement (Ergänzung): a paper of its own, linked to its original. */
  async createDerivative(originalId: string, data: DerivativeInput, idempotency?: IdempotentRequest): Promise<Created> {
    return this.db.transaction(async (tx) => {
      const earlier = await this.replay(tx, idempotency, { originalId, ...data });
      if (earlier) return { paper: await this.readBack(tx, earlier), replayed: true };
      const original = await tx.paper.findFirst({ where: { id: originalId, deletedAt: null }, select: { id: true, paperTypeId: true, public: true, status: true } });
      if (!original) throw new NotFoundError('The paper');
      if (original.status === 'withdrawn') throw new ConflictError('A withdrawn paper cannot be amended or supplemented.');
      const id = await this.insert(
        tx,
        { ...data, paperTypeId: data.paperTypeId ?? original.paperTypeId, public: data.public ?? original.public },
        { originalPaperId: original.id, derivation: data.derivation },
        idempotency && { ...idempotency, body: { originalId, ...data } },
      );
      return { paper: await this.readBack(tx, id), replayed: false };
    });
  }

  private async insert(
    tx: TenantTx,
    data: CreateInput,
    derived: { originalPaperId: string; derivation: PaperDerivation } | null,
    idempotency?: IdempotentRequest & { body?: unknown },
  ): Promise<string> {
    await this.types.ensureDefaults(tx);
    // FOR SHARE: the type cannot be deleted (or renumbered) while a paper of it is being created.
    const [type] = await tx.$queryRaw<{ id: string; name: string; abbreviation: string; numberFormat: string; sequenceDigits: number }[]>`
      SELECT id::text, name, abbreviation, number_format AS "numberFormat", sequence_digits AS "sequenceDigits"
        FROM paper_types WHERE id = ${data.paperTypeId}::uuid AND deleted_at IS NULL FOR SHARE`;
    if (!type) throw new ValidationError([{ name: 'paperTypeId', reason: 'is not a paper type of this authority' }]);

    const year = Number(data.date.slice(0, 4));
    const sequence = await this.nextNumber(tx, type.id, year);
    const reference = formatPaperReference(type.numberFormat, type.abbreviation, type.sequenceDigits, year, sequence);
    if (reference.length > 50) throw new ConflictError(`The number format of the paper type "${type.name}" gives a reference longer than 50 characters.`);
    const clash = await tx.paper.findFirst({ where: { reference }, select: { id: true } });
    if (clash) {
      throw new ConflictError(`The reference ${reference} is already taken (by a paper of a type with the same abbreviation, or a number format without the year). Change the number format of "${type.name}".`);
    }

    const paper = await tx.paper.create({
      data: {
        tenantId: this.tenant.require().id,
        paperTypeId: type.id,
        reference,
        referenceYear: year,
        referenceSequence: sequence,
        name: data.name,
        date: new Date(`${data.date}T00:00:00Z`),
        public: data.public,
        status: data.release ? 'released' : 'draft',
        responsibleDepartment: data.responsibleDepartment ?? null,
        superordinatePaperId: null,
        originalPaperId: derived?.originalPaperId ?? null,
        derivation: derived?.derivation ?? null,
      },
      select: { id: true },
    });

    // References are checked after the number was drawn on purpose: one transaction, so a
    // refusal here rolls the counter back with everything else (tested: no gap).
    const errors = await this.checkReferences(tx, paper.id, {
      originatorPersonIds: data.originatorPersonIds,
      originatorOrganizationIds: data.originatorOrganizationIds,
      relatedPaperIds: data.relatedPaperIds,
      superordinatePaperId: data.superordinatePaperId ?? null,
      consultations: data.consultations,
    });
    if (errors.length) throw new ValidationError(errors);

    if (data.superordinatePaperId) await tx.paper.update({ where: { id: paper.id }, data: { superordinatePaperId: data.superordinatePaperId } });
    await this.setOriginators(tx, paper.id, data.originatorPersonIds, data.originatorOrganizationIds);
    await this.setRelations(tx, paper.id, data.relatedPaperIds);
    await tx.consultation.createMany({
      data: data.consultations.map((c, i) => ({ tenantId: this.tenant.require().id, paperId: paper.id, organizationId: c.organizationId, position: i + 1, authoritative: c.authoritative, role: c.role ?? null })),
    });
    await this.audit.tenantEvent(tx, {
      action: derived ? 'paper.derivative-created' : 'paper.created',
      entityType: 'paper',
      entityId: paper.id,
      changes: {
        after: {
          reference,
          name: data.name,
          date: data.date,
          paperType: type.name,
          public: data.public,
          status: data.release ? 'released' : 'draft',
          responsibleDepartment: data.responsibleDepartment ?? null,
          originatorPersonIds: data.originatorPersonIds,
          originatorOrganizationIds: data.originatorOrganizationIds,
          relatedPaperIds: data.relatedPaperIds,
          superordinatePaperId: data.superordinatePaperId ?? null,
          consultations: data.consultations.map((c) => ({ organizationId: c.organizationId, authoritative: c.authoritative, role: c.role ?? null })),
          ...(derived ? { originalPaperId: derived.originalPaperId, derivation: derived.derivation } : {}),
        },
        ...(idempotency ? { idempotencyKey: idempotency.key, requestFingerprint: fingerprint(idempotency.body ?? data) } : {}),
      },
    });
    await this.reindex(tx, paper.id);
    return paper.id;
  }

  /**
   * The next number of a type in a year. The counter row stays locked until the transaction
   * ends, so concurrent creations take their numbers one after another, and a creation that
   * rolls back gives its number back: unique and without gaps.
   */
  private async nextNumber(tx: TenantTx, paperTypeId: string, year: number): Promise<number> {
    const [row] = await tx.$queryRaw<{ last_value: number }[]>`
      INSERT INTO paper_number_counters (tenant_id, paper_type_id, year, last_value)
      VALUES (app_current_tenant(), ${paperTypeId}::uuid, ${year}::int, 1)
      ON CONFLICT (tenant_id, paper_type_id, year) DO UPDATE SET last_value = paper_number_counters.last_value + 1
      RETURNING last_value`;
    if (!row) throw new Error('the numbering counter returned no row');
    return row.last_value;
  }

  // ---------------------------------------------------------------------------------------------
  // Update

  async update(id: string, expected: number, input: UpdatePaperInput): Promise<PaperDto> {
    return this.db.transaction(async (tx) => {
      const before = await this.snapshot(tx, id);
      const errors = await this.checkReferences(tx, id, input);
      if (input.mainFileId) {
        const file = await tx.file.findFirst({ where: { id: input.mainFileId, paperId: id, deletedAt: null }, select: { id: true } });
        if (!file) errors.push({ name: 'mainFileId', reason: 'is not a file of this paper' });
      }
      if (errors.length) throw new ValidationError(errors);

      const scalar: Prisma.PaperUncheckedUpdateManyInput = {};
      if (input.name !== undefined) scalar.name = input.name;
      if (input.date !== undefined) scalar.date = new Date(`${input.date}T00:00:00Z`);
      if (input.public !== undefined) scalar.public = input.public;
      if (input.responsibleDepartment !== undefined) scalar.responsibleDepartment = input.responsibleDepartment;
      if (input.superordinatePaperId !== undefined) scalar.superordinatePaperId = input.superordinatePaperId;
      if (input.mainFileId !== undefined) scalar.mainFileId = input.mainFileId;
      await this.compareAndSet(tx, id, expected, {}, scalar);

      if (input.originatorPersonIds !== undefined || input.originatorOrganizationIds !== undefined) {
        await this.setOriginators(tx, id, input.originatorPersonIds, input.originatorOrganizationIds);
      }
      if (input.relatedPaperIds !== undefined) await this.setRelations(tx, id, input.relatedPaperIds);

      const after = await this.snapshot(tx, id);
      // Audited even when nothing changed: the save still took a new version.
      await this.audit.tenantEvent(tx, { action: 'paper.updated', entityType: 'paper', entityId: id, changes: diff(before, after) });
      // Its public flag, main file and reference are in the bundles of upcoming meetings.
      await this.bundles.forFileOwner(tx, { kind: 'paper', id });
      await this.reindex(tx, id);
      return this.readBack(tx, id);
    });
  }

  /**
   * The whole consultation path, in order. A step sent with its `id` is kept (its agenda items
   * stay linked); a step left out is removed, unless it is on an agenda (409: take it off the
   * agenda first); such a step cannot move to another organization either.
   */
  async putConsultations(id: string, expected: number, input: PutConsultationsInput): Promise<PaperDto> {
    return this.db.transaction(async (tx) => {
      // The version first: a stale editor learns that before anything about their steps.
      await this.compareAndSet(tx, id, expected, {}, {});
      await this.lockSteps(tx, id);
      const current = await tx.consultation.findMany({
        where: { paperId: id, deletedAt: null },
        orderBy: { position: 'asc' },
        select: { id: true, organizationId: true, position: true, authoritative: true, role: true, organization: { select: { name: true } }, _count: { select: { agendaItems: { where: onAnAgenda.agendaItems.some } } } },
      });
      const byId = new Map(current.map((c) => [c.id, c]));
      const errors: InvalidParam[] = [];
      input.consultations.forEach((s, i) => {
        if (s.id && !byId.has(s.id.toLowerCase())) errors.push({ name: `consultations.${i}.id`, reason: 'is not a step of this paper' });
      });
      errors.push(...(await this.checkOrganizations(tx, input.consultations.map((c) => c.organizationId), (i) => `consultations.${i}.organizationId`)));
      if (errors.length) throw new ValidationError(errors);

      const kept = new Set(input.consultations.flatMap((s) => (s.id ? [s.id.toLowerCase()] : [])));
      for (const c of current) {
        if (!kept.has(c.id) && c._count.agendaItems > 0) {
          throw new ConflictError(`The consultation in "${c.organization.name}" is on a meeting's agenda and cannot be removed. Take it off the agenda first.`);
        }
      }
      input.consultations.forEach((s) => {
        const c = s.id ? byId.get(s.id.toLowerCase()) : undefined;
        if (c && c._count.agendaItems > 0 && c.organizationId !== s.organizationId.toLowerCase()) {
          throw new ConflictError(`The consultation in "${c.organization.name}" is on a meeting's agenda and cannot move to another organization.`);
        }
      });

      const now = new Date();
      const removed = current.filter((c) => !kept.has(c.id));
      if (removed.length) {
        await tx.consultation.updateMany({ where: { id: { in: removed.map((c) => c.id) } }, data: { deletedAt: now, version: { increment: 1 } } });
      }
      // Positions are unique among living steps: park the kept ones out of the way first.
      const offset = 1_000_000;
      for (const c of current.filter((x) => kept.has(x.id))) await tx.consultation.update({ where: { id: c.id }, data: { position: c.position + offset } });
      for (const [i, s] of input.consultations.entries()) {
        const data = { organizationId: s.organizationId.toLowerCase(), position: i + 1, authoritative: s.authoritative, role: s.role ?? null };
        const existing = s.id ? byId.get(s.id.toLowerCase()) : undefined;
        if (existing) {
          const changed = existing.organizationId !== data.organizationId || existing.authoritative !== data.authoritative || existing.role !== data.role || existing.position !== data.position;
          await tx.consultation.update({ where: { id: existing.id }, data: { ...data, ...(changed ? { version: { increment: 1 } } : {}) } });
        } else {
          await tx.consultation.create({ data: { tenantId: this.tenant.require().id, paperId: id, ...data } });
        }
      }
      const path = (steps: { organizationId: string; authoritative: boolean; role: string | null }[]) =>
        steps.map((s) => ({ organizationId: s.organizationId, authoritative: s.authoritative, role: s.role }));
      await this.audit.tenantEvent(tx, {
        action: 'paper.consultations-changed',
        entityType: 'paper',
        entityId: id,
        changes: { before: path(current), after: path(input.consultations.map((s) => ({ organizationId: s.organizationId.toLowerCase(), authoritative: s.authoritative, role: s.role ?? null }))) },
      });
      await this.reindex(tx, id);
      return this.readBack(tx, id);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Status and deletion

  async release(id: string, expected: number): Promise<PaperDto> {
    return this.transition(id, expected, 'draft', 'released', 'paper.released', 'Only a draft can be released.');
  }

  async withdraw(id: string, expected: number): Promise<PaperDto> {
    return this.transition(id, expected, 'released', 'withdrawn', 'paper.withdrawn', 'Only a released paper can be withdrawn (a draft can simply be deleted).');
  }

  private transition(id: string, expected: number, from: 'draft' | 'released', to: 'released' | 'withdrawn', action: string, refusal: string): Promise<PaperDto> {
    return this.db.transaction(async (tx) => {
      await this.compareAndSet(tx, id, expected, { status: from }, { status: to }, refusal);
      await this.audit.tenantEvent(tx, { action, entityType: 'paper', entityId: id, changes: { before: { status: from }, after: { status: to } } });
      await this.bundles.forFileOwner(tx, { kind: 'paper', id });
      await this.reindex(tx, id);
      return this.readBack(tx, id);
    });
  }

  /** Soft delete. A paper on an agenda stays (409): the minutes refer to it. */
  async remove(id: string, expected: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.compareAndSet(tx, id, expected, {}, { deletedAt: new Date() });
      await this.lockSteps(tx, id);
      const paper = await tx.paper.findUniqueOrThrow({ where: { id }, select: { reference: true, name: true, consultations: { where: { deletedAt: null, ...onAnAgenda }, select: { id: true } } } });
      if (paper.consultations.length > 0) throw new ConflictError(`The paper ${paper.reference} is on a meeting's agenda and cannot be deleted. Withdraw it instead, or take it off the agenda first.`);
      await this.audit.tenantEvent(tx, { action: 'paper.deleted', entityType: 'paper', entityId: id, changes: { before: { reference: paper.reference, name: paper.name } } });
      await this.search.remove(tx, 'paper', id);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /**
   * Optimistic concurrency: the write happens only on the version the client read (and, for a
   * status change, only from the expected status). Otherwise 404, 412 with the current paper,
   * or 409 with `refusal`.
   */
  private async compareAndSet(tx: TenantTx, id: string, expected: number, condition: Prisma.PaperWhereInput, data: Prisma.PaperUncheckedUpdateManyInput, refusal?: string): Promise<void> {
    const { count } = await tx.paper.updateMany({ where: { id, deletedAt: null, version: expected, ...condition }, data: { ...data, version: { increment: 1 } } });
    if (count === 1) return;
    const current = await this.reader.paper(tx, id, STAFF_VIEWER);
    if (!current) throw new NotFoundError('The paper');
    if (current.version !== expected) throw new StaleVersionError('The paper', current);
    throw new ConflictError(refusal ?? 'The paper cannot be changed in its current state.');
  }

  /**
   * Locks the paper's steps before asking whether they are on an agenda. Scheduling a step
   * (an agenda item referencing it) takes a key-share lock on it, which this waits for, so the
   * answer cannot go stale before this transaction ends: a step is never removed while it is
   * being put on an agenda.
   */
  private async lockSteps(tx: TenantTx, paperId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM consultations WHERE paper_id = ${paperId}::uuid AND deleted_at IS NULL FOR UPDATE`;
  }

  private async readBack(tx: TenantTx, id: string): Promise<PaperDto> {
    const dto = await this.reader.paper(tx, id, STAFF_VIEWER);
    if (!dto) throw new NotFoundError('The paper');
    return dto;
  }

  /** Every id the input names must be a living record of this authority (RLS hides the others). */
  private async checkReferences(
    tx: TenantTx,
    paperId: string,
    input: { originatorPersonIds?: string[]; originatorOrganizationIds?: string[]; relatedPaperIds?: string[]; superordinatePaperId?: string | null; consultations?: ConsultationStepInput[] },
  ): Promise<InvalidParam[]> {
    const errors: InvalidParam[] = [];
    if (input.originatorPersonIds?.length) {
      const found = new Set((await tx.person.findMany({ where: { id: { in: input.originatorPersonIds }, deletedAt: null }, select: { id: true } })).map((p) => p.id));
      input.originatorPersonIds.forEach((pid, i) => {
        if (!found.has(pid.toLowerCase())) errors.push({ name: `originatorPersonIds.${i}`, reason: 'is not a person of this authority' });
      });
    }
    if (input.originatorOrganizationIds?.length) {
      errors.push(...(await this.checkOrganizations(tx, input.originatorOrganizationIds, (i) => `originatorOrganizationIds.${i}`)));
    }
    if (input.relatedPaperIds?.length) {
      const found = new Set((await tx.paper.findMany({ where: { id: { in: input.relatedPaperIds }, deletedAt: null }, select: { id: true } })).map((p) => p.id));
      input.relatedPaperIds.forEach((rid, i) => {
        if (rid.toLowerCase() === paperId) errors.push({ name: `relatedPaperIds.${i}`, reason: 'must not be the paper itself' });
        else if (!found.has(rid.toLowerCase())) errors.push({ name: `relatedPaperIds.${i}`, reason: 'is not a paper of this authority' });
      });
    }
    if (input.superordinatePaperId) {
      const reason = await this.superordinateProblem(tx, paperId, input.superordinatePaperId.toLowerCase());
      if (reason) errors.push({ name: 'superordinatePaperId', reason });
    }
    if (input.consultations?.length) {
      errors.push(...(await this.checkOrganizations(tx, input.consultations.map((c) => c.organizationId), (i) => `consultations.${i}.organizationId`)));
    }
    return errors;
  }

  private async checkOrganizations(tx: TenantTx, ids: string[], name: (i: number) => string): Promise<InvalidParam[]> {
    if (!ids.length) return [];
    const found = new Set((await tx.organization.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true } })).map((o) => o.id));
    return ids.flatMap((oid, i) => (found.has(oid.toLowerCase()) ? [] : [{ name: name(i), reason: 'is not an organization of this authority' }]));
  }

  /** The superordinate paper must exist and must not be this paper or below it (no cycles). */
  private async superordinateProblem(tx: TenantTx, paperId: string, superordinateId: string): Promise<string | null> {
    if (superordinateId === paperId) return 'must not be the paper itself';
    let cursor: string | null = superordinateId;
    for (let depth = 0; cursor && depth < 50; depth++) {
      const p: { superordinatePaperId: string | null } | null = await tx.paper.findFirst({ where: { id: cursor, deletedAt: null }, select: { superordinatePaperId: true } });
      if (!p) return depth === 0 ? 'is not a paper of this authority' : null;
      if (p.superordinatePaperId === paperId) return 'is below this paper (a paper cannot be above itself)';
      cursor = p.superordinatePaperId;
    }
    return null;
  }

  private async setOriginators(tx: TenantTx, paperId: string, persons: string[] | undefined, organizations: string[] | undefined): Promise<void> {
    const tenantId = this.tenant.require().id;
    if (persons !== undefined) {
      await tx.paperOriginatorPerson.deleteMany({ where: { paperId } });
      await tx.paperOriginatorPerson.createMany({ data: persons.map((personId) => ({ tenantId, paperId, personId: personId.toLowerCase() })) });
    }
    if (organizations !== undefined) {
      await tx.paperOriginatorOrganization.deleteMany({ where: { paperId } });
      await tx.paperOriginatorOrganization.createMany({ data: organizations.map((organizationId) => ({ tenantId, paperId, organizationId: organizationId.toLowerCase() })) });
    }
  }

  /** A relation is stored once per pair, the smaller id first, and read from both sides. */
  private async setRelations(tx: TenantTx, paperId: string, related: string[]): Promise<void> {
    const tenantId = this.tenant.require().id;
    await tx.paperRelation.deleteMany({ where: { OR: [{ paperId }, { relatedPaperId: paperId }] } });
    await tx.paperRelation.createMany({
      data: related.map((r) => {
        const other = r.toLowerCase();
        return paperId < other ? { tenantId, paperId, relatedPaperId: other } : { tenantId, paperId: other, relatedPaperId: paperId };
      }),
    });
  }

  /** What the audit records of a paper: its fields and links. */
  private async snapshot(tx: TenantTx, id: string): Promise<Record<string, unknown>> {
    const p = await tx.paper.findFirst({
      where: { id, deletedAt: null },
      select: {
        name: true,
        date: true,
        public: true,
        responsibleDepartment: true,
        superordinatePaperId: true,
        mainFileId: true,
        originatorPersons: { select: { personId: true }, orderBy: { personId: 'asc' } },
        originatorOrganizations: { select: { organizationId: true }, orderBy: { organizationId: 'asc' } },
        relations: { select: { relatedPaperId: true } },
        relatedTo: { select: { paperId: true } },
      },
    });
    if (!p) throw new NotFoundError('The paper');
    return {
      name: p.name,
      date: p.date.toISOString().slice(0, 10),
      public: p.public,
      responsibleDepartment: p.responsibleDepartment,
      superordinatePaperId: p.superordinatePaperId,
      mainFileId: p.mainFileId,
      originatorPersonIds: p.originatorPersons.map((o) => o.personId),
      originatorOrganizationIds: p.originatorOrganizations.map((o) => o.organizationId),
      relatedPaperIds: [...p.relations.map((r) => r.relatedPaperId), ...p.relatedTo.map((r) => r.paperId)].sort(),
    };
  }

  /**
   * The paper's search document (#10's search, docs/adr/0020-search-v2.md). The database keeps it
   * (row triggers on papers, consultations, files); originators have no trigger of their own,
   * so every paper write re-reads the document here, in the same transaction.
   */
  private async reindex(tx: TenantTx, id: string): Promise<void> {
    await tx.$executeRaw`SELECT search_refresh('paper', ${id}::uuid)`;
  }
}

/** The same request sent again: the parsed body, canonical (sorted keys), hashed. */
function fingerprint(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
