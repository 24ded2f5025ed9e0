import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@ratsinfo/api-database';

export interface Page {
  id: string;
}

const PAGE = 500;
/** Versions carry their extracted text (up to a book each): smaller pages. */
const VERSION_PAGE = 100;

/** After the last row of the previous page: keyset on the primary key (stable, indexed, no offset scans). */
const byId = (after: Page | null, take = PAGE) => ({ where: after ? { id: { gt: after.id } } : {}, orderBy: { id: 'asc' as const }, take });

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

/**
 * The current tenant's rows for its export, a keyset page at a time (each call inside the
 * caller's short tenant transaction). Page sizes match EXPORT_PAGE_SIZE, so a short page is the last.
 */
@Injectable()
export class TenantExportRepository {
  organizations(tx: TenantTx, after: Page | null) {
    return tx.organization.findMany(byId(after));
  }

  persons(tx: TenantTx, after: Page | null) {
    return tx.person.findMany(byId(after));
  }

  memberships(tx: TenantTx, after: Page | null) {
    return tx.membership.findMany(byId(after));
  }

  async membershipsOf(tx: TenantTx, key: 'personId' | 'organizationId', ids: string[]) {
    if (!ids.length) return new Map<string, never[]>();
    const rows = await tx.membership.findMany({ where: { [key]: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return groupBy(rows, (m) => m[key]);
  }

  meetings(tx: TenantTx, after: Page | null) {
    return tx.meeting.findMany(byId(after));
  }

  async agendaItemsOf(tx: TenantTx, meetingIds: string[]) {
    if (!meetingIds.length) return new Map<string, never[]>();
    const rows = await tx.agendaItem.findMany({ where: { meetingId: { in: meetingIds } }, orderBy: [{ meetingId: 'asc' }, { order: 'asc' }] });
    return groupBy(rows, (a) => a.meetingId);
  }

  agendaItems(tx: TenantTx, after: Page | null) {
    return tx.agendaItem.findMany(byId(after));
  }

  papers(tx: TenantTx, after: Page | null) {
    return tx.paper.findMany({ ...byId(after), include: { paperType: { select: { name: true } } } });
  }

  async filesOfPapers(tx: TenantTx, paperIds: string[]) {
    if (!paperIds.length) return new Map<string, string[]>();
    const rows = await tx.file.findMany({ where: { paperId: { in: paperIds } }, select: { id: true, paperId: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
    const m = new Map<string, string[]>();
    for (const r of rows) if (r.paperId) m.set(r.paperId, [...(m.get(r.paperId) ?? []), r.id]);
    return m;
  }

  consultations(tx: TenantTx, after: Page | null) {
    return tx.consultation.findMany(byId(after));
  }

  files(tx: TenantTx, after: Page | null) {
    return tx.file.findMany({
      ...byId(after),
      include: { versions: { select: { number: true, fileName: true, mimeType: true, size: true, sha512: true, createdAt: true }, orderBy: { number: 'asc' } } },
    });
  }

  async fileVersions(tx: TenantTx, after: Page | null) {
    const rows = await tx.fileVersion.findMany({ where: after ? { id: { gt: after.id } } : {}, orderBy: { id: 'asc' }, take: VERSION_PAGE });
    return rows;
  }

  userAccounts(tx: TenantTx, after: Page | null) {
    return tx.userAccount.findMany(byId(after));
  }

  supportAccessGrants(tx: TenantTx, after: Page | null) {
    return tx.supportAccessGrant.findMany(byId(after));
  }

  // The meeting service (issue 9): attendance, named votes, conflicts of interest, resolutions
  // and their notes, as the app's own rows. Annotations are private to their authors: row-level
  // security gives the export none of them, and none is asked for.
  meetingAttendances(tx: TenantTx, after: Page | null) {
    return tx.meetingAttendance.findMany(byId(after));
  }

  namedVotes(tx: TenantTx, after: Page | null) {
    return tx.namedVote.findMany(byId(after));
  }

  voteConflicts(tx: TenantTx, after: Page | null) {
    return tx.voteConflict.findMany(byId(after));
  }

  resolutions(tx: TenantTx, after: Page | null) {
    return tx.resolution.findMany(byId(after));
  }

  resolutionNotes(tx: TenantTx, after: Page | null) {
    return tx.resolutionNote.findMany(byId(after));
  }

  /** Oldest first, as the log reads (keyset on occurred_at, id). */
  auditEvents(tx: TenantTx, after: (Page & { occurredAt?: Date }) | null) {
    return tx.auditEvent.findMany({
      where: after?.occurredAt ? { OR: [{ occurredAt: { gt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { gt: after.id } }] } : {},
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      take: PAGE,
    });
  }
}
