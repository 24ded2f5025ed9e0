import { Injectable } from '@nestjs/common';
import { AuthContext } from '@ratsinfo/api-core';
import { OutboxWriter, type TenantTx } from '@ratsinfo/api-database';
import type { FileOwnerRef } from '@ratsinfo/contracts';

/** Outbox topic: (re)generate the bundles (Sitzungsmappen) of one meeting; handled in libs/api/bundles. */
export const BUNDLE_REQUESTED_TOPIC = 'bundle.meeting-requested';

/**
 * Asks for a meeting's bundles to be generated again, in the caller's transaction (so a change
 * that rolls back asks for nothing). Lives beside the files because file changes are its main
 * cause, and both the meetings and the bundles library can import it from here.
 *
 * Many requests for one meeting are harmless (the handler compares a hash of the sources and
 * does nothing when it is unchanged), but one is skipped while an earlier request for the same
 * meeting has not been picked up by a worker yet: that one will read the change anyway. A
 * request already claimed may have read the sources before this change, so it does not count.
 */
@Injectable()
export class MeetingBundleRequests {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly auth: AuthContext,
  ) {}

  async forMeetings(tx: TenantTx, meetingIds: readonly string[]): Promise<number> {
    let written = 0;
    for (const meetingId of [...new Set(meetingIds)]) {
      const pending = await tx.$queryRaw<{ n: number }[]>`
        SELECT 1 AS n FROM outbox_events
         WHERE topic = ${BUNDLE_REQUESTED_TOPIC} AND payload->>'meetingId' = ${meetingId}
           AND processed_at IS NULL AND dead_at IS NULL AND claimed_at IS NULL AND attempts = 0
         LIMIT 1`;
      if (pending.length) continue;
      await this.outbox.add(tx, { topic: BUNDLE_REQUESTED_TOPIC, payload: { meetingId }, actor: this.actor() });
      written++;
    }
    return written;
  }

  /**
   * A file of this owner was added, replaced, deleted or changed: the meetings whose bundles may
   * show it. A meeting's or agenda item's own meeting; for a paper, the upcoming (or today's)
   * meetings that have it on their agenda — a past meeting's bundle stays as it was. Persons: none.
   */
  async forFileOwner(tx: TenantTx, owner: FileOwnerRef): Promise<number> {
    let meetingIds: string[] = [];
    switch (owner.kind) {
      case 'meeting':
        meetingIds = [owner.id];
        break;
      case 'agenda-item': {
        const item = await tx.agendaItem.findUnique({ where: { id: owner.id }, select: { meetingId: true } });
        meetingIds = item ? [item.meetingId] : [];
        break;
      }
      case 'paper': {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT DISTINCT m.id FROM meetings m
            JOIN agenda_items a ON a.meeting_id = m.id AND a.deleted_at IS NULL
            JOIN consultations c ON c.id = a.consultation_id
           WHERE c.paper_id = ${owner.id}::uuid AND m.deleted_at IS NULL
             AND coalesce(m."end", m.start) >= now() - interval '1 day'`;
        meetingIds = rows.map((r) => r.id);
        break;
      }
      case 'person':
        break;
    }
    return this.forMeetings(tx, meetingIds);
  }

  private actor() {
    const p = this.auth.principal();
    const s = this.auth.tenantSession();
    return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
  }
}
