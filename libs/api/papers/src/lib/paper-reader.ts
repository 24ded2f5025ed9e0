import { Injectable } from '@nestjs/common';
import { AuthContext, TenantContext } from '@ratsinfo/api-core';
import { NonPublicAccess, type NonPublicScope } from '@ratsinfo/api-council';
import type { Prisma, TenantTx } from '@ratsinfo/api-database';
import type { ConsultationDto, ConsultationState, MeetingState, PaperDto, PaperFileDto, PaperRefDto, PaperSummaryDto } from '@ratsinfo/contracts';

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

  /**
   * The whole paper, or null when it does not exist or the viewer may not read it. A fixed
   * number of statements however much the paper holds: the paper, its related ids, every linked
   * paper the viewer may read (in one query, under the same visibility filter), originators,
   * the path with its agenda items, files.
   */
  async paper(tx: TenantTx, id: string, viewer: PaperViewer): Promise<PaperDto | null> {
    const p = await tx.paper.findFirst({
      where: { id, ...readablePapers(viewer) },
      select: { ...summarySelect, createdAt: true, mainFileId: true, superordinatePaperId: true, originalPaperId: true },
    });
    if (!p) return null;

    const relatedIds = (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT (CASE WHEN paper_id = ${id}::uuid THEN related_paper_id ELSE paper_id END)::text AS id
          FROM paper_relations WHERE paper_id = ${id}::uuid OR related_paper_id = ${id}::uuid`
    ).map((r) => r.id);
    const direct = [...relatedIds, p.superordinatePaperId, p.originalPaperId].filter((x): x is string => x !== null);
    const links = await tx.paper.findMany({
      where: { AND: [readablePapers(viewer), { OR: [{ id: { in: direct } }, { superordinatePaperId: id }, { originalPaperId: id }] }] },
      select: { ...paperRefSelect, superordinatePaperId: true, originalPaperId: true, derivation: true },
      orderBy: { reference: 'asc' },
    });
    const ref = (r: (typeof links)[number]): PaperRefDto => ({ id: r.id, reference: r.reference, name: r.name, status: r.status, public: r.public });
    const byId = new Map(links.map((r) => [r.id, r]));
    const linked = (linkId: string | null) => {
      const r = linkId ? byId.get(linkId) : undefined;
      return r ? ref(r) : null;
    };
    const related = new Set(relatedIds);

    const originators = await tx.$queryRaw<{ kind: 'person' | 'organization'; id: string; name: string; short_name: string | null }[]>`
      SELECT 'person' AS kind, pe.id::text AS id,
             concat_ws(' ', NULLIF(pe.title, ''), NULLIF(pe.given_name, ''), NULLIF(pe.family_name, ''), NULLIF(pe.affix, '')) AS name, NULL AS short_name
        FROM paper_originator_persons o JOIN persons pe ON pe.tenant_id = o.tenant_id AND pe.id = o.person_id
       WHERE o.paper_id = ${id}::uuid AND pe.deleted_at IS NULL
      UNION ALL
      SELECT 'organization', og.id::text, og.name, og.short_name
        FROM paper_originator_organizations o JOIN organizations og ON og.tenant_id = o.tenant_id AND og.id = o.organization_id
       WHERE o.paper_id = ${id}::uuid AND og.deleted_at IS NULL`;
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

    const consultations = await this.consultations(tx, id, viewer);
    // The files slice's rule (libs/api/files file-visibility): a member reads a non-public file,
    // or any file of a non-public paper, only where the rule lets them read one of the paper's
    // bodies; reading a public paper is not enough for its confidential annexes.
    const mayReadConfidential = !viewer.member || consultations.steps.some((c) => NonPublicAccess.allows(viewer.scope, c.organization.id));
    const files = (await this.files(tx, id)).filter((f) => mayReadConfidential || (f.public && p.public));
    return {
      ...toSummary(p),
      originatorPersons: originators
        .filter((o) => o.kind === 'person')
        .map((o) => ({ id: o.id, name: o.name }))
        .sort(byName),
      originatorOrganizations: originators
        .filter((o) => o.kind === 'organization')
        .map((o) => ({ id: o.id, name: o.name, shortName: o.short_name }))
        .sort(byName),
      superordinatePaper: linked(p.superordinatePaperId),
      subordinatePapers: links.filter((r) => r.superordinatePaperId === id).map(ref),
      relatedPapers: links.filter((r) => related.has(r.id)).map(ref),
      originalPaper: linked(p.originalPaperId),
      derivatives: links.filter((r) => r.originalPaperId === id).map((r) => ({ ...ref(r), derivation: r.derivation ?? 'amendment' })),
      mainFile: files.find((f) => f.id === p.mainFileId) ?? null,
      files: files.filter((f) => f.id !== p.mainFileId),
      consultations: consultations.steps,
      deletable: !consultations.onAgenda,
      createdAt: p.createdAt.toISOString(),
    };
  }

  /** The living steps of the path in order, each with the agenda items (of living meetings) that deliberate it. */
  private async consultations(tx: TenantTx, paperId: string, viewer: PaperViewer): Promise<{ steps: ConsultationDto[]; onAgenda: boolean }> {
    const rows = await tx.$queryRaw<ConsultationRow[]>`
      SELECT c.id::text AS id, c.position, c.authoritative, c.role,
             o.id::text AS organization_id, o.name AS organization_name, o.short_name AS organization_short_name,
             a.id::text AS item_id, a.number AS item_number, a.name AS item_name, a.public AS item_public, a.result AS item_result,
             m.id::text AS meeting_id, m.name AS meeting_name, m.start AS meeting_start, m.meeting_state::text AS meeting_state,
             m.cancelled AS meeting_cancelled, m.organization_id::text AS meeting_organization_id
        FROM consultations c
        JOIN organizations o ON o.tenant_id = c.tenant_id AND o.id = c.organization_id
        LEFT JOIN (agenda_items a JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id AND m.deleted_at IS NULL)
               ON a.tenant_id = c.tenant_id AND a.consultation_id = c.id AND a.deleted_at IS NULL
       WHERE c.paper_id = ${paperId}::uuid AND c.deleted_at IS NULL
       ORDER BY c.position, m.start, a.id`;
    const steps = new Map<string, { row: ConsultationRow; items: ConsultationRow[] }>();
    for (const r of rows) {
      const step = steps.get(r.id) ?? { row: r, items: [] };
      if (r.item_id) step.items.push(r);
      steps.set(r.id, step);
    }
    return {
      steps: [...steps.values()].map(({ row, items }) => toConsultation(row, items, viewer)),
      onAgenda: rows.some((r) => r.item_id !== null),
    };
  }

  /** The paper's living files with their current version, in their order. */
  private async files(tx: TenantTx, paperId: string): Promise<PaperFileDto[]> {
    const rows = await tx.$queryRaw<FileRow[]>`
      SELECT f.id::text, f.name, f.public, f.version, f.current_version, f.created_at, f.updated_at,
             v.file_name, v.mime_type, v.size, v.sha512, (v.text_extracted_at IS NOT NULL) AS text_available
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
  organization_id: string;
  organization_name: string;
  organization_short_name: string | null;
  item_id: string | null;
  item_number: string | null;
  item_name: string;
  item_public: boolean;
  item_result: string | null;
  meeting_id: string;
  meeting_name: string;
  meeting_start: Date;
  meeting_state: MeetingState;
  meeting_cancelled: boolean;
  meeting_organization_id: string;
}

/**
 * Where a step stands: deliberated once a meeting that has it on its agenda was held; scheduled
 * while such a meeting is still to come; pending otherwise (also when its meetings were cancelled).
 */
export function consultationState(items: { meeting: { meetingState: string; cancelled: boolean } }[]): ConsultationState {
  const living = items.filter((i) => !i.meeting.cancelled);
  if (living.some((i) => ['held', 'minutes_drafted', 'minutes_approved'].includes(i.meeting.meetingState))) return 'deliberated';
  return living.length > 0 ? 'scheduled' : 'pending';
}

function toConsultation(c: ConsultationRow, items: ConsultationRow[], viewer: PaperViewer): ConsultationDto {
  // A member who may read the paper still only reads the non-public agenda items of bodies the rule allows.
  const readable = items.filter((a) => a.item_public || !viewer.member || NonPublicAccess.allows(viewer.scope, a.meeting_organization_id));
  return {
    id: c.id,
    position: c.position,
    organization: { id: c.organization_id, name: c.organization_name, shortName: c.organization_short_name },
    authoritative: c.authoritative,
    role: c.role,
    state: consultationState(items.map((a) => ({ meeting: { meetingState: a.meeting_state, cancelled: a.meeting_cancelled } }))),
    agendaItems: readable.map((a) => ({
      id: a.item_id as string,
      number: a.item_number,
      name: a.item_name,
      public: a.item_public,
      result: a.item_result,
      meeting: { id: a.meeting_id, name: a.meeting_name, start: a.meeting_start.toISOString(), meetingState: a.meeting_state, cancelled: a.meeting_cancelled },
    })),
  };
}
