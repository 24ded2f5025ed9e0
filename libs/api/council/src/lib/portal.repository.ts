import { Injectable } from '@nestjs/common';
import { keysetNewestFirst, pageOf, paperTitleOrReferenceContainsAll, type Prisma, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import type { KeysetPosition } from '@ratsinfo/contracts';
import { readMeetingHead } from './portal-meeting-results';

const organizationRef = { select: { id: true, name: true, shortName: true } } as const;

/** The public portal's one rule for papers: published (never a draft), public, not deleted. */
export const PUBLIC_PAPER = { public: true, status: { not: 'draft' }, deletedAt: null } satisfies Prisma.PaperWhereInput;
/** A file's own flag; its owner's visibility is each query's job (see the callers). */
const PUBLIC_FILE = { public: true, deletedAt: null } satisfies Prisma.FileWhereInput;

const typedOrganizationRef = { select: { id: true, name: true, shortName: true, organizationType: true } } as const;
const personRef = { select: { id: true, title: true, givenName: true, familyName: true, affix: true } } as const;
/** A membership's faction and principal: with their deletion time, so the mapper can drop deleted ones (to-one links cannot be filtered in the query). */
const membershipLinks = {
  onBehalfOf: { select: { ...typedOrganizationRef.select, deletedAt: true } },
  deputyFor: { select: { ...personRef.select, deletedAt: true } },
} as const;
export const paperRefSelect = {
  id: true,
  reference: true,
  name: true,
  date: true,
  status: true,
  derivation: true,
  paperType: { select: { id: true, name: true, abbreviation: true } },
} as const satisfies Prisma.PaperSelect;
/** A paper reached through a to-one link: its visibility is checked by the mapper (isPublicPaper). */
const linkedPaperSelect = { ...paperRefSelect, public: true, deletedAt: true } as const satisfies Prisma.PaperSelect;
/** The facts of a file and its versions' metadata (never the extracted text: it can be large). */
export const fileSelect = {
  id: true,
  name: true,
  updatedAt: true,
  currentVersion: true,
  versions: { select: { number: true, fileName: true, mimeType: true, size: true, sha512: true }, orderBy: { number: 'desc' } },
} as const satisfies Prisma.FileSelect;
const fileOrder = [{ sortOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.FileOrderByWithRelationInput[];
const meetingSummaryInclude = { organization: organizationRef } as const;

export interface PublicResolutionRow {
  status: 'open' | 'in_progress' | 'done';
  agenda_item_number: string | null;
  resolution_text: string | null;
  meeting_id: string;
  meeting_name: string;
  meeting_start: Date;
}

/**
 * The paper's resolutions as the portal shows them, in ONE statement (the page's query budget):
 * only public items of living, not cancelled meetings, and never an `obsolete` one (that status
 * is the clerks' internal mark). The paper itself is checked by the caller (PUBLIC_PAPER).
 */
function publicResolutionsOfPaper(tx: TenantTx, paperId: string): Promise<PublicResolutionRow[]> {
  return tx.$queryRaw<PublicResolutionRow[]>`
    SELECT r.status::text AS status, a.number AS agenda_item_number, a.resolution_text,
           m.id::text AS meeting_id, m.name AS meeting_name, m.start AS meeting_start
      FROM resolutions r
      JOIN agenda_items a ON a.tenant_id = r.tenant_id AND a.id = r.agenda_item_id
      JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
     WHERE r.paper_id = ${paperId}::uuid
       AND r.status <> 'obsolete'
       AND a.public AND a.deleted_at IS NULL
       AND m.deleted_at IS NULL AND NOT m.cancelled
     ORDER BY m.start, a."order", r.id`;
}

export interface PaperListFilter {
  words: string[];
  typeId?: string;
  year?: number;
  after?: KeysetPosition;
  limit: number;
}

/**
 * Reads for the public portal. Only public rows leave here: agenda items are filtered by
 * `public = true`, soft-deleted rows are excluded. Tenant scoping is done by TenantDatabase
 * (row-level security), not by these queries.
 */
@Injectable()
export class PortalRepository {
  constructor(private readonly db: TenantDatabase) {}

  organizations() {
    return this.db.transaction((tx) =>
      tx.organization.findMany({ where: { deletedAt: null }, orderBy: [{ organizationType: 'asc' }, { name: 'asc' }] }),
    );
  }

  persons(today: Date) {
    return this.db.transaction((tx) =>
      tx.person.findMany({
        where: { deletedAt: null },
        orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
        include: {
          memberships: {
            where: { deletedAt: null, organization: { deletedAt: null }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
            include: { organization: organizationRef },
            orderBy: { organization: { name: 'asc' } },
          },
        },
      }),
    );
  }

  meetingsBetween(from: Date, toExclusive: Date) {
    return this.db.transaction((tx) =>
      tx.meeting.findMany({
        where: { deletedAt: null, start: { gte: from, lt: toExclusive } },
        orderBy: [{ start: 'asc' }, { name: 'asc' }],
        include: { organization: organizationRef },
      }),
    );
  }

  /**
   * One page of public papers, newest first by date (ties by id), and the cursor after it. Every word must
   * occur in the title or the reference, case-insensitively and literally (`%`/`_` escaped).
   */
  async publicPapers(filter: PaperListFilter) {
    const page = keysetNewestFirst('date', filter.after, filter.limit);
    const where: Prisma.PaperWhereInput = {
      AND: [
        PUBLIC_PAPER,
        page.where,
        ...(filter.typeId ? [{ paperTypeId: filter.typeId }] : []),
        ...(filter.year ? [{ date: { gte: new Date(Date.UTC(filter.year, 0, 1)), lt: new Date(Date.UTC(filter.year + 1, 0, 1)) } }] : []),
        ...paperTitleOrReferenceContainsAll(filter.words),
      ],
    };
    const rows = await this.db.transaction((tx) => tx.paper.findMany({ where, orderBy: page.orderBy, take: page.take, select: paperRefSelect }));
    return pageOf(rows, filter.limit, (r) => r.date);
  }

  /** Paper types that at least one public paper has: the list's filter offers only those. */
  publicPaperTypes() {
    return this.db.transaction((tx) =>
      tx.paperType.findMany({
        where: { deletedAt: null, papers: { some: PUBLIC_PAPER } },
        orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
        select: { id: true, name: true, abbreviation: true },
      }),
    );
  }

  /** One public paper with everything its page shows; links to papers that are not public are left out. */
  publicPaper(id: string) {
    return this.db.transaction(async (tx) => {
      const paper = await tx.paper.findFirst({
        where: { id, ...PUBLIC_PAPER },
        select: {
          ...paperRefSelect,
          responsibleDepartment: true,
          mainFileId: true,
          createdAt: true,
          updatedAt: true,
          originatorPersons: { where: { person: { deletedAt: null } }, select: { person: personRef } },
          originatorOrganizations: { where: { organization: { deletedAt: null } }, select: { organization: typedOrganizationRef } },
          consultations: {
            where: { deletedAt: null },
            orderBy: { position: 'asc' },
            select: {
              id: true,
              position: true,
              authoritative: true,
              role: true,
              organization: typedOrganizationRef,
              agendaItems: {
                // Only a public item of a living meeting may say where the paper was discussed.
                where: { deletedAt: null, public: true, meeting: { deletedAt: null } },
                select: { id: true, number: true, result: true, meeting: { select: { id: true, name: true, start: true, cancelled: true, meetingState: true } } },
              },
            },
          },
          files: { where: PUBLIC_FILE, orderBy: fileOrder, select: fileSelect },
          original: { select: linkedPaperSelect },
          superordinate: { select: linkedPaperSelect },
          derivatives: { where: PUBLIC_PAPER, orderBy: [{ date: 'asc' }, { reference: 'asc' }], select: paperRefSelect },
          subordinates: { where: PUBLIC_PAPER, orderBy: [{ date: 'asc' }, { reference: 'asc' }], select: paperRefSelect },
          relations: { where: { related: PUBLIC_PAPER }, select: { related: { select: paperRefSelect } } },
          relatedTo: { where: { paper: PUBLIC_PAPER }, select: { paper: { select: paperRefSelect } } },
        },
      });
      if (!paper) return null;
      return { ...paper, resolutions: await publicResolutionsOfPaper(tx, id) };
    });
  }

  /** A body with its current members, sub-bodies and meetings on either side of `now`. */
  organizationDetail(id: string, today: Date, now: Date, meetings: number) {
    return this.db.transaction(async (tx) => {
      const organization = await tx.organization.findFirst({
        where: { id, deletedAt: null },
        include: {
          parent: { select: { ...typedOrganizationRef.select, deletedAt: true } },
          children: { where: { deletedAt: null }, orderBy: { name: 'asc' }, ...typedOrganizationRef },
          location: true,
          memberships: {
            where: { deletedAt: null, person: { deletedAt: null }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
            include: { person: personRef, ...membershipLinks },
          },
        },
      });
      if (!organization) return null;
      const [upcoming, past, term] = await Promise.all([
        tx.meeting.findMany({ where: { organizationId: id, deletedAt: null, start: { gte: now } }, orderBy: [{ start: 'asc' }, { id: 'asc' }], take: meetings, include: meetingSummaryInclude }),
        tx.meeting.findMany({ where: { organizationId: id, deletedAt: null, start: { lt: now } }, orderBy: [{ start: 'desc' }, { id: 'desc' }], take: meetings, include: meetingSummaryInclude }),
        tx.legislativeTerm.findFirst({
          where: { deletedAt: null, startDate: { lte: today }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
          orderBy: { startDate: 'desc' },
        }),
      ]);
      return { organization, upcoming, past, term };
    });
  }

  /** A person with all memberships, the public photo and the public papers they originated. */
  personDetail(id: string, papers: number) {
    return this.db.transaction((tx) =>
      tx.person.findFirst({
        where: { id, deletedAt: null },
        include: {
          // The photo must be the person's own file, public and not deleted.
          photoFile: { select: { ...fileSelect, personId: true, public: true, deletedAt: true } },
          memberships: {
            where: { deletedAt: null, organization: { deletedAt: null } },
            include: { organization: typedOrganizationRef, ...membershipLinks },
          },
          originatedPapers: {
            where: { paper: PUBLIC_PAPER },
            orderBy: [{ paper: { date: 'desc' } }, { paper: { reference: 'desc' } }],
            take: papers,
            select: { paper: { select: paperRefSelect } },
          },
        },
      }),
    );
  }

  /**
   * A meeting with its public items, each with its public paper (through the consultation) and
   * the public files of the item and of that paper, and the meeting's own public files.
   */
  meetingForPortal(id: string) {
    return this.db.transaction(async (tx) => {
      // the body and, for a held meeting, attendance, named votes and conflicts (public items only): one statement
      const head = await readMeetingHead(tx, id);
      if (!head) return null;
      const meeting = await tx.meeting.findFirst({
        where: { id, deletedAt: null },
        include: {
          files: { where: PUBLIC_FILE, orderBy: fileOrder, select: fileSelect },
          // Only the public bundle: the full one is never named on the portal.
          bundles: { where: { variant: 'public' }, select: { storageKey: true, size: true, pageCount: true, generatedAt: true, error: true } },
          agendaItems: {
            where: { public: true, deletedAt: null },
            orderBy: { order: 'asc' },
            include: {
              files: { where: PUBLIC_FILE, orderBy: fileOrder, select: fileSelect },
              consultation: {
                select: {
                  deletedAt: true,
                  paper: {
                    select: { id: true, reference: true, name: true, public: true, status: true, deletedAt: true, files: { where: PUBLIC_FILE, orderBy: fileOrder, select: fileSelect } },
                  },
                },
              },
            },
          },
        },
      });
      return meeting ? { ...meeting, organization: head.organization, results: head.results } : null;
    });
  }
}
