import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';
import type { TenantTx } from './tenant-database';

/** Who caused an event, so that the worker can write the audit trail in their name. */
export interface OutboxActor {
  issuer: string | null;
  subject: string | null;
  name: string | null;
  actingRole: string | null;
}

export interface NewOutboxEvent {
  /** Lower-case, dot-separated, e.g. `paper.published`. */
  topic: string;
  /** References (ids, versions), not documents: the handler reads current data in the tenant's context. */
  payload: Prisma.InputJsonObject;
  actor?: OutboxActor | null;
  /** Not before this time (e.g. a reminder); default: now. */
  availableAt?: Date;
}

export const OUTBOX_TOPIC = /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/;
export const OUTBOX_MAX_PAYLOAD_BYTES = 65_536;

export class InvalidOutboxEventError extends Error {}

/**
 * Appends events to the transactional outbox (docs/adr/0009-outbox.md). The event is written in
 * the caller's tenant transaction, so it exists exactly when the change it announces commits.
 * The tenant is the transaction's own (app_current_tenant()), never a parameter.
 */
@Injectable()
export class OutboxWriter {
  async add(tx: TenantTx, event: NewOutboxEvent): Promise<string> {
    if (!OUTBOX_TOPIC.test(event.topic) || event.topic.length > 100) throw new InvalidOutboxEventError(`invalid outbox topic: ${event.topic}`);
    const payload = JSON.stringify(event.payload);
    if (Buffer.byteLength(payload) > OUTBOX_MAX_PAYLOAD_BYTES) throw new InvalidOutboxEventError(`outbox payload of ${event.topic} exceeds ${OUTBOX_MAX_PAYLOAD_BYTES} bytes`);
    const a = event.actor ?? null;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outbox_events (tenant_id, topic, payload, actor_issuer, actor_subject, actor_name, acting_role, available_at)
      VALUES (app_current_tenant(), ${event.topic}, ${payload}::jsonb, ${a?.issuer ?? null}, ${a?.subject ?? null}, ${a?.name ?? null},
              ${a?.actingRole ?? null}, coalesce(${event.availableAt ?? null}::timestamptz, now()))
      RETURNING id`;
    const [row] = rows;
    if (!row) throw new Error('the outbox insert returned no row');
    return row.id;
  }
}

export interface ClaimedOutboxEvent {
  id: string;
  tenantId: string;
  topic: string;
  payload: Prisma.JsonValue;
  actor: OutboxActor;
  createdAt: Date;
  /** 1 on the first delivery; higher after failures or an expired lease. */
  attempts: number;
  leaseUntil: Date;
}

export interface OutboxFailure {
  attempts: number;
  /** When the event is due again; null once it is dead. */
  nextAttemptAt: Date | null;
  dead: boolean;
}

interface ClaimRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: Prisma.JsonValue;
  actor_issuer: string | null;
  actor_subject: string | null;
  actor_name: string | null;
  acting_role: string | null;
  created_at: Date;
  attempts: number;
  lease_until: Date;
}

/**
 * The relay's side of the outbox: claims due events of all tenants through the SECURITY DEFINER
 * functions (the application role cannot read other tenants' events otherwise), then completes,
 * fails or releases them. Several relays may run at once: a claim skips rows another relay has
 * locked or leased. Delivery is at least once; handlers must be idempotent, and run each event
 * in its tenant's context (TenantContext.run({ id: event.tenantId, … })).
 */
@Injectable()
export class OutboxRelay {
  /** Identifies this process in claimed_by; unique per instance so that a restart does not inherit leases. */
  readonly claimer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(private readonly prisma: PrismaService) {}

  async claim(limit: number, leaseMs: number): Promise<ClaimedOutboxEvent[]> {
    const rows = await this.prisma.client.$queryRaw<ClaimRow[]>`
      SELECT * FROM outbox_claim(${limit}::int, ${this.claimer}, make_interval(secs => ${leaseMs / 1000}::float8))`;
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      topic: r.topic,
      payload: r.payload,
      actor: { issuer: r.actor_issuer, subject: r.actor_subject, name: r.actor_name, actingRole: r.acting_role },
      createdAt: r.created_at,
      attempts: r.attempts,
      leaseUntil: r.lease_until,
    }));
  }

  /**
   * False when the claimer no longer held the event (its lease expired and another relay took it).
   * `claimer`: the relay that claimed it, when the job ran in another process (default: this one).
   */
  async complete(id: string, claimer = this.claimer): Promise<boolean> {
    const rows = await this.prisma.client.$queryRaw<{ ok: boolean }[]>`SELECT outbox_complete(${id}::uuid, ${claimer}) AS ok`;
    return rows[0]?.ok === true;
  }

  /** Records the failure; the event is retried with backoff, or dead after `maxAttempts`. Null when no longer held. */
  async fail(id: string, error: string, maxAttempts = 10, claimer = this.claimer): Promise<OutboxFailure | null> {
    const rows = await this.prisma.client.$queryRaw<{ attempts: number; next_attempt_at: Date | null; dead: boolean }[]>`
      SELECT * FROM outbox_fail(${id}::uuid, ${claimer}, ${error}, ${maxAttempts}::int)`;
    const r = rows[0];
    return r ? { attempts: r.attempts, nextAttemptAt: r.next_attempt_at, dead: r.dead } : null;
  }

  /** Gives the event back without counting an attempt (clean shutdown). */
  async release(id: string): Promise<boolean> {
    const rows = await this.prisma.client.$queryRaw<{ ok: boolean }[]>`SELECT outbox_release(${id}::uuid, ${this.claimer}) AS ok`;
    return rows[0]?.ok === true;
  }

  /** Deletes events processed more than `days` ago (at least 1); returns how many. */
  async purge(days: number): Promise<number> {
    const rows = await this.prisma.client.$queryRaw<{ n: number }[]>`SELECT outbox_purge(make_interval(days => ${Math.max(1, Math.floor(days))}::int)) AS n`;
    return rows[0]?.n ?? 0;
  }

  /** Events still to do and dead letters, over all tenants: two numbers for the metrics, nothing else. */
  async counts(): Promise<{ pending: number; dead: number }> {
    const rows = await this.prisma.client.$queryRaw<{ pending: bigint; dead: bigint }[]>`SELECT * FROM outbox_counts()`;
    return { pending: Number(rows[0]?.pending ?? 0), dead: Number(rows[0]?.dead ?? 0) };
  }
}

/** A dead event as operators see it: no payload and only the kind of error, never its message. */
export interface OperatorDeadLetter {
  id: string;
  tenantId: string;
  topic: string;
  createdAt: Date;
  deadAt: Date;
  attempts: number;
  errorKind: string;
}

/** The position after which a page of dead letters continues (newest first by dead_at, then id). */
export interface DeadLetterPosition {
  deadAt: Date;
  id: string;
}

/**
 * Dead letters (events the worker gave up on) through the definer functions of migration
 * 20261202160000_worker_and_mail: `retry` revives a dead event of the transaction's own tenant
 * only; `acrossTenants` lists the dead events of every tenant for operators, without payload
 * or error message (those may name a tenant's data). A tenant's own dead letters, with their
 * full error, are an ordinary RLS-scoped read of outbox_events.
 */
@Injectable()
export class DeadLetters {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Makes a dead event of the current tenant due again with fresh attempts. False when `id` is
   * not a dead event of this tenant (another tenant's, live, processed, or no tenant declared).
   */
  async retry(tx: TenantTx, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT outbox_retry(${id}::uuid) AS ok`;
    return rows[0]?.ok === true;
  }

  /** Up to `limit` (1–500) dead events of all tenants strictly after `after`, newest first. */
  async acrossTenants(limit: number, after?: DeadLetterPosition): Promise<OperatorDeadLetter[]> {
    const rows = await this.prisma.client.$queryRaw<
      { id: string; tenant_id: string; topic: string; created_at: Date; dead_at: Date; attempts: number; error_kind: string }[]
    >`SELECT * FROM outbox_dead_letters(${limit}::int, ${after?.deadAt ?? null}::timestamptz, ${after?.id ?? null}::uuid)`;
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, topic: r.topic, createdAt: r.created_at, deadAt: r.dead_at, attempts: r.attempts, errorKind: errorKindOf(r.error_kind) }));
  }
}

/**
 * The function cuts last_error at its first ':'; the worker always writes "<kind>: <message>",
 * but an error written otherwise would hand operators up to 60 characters of its message. So
 * only a word-like kind passes.
 */
export function errorKindOf(raw: string | null): string {
  return raw && /^[A-Za-z][A-Za-z0-9_.-]{0,59}$/.test(raw) ? raw : 'unknown';
}
