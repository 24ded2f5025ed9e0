import { Injectable, Logger } from '@nestjs/common';
import { keysetNewestFirst, pageOf, type OutboxEvent, type TenantTx } from '@ratsinfo/api-database';
import type { DeadLetterSubjectDto, DeadLetterSubjectKind, PageQuery } from '@ratsinfo/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The payload key that names what an event is about, most specific first. */
const SUBJECT_KEYS: readonly [string, DeadLetterSubjectKind][] = [
  ['mailId', 'mail'],
  ['exportId', 'export'],
  ['bundleId', 'bundle'],
  ['absenceNoticeId', 'absence'],
  ['absenceId', 'absence'],
  ['fileId', 'file'],
  ['meetingId', 'meeting'],
];

/** The subject an event's payload names (ids only; nothing read yet). */
export function subjectOf(payload: unknown): { kind: DeadLetterSubjectKind; id: string } | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  for (const [key, kind] of SUBJECT_KEYS) {
    const v = p[key];
    if (typeof v === 'string' && UUID.test(v)) return { kind, id: v.toLowerCase() };
  }
  return null;
}

/**
 * A tenant's dead letters, read under RLS in its own transaction (the application role may
 * SELECT its tenant's outbox events), and what they refer to.
 */
@Injectable()
export class DeadLettersRepository {
  private readonly logger = new Logger(DeadLettersRepository.name);

  /** Dead (and not processed) events, newest death first, a page at a time. */
  async page(tx: TenantTx, q: PageQuery): Promise<{ rows: OutboxEvent[]; nextCursor: string | null }> {
    const k = keysetNewestFirst('deadAt', q.cursor, q.limit);
    const rows = await tx.outboxEvent.findMany({ ...k, where: { AND: [{ deadAt: { not: null }, processedAt: null }, k.where] } });
    // Every row has dead_at (the where clause); created_at only keeps the type total.
    return pageOf(rows, q.limit, (e) => e.deadAt ?? e.createdAt);
  }

  count(tx: TenantTx): Promise<number> {
    return tx.outboxEvent.count({ where: { deadAt: { not: null }, processedAt: null } });
  }

  find(tx: TenantTx, id: string): Promise<Pick<OutboxEvent, 'id' | 'topic' | 'payload' | 'attempts' | 'deadAt' | 'processedAt' | 'lastError'> | null> {
    return tx.outboxEvent.findUnique({ where: { id }, select: { id: true, topic: true, payload: true, attempts: true, deadAt: true, processedAt: true, lastError: true } });
  }

  /**
   * Names what each event refers to, one query per kind of record. Best effort: a record that
   * is gone leaves the name empty, and a lookup that fails is logged and skipped, never failing
   * the list. Each lookup runs in a transaction of its own (`inTenant`), because a failed
   * statement aborts the PostgreSQL transaction it ran in.
   */
  async subjects(inTenant: <T>(fn: (tx: TenantTx) => Promise<T>) => Promise<T>, events: readonly Pick<OutboxEvent, 'id' | 'payload'>[]): Promise<Map<string, DeadLetterSubjectDto>> {
    const refs = new Map<string, { kind: DeadLetterSubjectKind; id: string }>();
    for (const e of events) {
      const s = subjectOf(e.payload);
      if (s) refs.set(e.id, s);
    }
    const ids = (kind: DeadLetterSubjectKind) => [...new Set([...refs.values()].filter((r) => r.kind === kind).map((r) => r.id))];
    const found = new Map<string, Omit<DeadLetterSubjectDto, 'kind' | 'id'>>();
    const key = (kind: DeadLetterSubjectKind, id: string) => `${kind}:${id}`;
    const empty = { name: null, date: null, detail: null, meetingId: null };
    const lookups: Record<DeadLetterSubjectKind, (tx: TenantTx, ids: string[]) => Promise<void>> = {
      mail: async (tx, ids) => {
        for (const m of await tx.mailMessage.findMany({ where: { id: { in: ids } }, select: { id: true, recipientEmail: true, recipientName: true, template: true, meetingId: true } }))
          found.set(key('mail', m.id), { name: m.recipientName ? `${m.recipientName} <${m.recipientEmail}>` : m.recipientEmail, date: null, detail: m.template, meetingId: m.meetingId });
      },
      meeting: async (tx, ids) => {
        for (const m of await tx.meeting.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, start: true } }))
          found.set(key('meeting', m.id), { name: m.name, date: m.start.toISOString(), detail: null, meetingId: m.id });
      },
      file: async (tx, ids) => {
        for (const f of await tx.file.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, meetingId: true } }))
          found.set(key('file', f.id), { name: f.name, date: null, detail: null, meetingId: f.meetingId });
      },
      bundle: async (tx, ids) => {
        for (const b of await tx.meetingBundle.findMany({ where: { id: { in: ids } }, select: { id: true, variant: true, meeting: { select: { id: true, name: true, start: true } } } }))
          found.set(key('bundle', b.id), { name: b.meeting.name, date: b.meeting.start.toISOString(), detail: b.variant, meetingId: b.meeting.id });
      },
      export: async (tx, ids) => {
        for (const x of await tx.tenantExport.findMany({ where: { id: { in: ids } }, select: { id: true, reason: true, createdAt: true, status: true } }))
          found.set(key('export', x.id), { name: x.reason, date: x.createdAt.toISOString(), detail: x.status, meetingId: null });
      },
      absence: async (tx, ids) => {
        for (const a of await tx.absenceNotice.findMany({ where: { id: { in: ids } }, select: { id: true, meeting: { select: { id: true, name: true, start: true } } } }))
          found.set(key('absence', a.id), { name: a.meeting.name, date: a.meeting.start.toISOString(), detail: null, meetingId: a.meeting.id });
      },
    };
    for (const [kind, lookup] of Object.entries(lookups) as [DeadLetterSubjectKind, (tx: TenantTx, ids: string[]) => Promise<void>][]) {
      const wanted = ids(kind);
      if (wanted.length === 0) continue;
      try {
        await inTenant((tx) => lookup(tx, wanted));
      } catch (e) {
        this.logger.warn(`could not name the ${kind} records of dead letters: ${(e as Error).message}`);
      }
    }
    const out = new Map<string, DeadLetterSubjectDto>();
    for (const [eventId, r] of refs) out.set(eventId, { kind: r.kind, id: r.id, ...(found.get(key(r.kind, r.id)) ?? empty) });
    return out;
  }
}
