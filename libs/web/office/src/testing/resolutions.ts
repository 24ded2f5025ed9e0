import type { OfficeResolutionSummaryDto } from '@ratsinfo/contracts';

/** Test data of the resolution screens. */
export const BAU = 'b1111111-1111-4111-8111-111111111111';

/** A resolution line as the list answers it; `n` makes ids, number and name. */
export function summary(n: number, overrides: Partial<OfficeResolutionSummaryDto> = {}): OfficeResolutionSummaryDto {
  return {
    id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'open',
    responsibleDepartment: null,
    dueDate: null,
    overdue: false,
    overdueSince: null,
    lastNoteDate: null,
    version: 1,
    createdAt: '2026-02-20T19:00:00.000Z',
    agendaItem: { id: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, number: `Ö ${n}`, name: `Punkt ${n}`, public: true, resolutionText: 'Der Ausschuss beschließt.' },
    meeting: { id: 'e0000000-0000-4000-8000-000000000001', name: '4. Sitzung des Bauausschusses', start: '2026-02-19T16:00:00.000Z', organization: { id: BAU, name: 'Bauausschuss', shortName: 'BA' } },
    paper: { id: 'c0000000-0000-4000-8000-000000000001', reference: 'BV/0012/2026', name: 'Bebauungsplan Nr. 12' },
    ...overrides,
  };
}
