import { Injectable } from '@nestjs/common';
import { AuthContext } from '@ratsinfo/api-core';
import { NonPublicAccess } from '@ratsinfo/api-council';
import { keysetNewestFirst, literalWords, pageOf, paperTitleOrReferenceContainsAll, type Prisma, SearchIndex, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { type FileReader, FilesRepository, mayReadFile, ownerOf, type StoredFile } from '@ratsinfo/api-files';
import { type PaperViewer, readablePapers } from '@ratsinfo/api-papers';
import { berlinDate, startOfBerlinDay } from '@ratsinfo/berlin-time';
import { type KeysetPosition, type MyBodyListDto, type MyDocumentPageDto, type MyDocumentsQuery, type MyMeetingPageDto, type MyMeetingsQuery } from '@ratsinfo/contracts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Who the caller is and what they may read, once per transaction: their person (through their
 * account; staff accounts usually have none), and the one visibility rule (NonPublicAccess, ADR
 * 0013) as the paper and file readers need it.
 */
export interface Caller {
  accountId: string | null;
  personId: string | null;
  viewer: PaperViewer;
  reader: FileReader;
}

@Injectable()
export class CallerResolver {
  constructor(
    private readonly auth: AuthContext,
    private readonly access: NonPublicAccess,
  ) {}

  async resolve(tx: TenantTx): Promise<Caller> {
    const session = this.auth.requireTenantSession();
    const account = session.accountId ? await tx.userAccount.findUnique({ where: { id: session.accountId }, select: { personId: true } }) : null;
    const member = session.actingRole === 'member';
    const scope = member ? await this.access.scope(tx) : ({ kind: 'all' } as const);
    return {
      accountId: session.accountId,
      personId: account?.personId ?? null,
      viewer: { member, scope },
      reader: member ? { kind: 'member', scope } : { kind: 'staff' },
    };
  }
}

/** Memberships current on a calendar day (memberships carry calendar dates). */
export function currentOn(dayStart: Date): Prisma.MembershipWhereInput {
  return { deletedAt: null, AND: [{ OR: [{ startDate: null }, { startDate: { lte: dayStart } }] }, { OR: [{ endDate: null }, { endDate: { gte: dayStart } }] }] };
}

/** Files the caller may read, by the files' own rule. */
export function readableFiles(files: StoredFile[], reader: FileReader): StoredFile[] {
  return files.filter((f) => mayReadFile(reader, f, ownerOf(f)));
}

/** The members' area reads: the caller's bodies, meetings and documents. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly caller: CallerResolver,
    private readonly files: FilesRepository,
    private readonly search: SearchIndex,
  ) {}

  async bodies(): Promise<MyBodyListDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.caller.resolve(tx);
      if (!me.personId) return { data: [] };
      const rows = await tx.membership.findMany({
        where: { personId: me.personId, ...currentOn(new Date(`${berlinDate()}T00:00:00Z`)), organization: { deletedAt: null } },
        select: {
          role: true,
          votingRight: true,
          startDate: true,
          endDate: true,
          organization: { select: { id: true, name: true, shortName: true, organizationType: true } },
          deputyFor: { select: { id: true, givenName: true, familyName: true } },
        },
      });
      const typeOrder = { council: 0, committee: 1, faction: 2, other: 3 } as const;
      rows.sort((a, b) => typeOrder[a.organization.organizationType] - typeOrder[b.organization.organizationType] || a.organization.name.localeCompare(b.organization.name, 'de'));
      return {
        data: rows.map((m) => ({
          organizationId: m.organization.id,
          name: m.organization.name,
          shortName: m.organization.shortName,
          organizationType: m.organization.organizationType,
          role: m.role,
          votingRight: m.votingRight,
          deputyFor: m.deputyFor ? { personId: m.deputyFor.id, name: `${m.deputyFor.givenName} ${m.deputyFor.familyName}`.trim() } : null,
          since: day(m.startDate),
          until: day(m.endDate),
        })),
      };
    });
  }

  /**
   * Meetings of the bodies the caller belongs to today. Upcoming: from the start of today
   * (Berlin), soonest first; past: before today, latest first. Keyset paged over (start, id).
   */
  async meetings(q: MyMeetingsQuery): Promise<MyMeetingPageDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.caller.resolve(tx);
      if (!me.personId) return { data: [], nextCursor: null };
      const bodies = await tx.membership.findMany({
        where: { personId: me.personId, ...currentOn(new Date(`${berlinDate()}T00:00:00Z`)) },
        select: { organizationId: true },
      });
      const organizationIds = [...new Set(bodies.map((b) => b.organizationId))];
      if (!organizationIds.length) return { data: [], nextCursor: null };
      const today = startOfBerlinDay(berlinDate());
      const upcoming = q.when === 'upcoming';
      const page = upcoming ? keysetOldestFirst('start', q.cursor, q.limit) : keysetNewestFirst('start', q.cursor, q.limit);
      const rows = await tx.meeting.findMany({
        where: { AND: [{ deletedAt: null, organizationId: { in: organizationIds }, start: upcoming ? { gte: today } : { lt: today } }, page.where] },
        orderBy: page.orderBy,
        take: page.take,
        select: {
          id: true,
          name: true,
          start: true,
          end: true,
          locationText: true,
          meetingState: true,
          cancelled: true,
          organization: { select: { id: true, name: true, shortName: true } },
        },
      });
      const { rows: meetings, nextCursor } = pageOf(rows, q.limit, (r) => r.start);
      const ids = meetings.map((m) => m.id);
      const items = ids.length ? await tx.agendaItem.findMany({ where: { meetingId: { in: ids }, deletedAt: null }, select: { id: true, meetingId: true, public: true } }) : [];
      const itemMeeting = new Map(items.map((i) => [i.id, i.meetingId]));
      const organizationOf = new Map(meetings.map((m) => [m.id, m.organization.id]));
      const readableItems = items.filter((i) => i.public || NonPublicAccess.allows(me.viewer.scope, organizationOf.get(i.meetingId) ?? ''));
      const files = readableFiles(
        [...(await this.files.listByOwners(tx, 'meeting', ids)), ...(await this.files.listByOwners(tx, 'agenda-item', items.map((i) => i.id)))],
        me.reader,
      );
      const notices = ids.length
        ? await tx.absenceNotice.findMany({ where: { meetingId: { in: ids }, personId: me.personId, withdrawnAt: null }, select: { meetingId: true, createdAt: true } })
        : [];
      const noticeOf = new Map(notices.map((n) => [n.meetingId, n.createdAt]));
      const now = Date.now();
      return {
        nextCursor,
        data: meetings.map((m) => {
          const noticed = noticeOf.get(m.id) ?? null;
          const open = !m.cancelled && (m.end ?? m.start).getTime() >= now;
          return {
            id: m.id,
            name: m.name,
            start: m.start.toISOString(),
            end: m.end?.toISOString() ?? null,
            locationText: m.locationText,
            meetingState: m.meetingState,
            cancelled: m.cancelled,
            organization: m.organization,
            absence: { state: noticed ? 'noticed' : open ? 'open' : 'closed', noticedAt: noticed?.toISOString() ?? null },
            itemCount: readableItems.filter((i) => i.meetingId === m.id).length,
            fileCount: files.filter((f) => f.meetingId === m.id || (f.agendaItemId !== null && itemMeeting.get(f.agendaItemId) === m.id)).length,
          };
        }),
      };
    });
  }

  /**
   * Papers the caller may read (readablePapers: the one rule), newest first, each with the files
   * they may read of it. `q`: every word in the title or reference (literally, no wildcards), or
   * a full-text hit of the search index (its best 100, then filtered by the same rule).
   */
  async documents(q: MyDocumentsQuery): Promise<MyDocumentPageDto> {
    return this.db.transaction(async (tx) => {
      const me = await this.caller.resolve(tx);
      const page = keysetNewestFirst('date', q.cursor, q.limit);
      const and: Prisma.PaperWhereInput[] = [readablePapers(me.viewer), page.where];
      if (q.q) {
        const title: Prisma.PaperWhereInput = { AND: paperTitleOrReferenceContainsAll(literalWords(q.q)) };
        const hits = await this.search.search(tx, q.q, { publicOnly: false, entityTypes: ['paper'], limit: 100 });
        and.push(hits.length ? { OR: [title, { id: { in: hits.map((h) => h.entityId) } }] } : title);
      }
      const rows = await tx.paper.findMany({
        where: { AND: and },
        orderBy: page.orderBy,
        take: page.take,
        select: { id: true, reference: true, name: true, date: true, status: true, public: true, paperType: { select: { name: true } } },
      });
      const { rows: papers, nextCursor } = pageOf(rows, q.limit, (r) => r.date);
      const files = readableFiles(await this.files.listByOwners(tx, 'paper', papers.map((p) => p.id)), me.reader);
      const fileIds = files.map((f) => f.id);
      const notes = papers.length
        ? await tx.annotation.findMany({ where: { OR: [{ paperId: { in: papers.map((p) => p.id) } }, ...(fileIds.length ? [{ fileId: { in: fileIds } }] : [])] }, select: { paperId: true, fileId: true } })
        : [];
      const paperOfFile = new Map(files.map((f) => [f.id, f.paperId]));
      return {
        nextCursor,
        data: papers.map((p) => ({
          id: p.id,
          reference: p.reference,
          name: p.name,
          date: p.date.toISOString().slice(0, 10),
          status: p.status,
          public: p.public,
          paperType: p.paperType.name,
          files: files
            .filter((f) => f.paperId === p.id)
            .map((f) => {
              const v = f.versions.at(-1);
              return { id: f.id, name: f.name, public: f.public, mimeType: v?.mimeType ?? null, size: v ? Number(v.size) : null };
            }),
          annotationCount: notes.filter((n) => n.paperId === p.id || (n.fileId !== null && paperOfFile.get(n.fileId) === p.id)).length,
        })),
      };
    });
  }
}

/** Keyset paging soonest first over (field, id): the mirror of keysetNewestFirst. */
function keysetOldestFirst<F extends string>(field: F, after: KeysetPosition | undefined, limit: number) {
  const orderBy = [{ [field]: 'asc' }, { id: 'asc' }] as { [K in F | 'id']?: 'asc' }[];
  const where = after ? { OR: [{ [field]: { gt: new Date(after.at) } }, { [field]: new Date(after.at), id: { gt: after.id } }] } : {};
  return { where, orderBy, take: limit + 1 };
}
