import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@ratsinfo/api-database';
import type { FileOwnerKind, FileOwnerRef } from '@ratsinfo/contracts';

/** What the visibility rule needs to know about a file's owner. */
export interface OwnerFacts {
  kind: FileOwnerKind;
  id: string;
  /** False when the owner (or an agenda item's meeting) is deleted. */
  alive: boolean;
  /** A draft paper: staff only. */
  draft: boolean;
  /** Public as the portal sees it (paper: public and not a draft; agenda item: public). */
  public: boolean;
  /** Whose non-public content this is (paper: its consultations' organizations; item and meeting: the meeting's; person: their bodies). */
  organizationIds: string[];
  /** Papers: their main file; persons: their photo. */
  mainFileId: string | null;
}

const versionSelect = {
  number: true,
  fileName: true,
  mimeType: true,
  size: true,
  sha512: true,
  storageKey: true,
  textExtractedAt: true,
  textExtractionMethod: true,
  textExtractionError: true,
  textPageCount: true,
  uploadedByName: true,
  createdAt: true,
} as const;

const ownerInclude = {
  paper: { select: { id: true, deletedAt: true, public: true, status: true, mainFileId: true, consultations: { where: { deletedAt: null }, select: { organizationId: true } } } },
  meeting: { select: { id: true, deletedAt: true, organizationId: true } },
  agendaItem: { select: { id: true, deletedAt: true, public: true, meeting: { select: { deletedAt: true, organizationId: true } } } },
  person: { select: { id: true, deletedAt: true, photoFileId: true, memberships: { where: { deletedAt: null }, select: { organizationId: true } } } },
} as const;

const fileInclude = { versions: { select: versionSelect, orderBy: { number: 'asc' } }, ...ownerInclude } as const;

type FileRow = NonNullable<Awaited<ReturnType<FilesRepository['findFile']>>>;
export type StoredFile = FileRow;
export type StoredVersion = FileRow['versions'][number];

/** Queries of files and their versions, always inside the caller's tenant transaction. */
@Injectable()
export class FilesRepository {
  findFile(tx: TenantTx, id: string) {
    return tx.file.findFirst({ where: { id, deletedAt: null }, include: fileInclude });
  }

  listByOwner(tx: TenantTx, owner: FileOwnerRef) {
    return tx.file.findMany({ where: { ...ownerWhere(owner), deletedAt: null }, include: fileInclude, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Files of many owners of one kind at once (one query, e.g. every agenda item of a meeting). */
  listByOwners(tx: TenantTx, kind: FileOwnerKind, ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    const column = { paper: 'paperId', meeting: 'meetingId', 'agenda-item': 'agendaItemId', person: 'personId' }[kind];
    return tx.file.findMany({ where: { [column]: { in: [...ids] }, deletedAt: null }, include: fileInclude, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
  }

  async ownerFacts(tx: TenantTx, owner: FileOwnerRef): Promise<OwnerFacts | null> {
    switch (owner.kind) {
      case 'paper': {
        const p = await tx.paper.findUnique({ where: { id: owner.id }, select: ownerInclude.paper.select });
        return p ? paperFacts(p) : null;
      }
      case 'meeting': {
        const m = await tx.meeting.findUnique({ where: { id: owner.id }, select: ownerInclude.meeting.select });
        return m ? meetingFacts(m) : null;
      }
      case 'agenda-item': {
        const a = await tx.agendaItem.findUnique({ where: { id: owner.id }, select: ownerInclude.agendaItem.select });
        return a ? agendaItemFacts(a) : null;
      }
      case 'person': {
        const p = await tx.person.findUnique({ where: { id: owner.id }, select: ownerInclude.person.select });
        return p ? personFacts(p) : null;
      }
    }
  }

  async nextSortOrder(tx: TenantTx, owner: FileOwnerRef): Promise<number> {
    const r = await tx.file.aggregate({ where: { ...ownerWhere(owner), deletedAt: null }, _max: { sortOrder: true } });
    return (r._max.sortOrder ?? -1) + 1;
  }

  async lastVersionNumber(tx: TenantTx, fileId: string): Promise<number> {
    const r = await tx.fileVersion.aggregate({ where: { fileId }, _max: { number: true } });
    return r._max.number ?? 0;
  }

  createFile(tx: TenantTx, data: { tenantId: string; owner: FileOwnerRef; name: string; public: boolean; sortOrder: number }) {
    return tx.file.create({
      data: { tenantId: data.tenantId, name: data.name, public: data.public, sortOrder: data.sortOrder, ...ownerWhere(data.owner) },
      select: { id: true },
    });
  }

  addVersion(tx: TenantTx, data: { tenantId: string; fileId: string; number: number; fileName: string; mimeType: string; size: number; sha512: string; storageKey: string; uploadedByName: string | null }) {
    return tx.fileVersion.create({ data: { ...data, size: BigInt(data.size) }, select: { id: true } });
  }

  /** Compare-and-set on the file's version; 0 when someone else saved first (or it is gone). */
  async updateIfVersion(tx: TenantTx, id: string, expected: number, data: { name?: string; public?: boolean; sortOrder?: number; currentVersion?: number; deletedAt?: Date }): Promise<number> {
    const r = await tx.file.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
    return r.count;
  }

  setPaperMainFile(tx: TenantTx, paperId: string, fileId: string | null) {
    return tx.paper.update({ where: { id: paperId }, data: { mainFileId: fileId }, select: { id: true } });
  }

  setPersonPhoto(tx: TenantTx, personId: string, fileId: string | null) {
    return tx.person.update({ where: { id: personId }, data: { photoFileId: fileId }, select: { id: true } });
  }

  /** Which of these storage keys a version refers to (the tenant's own, by RLS). */
  /**
   * Which of these keys are in use: by a file version, a meeting bundle or a tenant export (all
   * three keep their bytes in the same storage, so the orphan sweep must spare each of them).
   */
  async referencedKeys(tx: TenantTx, keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const [versions, bundles, exports] = await Promise.all([
      tx.fileVersion.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
      tx.meetingBundle.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
      tx.tenantExport.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } }),
    ]);
    return new Set([...versions, ...bundles, ...exports].map((r) => r.storageKey).filter((k): k is string => k !== null));
  }
}

function ownerWhere(owner: FileOwnerRef) {
  switch (owner.kind) {
    case 'paper':
      return { paperId: owner.id };
    case 'meeting':
      return { meetingId: owner.id };
    case 'agenda-item':
      return { agendaItemId: owner.id };
    case 'person':
      return { personId: owner.id };
  }
}

type PaperOwner = { id: string; deletedAt: Date | null; public: boolean; status: string; mainFileId: string | null; consultations: { organizationId: string }[] };
type MeetingOwner = { id: string; deletedAt: Date | null; organizationId: string };
type AgendaItemOwner = { id: string; deletedAt: Date | null; public: boolean; meeting: { deletedAt: Date | null; organizationId: string } };
type PersonOwner = { id: string; deletedAt: Date | null; photoFileId: string | null; memberships: { organizationId: string }[] };

const paperFacts = (p: PaperOwner): OwnerFacts => ({
  kind: 'paper',
  id: p.id,
  alive: !p.deletedAt,
  draft: p.status === 'draft',
  public: p.public && p.status !== 'draft',
  organizationIds: [...new Set(p.consultations.map((c) => c.organizationId))],
  mainFileId: p.mainFileId,
});
const meetingFacts = (m: MeetingOwner): OwnerFacts => ({ kind: 'meeting', id: m.id, alive: !m.deletedAt, draft: false, public: true, organizationIds: [m.organizationId], mainFileId: null });
const agendaItemFacts = (a: AgendaItemOwner): OwnerFacts => ({
  kind: 'agenda-item',
  id: a.id,
  alive: !a.deletedAt && !a.meeting.deletedAt,
  draft: false,
  public: a.public,
  organizationIds: [a.meeting.organizationId],
  mainFileId: null,
});
const personFacts = (p: PersonOwner): OwnerFacts => ({
  kind: 'person',
  id: p.id,
  alive: !p.deletedAt,
  draft: false,
  public: true,
  organizationIds: [...new Set(p.memberships.map((m) => m.organizationId))],
  mainFileId: p.photoFileId,
});

/** The owner of a loaded file, as facts for the visibility rule. */
export function ownerOf(file: StoredFile): OwnerFacts {
  if (file.paper) return paperFacts(file.paper);
  if (file.meeting) return meetingFacts(file.meeting);
  if (file.agendaItem) return agendaItemFacts(file.agendaItem);
  if (file.person) return personFacts(file.person);
  // A CHECK makes exactly one owner non-null; a row here without one is a bug.
  throw new Error(`file ${file.id} has no owner`);
}
