import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@ratsinfo/api-core';
import { AuditLog } from '@ratsinfo/api-audit';
import { CooperativeDatabase, DeadLetters, TenantDatabase, type OutboxEvent } from '@ratsinfo/api-database';
import { deadLetterTopicKey, encodeCursor, type DeadLetterDto, type DeadLetterSubjectDto, type OperatorDeadLetterDto, type PagedResponse, type PageQuery } from '@ratsinfo/contracts';
import { DeadLettersRepository } from './dead-letters.repository';

/**
 * Dead letters in the web app (issue 8): clerks see their authority's dead letters with the full
 * error and what they refer to, and retry them; operators see every authority's, without
 * payload, message or names (outbox_dead_letters returns none of them).
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly coop: CooperativeDatabase,
    private readonly deadLetters: DeadLetters,
    private readonly repo: DeadLettersRepository,
    private readonly audit: AuditLog,
  ) {}

  async tenantPage(q: PageQuery): Promise<PagedResponse<DeadLetterDto>> {
    const page = await this.db.transaction((tx) => this.repo.page(tx, q));
    const subjects = await this.repo.subjects((fn) => this.db.transaction(fn), page.rows);
    return { data: page.rows.map((e) => toDto(e, subjects.get(e.id) ?? null)), nextCursor: page.nextCursor };
  }

  count(): Promise<number> {
    return this.db.transaction((tx) => this.repo.count(tx));
  }

  /**
   * Makes the dead letter due again with fresh attempts (outbox_retry, only for this tenant's
   * events) and records who did it. 404 when it is no event of this authority; 409 when it is,
   * but not dead (any more): retried already, or done.
   */
  async retry(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.repo.find(tx, id);
      if (!before) throw new NotFoundError('The failed job');
      if (!(await this.deadLetters.retry(tx, id))) {
        throw new ConflictError(before.processedAt ? 'This job has completed meanwhile; there is nothing to retry.' : 'This job is not failed (any more): it was retried already and is waiting for the worker.');
      }
      // A mail that failed for good is marked failed, and the sender skips anything not pending:
      // retrying its job means sending it again, so it becomes pending again with it.
      const mailId = before.topic === 'mail.send' ? mailIdOf(before.payload) : null;
      if (mailId) {
        await tx.$executeRaw`UPDATE mail_messages SET status = 'pending', failed_at = NULL WHERE id = ${mailId}::uuid AND status = 'failed'`;
      }
      await this.audit.tenantEvent(tx, {
        action: 'outbox-event.retried',
        entityType: 'outbox-event',
        entityId: id,
        changes: { topic: before.topic, attempts: before.attempts, deadAt: before.deadAt?.toISOString() ?? null },
      });
    });
  }

  /** Every authority's dead letters, newest first; the authority's slug and name from the cooperative's register. */
  async operatorPage(q: PageQuery): Promise<PagedResponse<OperatorDeadLetterDto>> {
    const rows = await this.deadLetters.acrossTenants(q.limit + 1, q.cursor ? { deadAt: new Date(q.cursor.at), id: q.cursor.id } : undefined);
    const page = rows.slice(0, q.limit);
    const tenantIds = [...new Set(page.map((r) => r.tenantId))];
    const tenants = tenantIds.length ? await this.coop.tenants.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true, name: true } }) : [];
    const byId = new Map(tenants.map((t) => [t.id, t]));
    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        id: r.id,
        tenant: { id: r.tenantId, slug: byId.get(r.tenantId)?.slug ?? null, name: byId.get(r.tenantId)?.name ?? null },
        topic: r.topic,
        labelKey: deadLetterTopicKey(r.topic),
        createdAt: r.createdAt.toISOString(),
        deadAt: r.deadAt.toISOString(),
        attempts: r.attempts,
        errorKind: r.errorKind,
      })),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.deadAt, id: last.id }) : null,
    };
  }
}

function toDto(e: OutboxEvent, refersTo: DeadLetterSubjectDto | null): DeadLetterDto {
  return {
    id: e.id,
    topic: e.topic,
    labelKey: deadLetterTopicKey(e.topic),
    createdAt: e.createdAt.toISOString(),
    deadAt: (e.deadAt ?? e.createdAt).toISOString(),
    attempts: e.attempts,
    lastError: e.lastError,
    refersTo,
  };
}

function mailIdOf(payload: unknown): string | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as { mailId?: unknown }).mailId : null;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
