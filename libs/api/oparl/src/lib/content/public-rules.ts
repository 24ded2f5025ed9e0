import type { Prisma } from '@ratsinfo/api-database';
import { PUBLIC_PAPER } from '@ratsinfo/api-council';

/**
 * What OParl shows of the council's content: the portal's rules (libs/api/council,
 * portal.repository.ts), never wider. Non-public things never appear, not as objects, not as
 * embedded objects, not as ids in a reference list.
 *
 * - Paper: public, not a draft, not deleted (PUBLIC_PAPER, shared with the portal).
 * - Agenda item: public, not deleted, its meeting not deleted.
 * - Meeting: not deleted (a cancelled one is listed with `cancelled: true`).
 * - Consultation: not deleted, its paper public.
 * - File: public, not deleted, and its owner public by the rules above (a public file of a
 *   non-public paper or item is NOT public). Person photos are not OParl files (Person has no
 *   field for them), so only files of papers, meetings and agenda items are listed.
 *
 * "Was public" (tombstones, only in `modified_since` lists and for a direct fetch): an object
 * whose own flags still say public (paper: public and not a draft; item: public; file: public and
 * its owner's flags public) and that is soft-deleted itself or through its parent (an item of a
 * deleted meeting, a consultation of a deleted paper, a file of a deleted owner).
 */
export { PUBLIC_PAPER };

/** A paper's flags say public (deleted or not). */
export const PAPER_FLAGS_PUBLIC = { public: true, status: { not: 'draft' } } satisfies Prisma.PaperWhereInput;
export const isPublicPaperRow = (p: { public: boolean; status: string; deletedAt: Date | null } | null | undefined): boolean =>
  !!p && p.public && p.status !== 'draft' && p.deletedAt === null;

export const PUBLIC_ITEM = { public: true, deletedAt: null, meeting: { deletedAt: null } } satisfies Prisma.AgendaItemWhereInput;

export const PUBLIC_CONSULTATION = { deletedAt: null, paper: PUBLIC_PAPER } satisfies Prisma.ConsultationWhereInput;

/** The file's own flags; the owner's visibility is the caller's (an embedding public owner, or PUBLIC_FILE). */
export const FILE_FLAGS_PUBLIC = { public: true, deletedAt: null } satisfies Prisma.FileWhereInput;

/** A public file of a public, living owner. */
export const PUBLIC_FILE = {
  ...FILE_FLAGS_PUBLIC,
  OR: [{ paper: PUBLIC_PAPER }, { meeting: { deletedAt: null } }, { agendaItem: PUBLIC_ITEM }],
} satisfies Prisma.FileWhereInput;

/** A file whose flags (its own and its owner's) say public, whether or not it or its owner is deleted: the tombstone candidates too. */
export const FILE_WAS_PUBLIC = {
  public: true,
  OR: [{ paper: PAPER_FLAGS_PUBLIC }, { meetingId: { not: null } }, { agendaItem: { public: true } }],
} satisfies Prisma.FileWhereInput;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs: anything else is unknown (404), and never reaches a uuid column. */
export const isUuid = (id: string): boolean => UUID_RE.test(id);
