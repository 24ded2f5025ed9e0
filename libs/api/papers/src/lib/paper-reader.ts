import { Injectable } from '@nestjs/common';
import { AuthContext, TenantContext } from '@ratsinfo/api-core';
import { NonPublicAccess, type NonPublicScope } from '@ratsinfo/api-council';
import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import type { ConsultationDto, ConsultationState, PaperDto, PaperFileDto, PaperRefDto, PaperSummaryDto } from '@ratsinfo/contracts';

/**
 * Who reads: clerks and tenant admins read every paper; a member never a draft, and a
 * non-public paper only when the visibility rule lets them read the non-public content of one
 * of the organizations of its (living) consultation path. Anything else is "not found".
 */
export interface PaperViewer {
  member: boolean;
  scope: NonPublicScope;
}

export const STAFF_VIEWER: PaperViewer = { member: false, scope: { kind: 'all' } };

/** The papers a viewer may read, as a filter (deleted ones never). */
export function readablePapers(viewer: PaperViewer): Prisma.PaperWhereInput {
  if (!viewer.member) return { deletedAt: null };
  const notDraft: Prisma.PaperWhereInput = { deletedAt: null, status: { not: 'draft' } };
  if (viewer.scope.kind === 'all') return notDraft;
  return {
    ...notDraft,
    OR: [{ public: true }, { consultations: { some: { deletedAt: null, organizationId: { in: [...viewer.scope.ids] } } } }],
  };
}

const paperRefSelect = { id: true, reference: true, name: true, status: true, public: true } as const;
const organizationRefSelect = { id: true, name: true, shortName: true } as const;

const summarySelect = {
  id: true,
  reference: true,
  name: true,
  date: true,
  status: true,
  public: true,
  responsibleDepartment: true,
  derivation: true,
  updatedAt: true,
  version: true,
  paperType: { select: { id: true, name: true, abbreviation: true } },
} as const satisfies Prisma.PaperSelect;

type SummaryRow = Prisma.PaperGetPayload<{ select: typeof summarySelect }>;

export const day = (d: Date) => d.toISOString().slice(0, 10);

export function toSummary(p: SummaryRow): PaperSummaryDto {
  return {
    id: p.id,
    reference: p.reference,
    name: p.name,
    date: day(p.date),
    paperType: p.paperType,
    status: p.status,
    public: p.public,
    responsibleDepartment: p.responsibleDepartment,
    derivation: p.derivation,
    modifiedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

interface FileRow {
  id: string;
  name: string;
  public: boolean;
  version: number;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  file_name: string;
  mime_type: string;
  size: bigint;
  sha512: string;
  text_available: boolean;
}

/** Reads papers as DTOs for one viewer (inside the caller's tenant transaction). */
@Injectable()
export class PaperReader {
  constructor(
    private readonly auth: AuthContext,
    private readonly access: NonPublicAccess,
    private readonly tenant: TenantContext,
  ) {}

  async viewer(tx: TenantTx): Promise<PaperViewer> {
    const member = this.auth.requireTenantSession().actingRole === 'member';
    return member ? { member, scope: await this.access.scope(tx) } : STAFF_VIEWER;
  }

  summarySelect() {
    return summarySelect;
  }

  /** The whole paper, or null when it does not exist or the viewer may not read it. */
  async paper(tx: TenantTx, id: string, viewer: PaperViewer): Promise<PaperDto | null> {
    const p = await tx.paper.findFirst({
      where: { id, ...readablePapers(viewer) },
      select: {
        ...summarySelect,
        createdAt: true,
        mainFileId: true,
        superordinatePaperId: true,
        originalPaperId: true,
        originatorPersons: { select: { person: { select: { id: true, title: true, givenName: true, familyName: true, affix: true, deletedAt: true } } } },
        originatorOrganizations: { select: { organization: { select: { ...organizationRefSelect, deletedAt: true } } } },
        subordinates: { where: readablePapers(viewer), select: paperRefSelect, orderBy: { reference: 'asc' } },
        derivatives: { where: readablePapers(viewer), select: { ...paperRefSelect, derivation: true }, orderBy: { reference: 'asc' } },
        relations: { select: { relatedPaperId: true } },
        relatedTo: { select: { paperId: true } },
        consultations: {
          where: { deletedAt: null },
          orderBy: { position: 'asc' },
          select: {
            id: true,
            position: true,
            authoritative: true,
            role: true,
            organization: { select: organizationRefSelect },
            agendaItems: {
              where: { deletedAt: null, meeting: { deletedAt: null } },
              select: {
                id: true,
                number: true,
                name: true,
                public: true,
                result: true,
                meeting: { select: { id: true, name: true, start: true, meetingState: true, cancelled: true, organizationId: true } },
              },
            },
          },
        },
      },
    });
    if (!p) return null;

    const linkedIds = [p.superordinatePaperId, p.originalPaperId, ...p.relations.map((r) => r.relatedPaperId), ...p.relatedTo.map((r) => r.paperId)].filter(
      (x): x is string => x !== null,
    );
    const linked = linkedIds.length
      ? new Map((await tx.paper.findMany({ where: { id: { in: linkedIds }, ...readablePapers(viewer) }, select: paperRefSelect })).map((r) => [r.id, r as PaperRefDto]))
      : new Map<string, PaperRefDto>();
    const related = [...p.relations.map((r) => r.relatedPaperId), ...p.relatedTo.map((r) => r.paperId)]
      .map((rid) => linked.get(rid))
      .filter((r): r is PaperRefDto => r !== undefined)
      .sort((a, b) => a.reference.localeCompare(b.reference, 'de'));

    const files = await this.files(tx, id);
    const mainFile = files.find((f) => f.id === p.mainFileId) ?? null;

    const onAgenda = p.consultations.some((c) => c.agendaItems.length > 0);
    return {
      ...toSummary(p),
      originatorPersons: p.originatorPersons
        .map((o) => o.person)
        .filter((x) => x.deletedAt === null)
        .map((x) => ({ id: x.id, name: [x.title, x.givenName, x.familyName, x.affix].filter(Boolean).join(' ') }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      originatorOrganizations: p.originatorOrganizations
        .map((o) => o.organization)
        .filter((x) => x.deletedAt === null)
        .map((x) => ({ id: x.id, name: x.name, shortName: x.shortName }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      superordinatePaper: (p.superordinatePaperId && linked.get(p.superordinatePaperId)) || null,
      subordinatePapers: p.subordinates,
      relatedPapers: related,
      originalPaper: (p.originalPaperId && linked.get(p.originalPaperId)) || null,
      derivatives: p.derivatives.map((d) => ({ ...d, derivation: d.derivation ?? 'amendment' })),
      mainFile,
      files: files.filter((f) => f.id !== p.mainFileId),
      consultations: p.consultations.map((c) => toConsultation(c, viewer)),
      deletable: !onAgenda,
      createdAt: p.createdAt.toISOString(),
    };
  }

  /** The paper's living files with their current version, in their order. */
  private async files(tx: TenantTx, paperId: string): Promise<PaperFileDto[]> {
    const rows = await tx.$queryRaw<FileRow[]>`
      SELECT f.id::text, f.name, f.public, f.version, f.current_version, f.created_at, f.updated_at,
             v.file_name, v.mime_type, v.size, v.sha512, (v.text IS NOT NULL) AS text_available
        FROM files f
        JOIN file_versions v ON v.file_id = f.id AND v.number = f.current_version
       WHERE f.paper_id = ${paperId}::uuid AND f.deleted_at IS NULL
       ORDER BY f.sort_order, f.created_at, f.id`;
    const base = `/api/office/${encodeURIComponent(this.tenant.require().slug)}/files`;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      fileName: r.file_name,
      mimeType: r.mime_type,
      size: Number(r.size),
      sha512Checksum: r.sha512,
      public: r.public,
      version: r.version,
      currentVersion: r.current_version,
      createdAt: r.created_at.toISOString(),
      modifiedAt: r.updated_at.toISOString(),
      textAvailable: r.text_available,
      accessUrl: `${base}/${r.id}/content`,
      downloadUrl: `${base}/${r.id}/content?download=1`,
    }));
  }
}

interface ConsultationRow {
  id: string;
  position: number;
  authoritative: boolean;
  role: string | null;
  organization: { id: string; name: string; shortName: string | null };
  agendaItems: {
    id: string;
    number: string | null;
    name: string;
    public: boolean;
    result: string | null;
    meeting: { id: string; name: string; start: Date; meetingState: ConsultationDto['agendaItems'][number]['meeting']['meetingState']; cancelled: boolean; organizationId: string };
  }[];
}

/**
 * Where a step stands: deliberated once a meeting that has it on its agenda was held; scheduled
 * while such a meeting is still to come; pending otherwise (also when its meetings were cancelled).
 */
export function consultationState(items: { meeting: { meetingState: string; cancelled: boolean } }[]): ConsultationState {
  const living = items.filter((i) => !i.meeting.cancelled);
  if (living.some((i) => i.meeting.meetingState === 'held' || i.meeting.meetingState === 'minutes_approved')) return 'deliberated';
  return living.length > 0 ? 'scheduled' : 'pending';
}

function toConsultation(c: ConsultationRow, viewer: PaperViewer): ConsultationDto {
  // A member who may read the paper still only reads the non-public agenda items of bodies the rule allows.
  const readable = c.agendaItems.filter((a) => a.public || !viewer.member || NonPublicAccess.allows(viewer.scope, a.meeting.organizationId));
  return {
    id: c.id,
    position: c.position,
    organization: c.organization,
    authoritative: c.authoritative,
    role: c.role,
    state: consultationState(c.agendaItems),
    agendaItems: readable
      .sort((a, b) => a.meeting.start.getTime() - b.meeting.start.getTime())
      .map((a) => ({
        id: a.id,
        number: a.number,
        name: a.name,
        public: a.public,
        result: a.result,
        meeting: { id: a.meeting.id, name: a.meeting.name, start: a.meeting.start.toISOString(), meetingState: a.meeting.meetingState, cancelled: a.meeting.cancelled },
      })),
  };
}
