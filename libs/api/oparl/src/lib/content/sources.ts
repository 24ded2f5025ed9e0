import { Injectable } from '@nestjs/common';
import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import { fileAccessUrl, toOParlAgendaItem, toOParlConsultation, toOParlFile, toOParlMeeting, toOParlPaper } from '../content-mappers';
import { type OParlContext, type OParlListSource, type OParlObject, type OParlPageEntry, type OParlPageRequest, PAGE_ORDER, pageWhere, tombstone } from '../list-source';
import { OPARL_SCHEMA, type OParlList } from '../urls';
import { FILE_WAS_PUBLIC, isUuid, PAPER_FLAGS_PUBLIC, PUBLIC_ITEM, PUBLIC_PAPER } from './public-rules';
import { agendaItemExtras, agendaItemSelect, consultationSelect, consultationSource, fileSelect, fileSource, meetingExtras, meetingSelect, paperLinks, type PaperLinks, paperSelect, type PaperRow } from './rows';

/**
 * The OParl lists of the council's content: meetings, agendaItems, papers, consultations, files
 * (OParlListSource, see list-source.ts). Each page is one query with Prisma's batched relation
 * loading (a statement per relation for the whole page, never per object); `one` runs the same
 * query for one id, so an object and its list entry are the same JSON.
 */

const order = () => [...PAGE_ORDER];
const later = (a: Date, b: Date | null | undefined) => (b && b > a ? b : a);
/**
 * A tombstone: id, type, created, modified, deleted, plus what the type's schema requires (an
 * AgendaItem's `order`, a File's `accessUrl`, which then answers 410), so validators accept it.
 */
const stone = (ctx: OParlContext, list: OParlList, type: string, id: string, created: Date, modified: Date, required: Record<string, unknown> = {}): OParlObject => ({
  ...tombstone(ctx.urls.object(list, id), `${OPARL_SCHEMA}/${type}`, { createdAt: created, updatedAt: modified }),
  ...required,
});
const entry = (r: { id: string; updatedAt: Date }, object: OParlObject): OParlPageEntry => ({ cursor: { modified: r.updatedAt, id: r.id }, object });
const where = <W>(r: OParlPageRequest, ...rules: W[]) => ({ AND: [...pageWhere(r).AND, ...rules] }) as W;

// ---------------------------------------------------------------- meetings

@Injectable()
export class OParlMeetingsSource implements OParlListSource {
  readonly list = 'meetings' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.meeting.findMany({ where: where<Prisma.MeetingWhereInput>(r), orderBy: order(), take: r.limit + 1, select: meetingSelect });
    return rows.map((m) => entry(m, this.map(m, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const m = await tx.meeting.findFirst({ where: { id }, select: meetingSelect });
    return m ? this.map(m, ctx) : null;
  }

  private map(m: Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>, ctx: OParlContext): OParlObject {
    if (m.deletedAt) return stone(ctx, 'meetings', 'Meeting', m.id, m.createdAt, m.updatedAt);
    return toOParlMeeting(m, ctx.urls, m.agendaItems, meetingExtras(m, ctx));
  }
}

// ---------------------------------------------------------------- agendaItems

const itemWithMeetingSelect = { ...agendaItemSelect, meeting: { select: { id: true, meetingState: true, cancelled: true, recordingUrl: true, deletedAt: true, updatedAt: true } } } as const;
type ItemWithMeeting = Prisma.AgendaItemGetPayload<{ select: typeof itemWithMeetingSelect }>;

@Injectable()
export class OParlAgendaItemsSource implements OParlListSource {
  readonly list = 'agendaItems' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rules: Prisma.AgendaItemWhereInput[] = [{ public: true }, ...(r.includeDeleted ? [] : [{ meeting: { deletedAt: null } }])];
    const rows = await tx.agendaItem.findMany({ where: where(r, ...rules), orderBy: order(), take: r.limit + 1, select: itemWithMeetingSelect });
    return rows.map((a) => entry(a, this.map(a, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const a = await tx.agendaItem.findFirst({ where: { id, public: true }, select: itemWithMeetingSelect });
    return a ? this.map(a, ctx) : null;
  }

  private map(a: ItemWithMeeting, ctx: OParlContext): OParlObject {
    if (a.deletedAt || a.meeting.deletedAt) return stone(ctx, 'agendaItems', 'AgendaItem', a.id, a.createdAt, later(a.updatedAt, a.meeting.deletedAt), { order: a.order });
    return toOParlAgendaItem(a, ctx.urls, agendaItemExtras(a, a.meeting, ctx));
  }
}

// ---------------------------------------------------------------- papers

/** A paper as OParl shows it: only public papers in its reference lists, only public files. */
export function paperObject(p: PaperRow, links: PaperLinks | undefined, ctx: OParlContext): OParlObject {
  if (p.deletedAt) return stone(ctx, 'papers', 'Paper', p.id, p.createdAt, p.updatedAt);
  const mainFile = p.mainFileId ? p.files.find((f) => f.id === p.mainFileId) : undefined;
  return toOParlPaper({ ...p, paperTypeName: p.paperType.name }, ctx.urls, {
    relatedPaperIds: [...new Set(links?.related ?? [])],
    superordinatedPaperIds: links?.superordinated,
    subordinatedPaperIds: links?.subordinated,
    mainFile: mainFile ? fileSource(mainFile) : null,
    auxiliaryFiles: p.files.filter((f) => f !== mainFile).map(fileSource),
    originatorPersonIds: links?.originatorPersons,
    originatorOrganizationIds: links?.originatorOrganizations,
    consultations: p.consultations.map(consultationSource),
    resolutions: links?.resolutions,
    web: ctx.web.paper(p.id),
  });
}

@Injectable()
export class OParlPapersSource implements OParlListSource {
  readonly list = 'papers' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rows = await tx.paper.findMany({ where: where<Prisma.PaperWhereInput>(r, PAPER_FLAGS_PUBLIC), orderBy: order(), take: r.limit + 1, select: paperSelect });
    const links = await paperLinks(tx, rows.filter((p) => !p.deletedAt).map((p) => p.id));
    return rows.map((p) => entry(p, paperObject(p, links.get(p.id), ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const p = await tx.paper.findFirst({ where: { id, ...PAPER_FLAGS_PUBLIC }, select: paperSelect });
    if (!p) return null;
    const links = p.deletedAt ? undefined : (await paperLinks(tx, [p.id])).get(p.id);
    return paperObject(p, links, ctx);
  }
}

// ---------------------------------------------------------------- consultations

const consultationWithPaperSelect = { ...consultationSelect, paper: { select: { deletedAt: true } } } as const;
type ConsultationWithPaper = Prisma.ConsultationGetPayload<{ select: typeof consultationWithPaperSelect }>;

@Injectable()
export class OParlConsultationsSource implements OParlListSource {
  readonly list = 'consultations' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rules: Prisma.ConsultationWhereInput[] = [{ paper: r.includeDeleted ? PAPER_FLAGS_PUBLIC : PUBLIC_PAPER }];
    const rows = await tx.consultation.findMany({ where: where(r, ...rules), orderBy: order(), take: r.limit + 1, select: consultationWithPaperSelect });
    return rows.map((c) => entry(c, this.map(c, ctx)));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const c = await tx.consultation.findFirst({ where: { id, paper: PAPER_FLAGS_PUBLIC }, select: consultationWithPaperSelect });
    return c ? this.map(c, ctx) : null;
  }

  private map(c: ConsultationWithPaper, ctx: OParlContext): OParlObject {
    if (c.deletedAt || c.paper.deletedAt) return stone(ctx, 'consultations', 'Consultation', c.id, c.createdAt, later(c.updatedAt, c.paper.deletedAt));
    return toOParlConsultation(consultationSource(c), ctx.urls, { web: ctx.web.paper(c.paperId) });
  }
}

// ---------------------------------------------------------------- files

export const fileWithOwnerSelect = {
  ...fileSelect,
  public: true,
  paper: { select: { public: true, status: true, deletedAt: true, updatedAt: true } },
  meeting: { select: { deletedAt: true } },
  agendaItem: { select: { public: true, deletedAt: true, meetingId: true, meeting: { select: { deletedAt: true } } } },
} as const;
export type FileWithOwner = Prisma.FileGetPayload<{ select: typeof fileWithOwnerSelect }>;

/** Public, alive, and its owner public and alive (the portal's rule). */
export function isLivePublicFile(f: FileWithOwner): boolean {
  if (!f.public || f.deletedAt) return false;
  if (f.paper) return f.paper.public && f.paper.status !== 'draft' && !f.paper.deletedAt;
  if (f.meeting) return !f.meeting.deletedAt;
  if (f.agendaItem) return f.agendaItem.public && !f.agendaItem.deletedAt && !f.agendaItem.meeting.deletedAt;
  return false;
}

/** When the file stopped being there: its own deletion, or its owner's. */
function goneAt(f: FileWithOwner): Date | null {
  return f.deletedAt ?? f.paper?.deletedAt ?? f.meeting?.deletedAt ?? f.agendaItem?.deletedAt ?? f.agendaItem?.meeting.deletedAt ?? null;
}

@Injectable()
export class OParlFilesSource implements OParlListSource {
  readonly list = 'files' as const;

  async page(tx: TenantTx, r: OParlPageRequest, ctx: OParlContext): Promise<OParlPageEntry[]> {
    const rules: Prisma.FileWhereInput[] = [FILE_WAS_PUBLIC, ...(r.includeDeleted ? [] : [{ OR: [{ paper: PUBLIC_PAPER }, { meeting: { deletedAt: null } }, { agendaItem: PUBLIC_ITEM }] }])];
    const rows = await tx.file.findMany({ where: where(r, ...rules), orderBy: order(), take: r.limit + 1, select: fileWithOwnerSelect });
    const texts = await this.texts(tx, rows.filter(isLivePublicFile));
    return rows.map((f) => entry(f, this.map(f, ctx, texts.get(f.id))));
  }

  async one(tx: TenantTx, id: string, ctx: OParlContext): Promise<OParlObject | null> {
    if (!isUuid(id)) return null;
    const f = await tx.file.findFirst({ where: { id, ...FILE_WAS_PUBLIC }, select: fileWithOwnerSelect });
    if (!f) return null;
    const texts = isLivePublicFile(f) ? await this.texts(tx, [f]) : new Map<string, string>();
    return this.map(f, ctx, texts.get(f.id));
  }

  /** The extracted text of each file's current version: one statement for the page. */
  private async texts(tx: TenantTx, files: readonly FileWithOwner[]): Promise<Map<string, string>> {
    if (!files.length) return new Map();
    const rows = await tx.fileVersion.findMany({ where: { OR: files.map((f) => ({ fileId: f.id, number: f.currentVersion })), text: { not: null } }, select: { fileId: true, text: true } });
    return new Map(rows.flatMap((r) => (r.text ? [[r.fileId, r.text] as const] : [])));
  }

  private map(f: FileWithOwner, ctx: OParlContext, text: string | undefined): OParlObject {
    if (!isLivePublicFile(f)) return stone(ctx, 'files', 'File', f.id, f.createdAt, later(f.updatedAt, goneAt(f)), { accessUrl: fileAccessUrl(ctx.urls, f.id) });
    const web = f.paperId ? ctx.web.paper(f.paperId) : f.meetingId ? ctx.web.meeting(f.meetingId) : f.agendaItem ? ctx.web.meeting(f.agendaItem.meetingId) : undefined;
    return toOParlFile(fileSource(f), ctx.urls, { text, web });
  }
}

/** Every content source, for the OParl controller's OPARL_LIST_SOURCES. */
export const OPARL_CONTENT_SOURCES = [OParlMeetingsSource, OParlAgendaItemsSource, OParlPapersSource, OParlConsultationsSource, OParlFilesSource] as const;
