import type { Prisma } from '@ratsinfo/api-database';
import { addDays } from '@ratsinfo/berlin-time';
import { type OfficeResolutionDto, type OfficeResolutionSummaryDto, PENDING_RESOLUTION_STATUSES, type ResolutionNoteDto } from '@ratsinfo/contracts';

/** What a resolution's line and page show: the item, its meeting and body, the paper, the latest note's date. */
export const resolutionInclude = {
  agendaItem: {
    select: {
      id: true,
      number: true,
      name: true,
      public: true,
      resolutionText: true,
      meeting: { select: { id: true, name: true, start: true, organization: { select: { id: true, name: true, shortName: true } } } },
    },
  },
  paper: { select: { id: true, reference: true, name: true } },
  notes: { orderBy: [{ noteDate: 'desc' }, { createdAt: 'desc' }], take: 1, select: { noteDate: true } },
} as const satisfies Prisma.ResolutionInclude;

export const resolutionDetailInclude = {
  ...resolutionInclude,
  notes: { orderBy: [{ noteDate: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }] },
} as const satisfies Prisma.ResolutionInclude;

type SummaryRow = Prisma.ResolutionGetPayload<{ include: typeof resolutionInclude }>;
type DetailRow = Prisma.ResolutionGetPayload<{ include: typeof resolutionDetailInclude }>;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
/** A `YYYY-MM-DD` as the UTC midnight a date column compares with. */
export const dayValue = (d: string): Date => new Date(`${d}T00:00:00Z`);

/** Overdue: a due date before today (Berlin) while open or in progress. The day after the due date is the first overdue day. */
export function overdueSince(status: string, dueDate: string | null, today: string): string | null {
  if (!dueDate || !PENDING_RESOLUTION_STATUSES.includes(status as never) || dueDate >= today) return null;
  return addDays(dueDate, 1);
}

export function toResolutionSummary(r: SummaryRow | DetailRow, today: string): OfficeResolutionSummaryDto {
  const dueDate = r.dueDate ? isoDay(r.dueDate) : null;
  const since = overdueSince(r.status, dueDate, today);
  const m = r.agendaItem.meeting;
  return {
    id: r.id,
    status: r.status,
    responsibleDepartment: r.responsibleDepartment,
    dueDate,
    overdue: since !== null,
    overdueSince: since,
    lastNoteDate: r.notes[0] ? isoDay(r.notes[0].noteDate) : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    agendaItem: { id: r.agendaItem.id, number: r.agendaItem.number, name: r.agendaItem.name, public: r.agendaItem.public, resolutionText: r.agendaItem.resolutionText },
    meeting: { id: m.id, name: m.name, start: m.start.toISOString(), organization: m.organization },
    paper: r.paper,
  };
}

export function toResolutionDetail(r: DetailRow, today: string): OfficeResolutionDto {
  const notes: ResolutionNoteDto[] = r.notes.map((n) => ({ id: n.id, noteDate: isoDay(n.noteDate), text: n.text, createdByName: n.createdByName, createdAt: n.createdAt.toISOString() }));
  return { ...toResolutionSummary(r, today), notes };
}
