import { type AgendaItemRow, toAgendaItemDto } from './meeting.mapper';

/** What a reader sees of one agenda item: the one visibility rule applied to its paper and files. */
describe('toAgendaItemDto', () => {
  const row = (over: Partial<AgendaItemRow> = {}): AgendaItemRow => ({
    id: 'i1', order: 1, number: 'Ö 1', name: 'Bebauungsplan', public: true, result: null, level: 1, urgent: false, urgentReason: null,
    consultation: { id: 'c1', organizationId: 'o1', authoritative: true, role: 'Entscheidung', deleted: false, paper: { id: 'p1', reference: 'BV/0001/2026', name: 'Bebauungsplan', public: true, status: 'released', deleted: false } },
    files: [
      { id: 'f1', name: 'Lageplan', public: true, fileName: 'lageplan.pdf', mimeType: 'application/pdf', size: 10 },
      { id: 'f2', name: 'Kaufpreis', public: false, fileName: 'kaufpreis.pdf', mimeType: 'application/pdf', size: 20 },
    ],
    ...over,
  });
  const member = { staff: false, mayReadNonPublic: false };
  const entitledMember = { staff: false, mayReadNonPublic: true };
  const clerk = { staff: true, mayReadNonPublic: true };

  it('gives clerks every file and the paper, drafts included', () => {
    const draft = row({ consultation: { ...row().consultation!, paper: { ...row().consultation!.paper, status: 'draft' } } });
    const dto = toAgendaItemDto(draft, clerk);
    expect(dto.files.map((f) => f.name)).toEqual(['Lageplan', 'Kaufpreis']);
    expect(dto.consultation?.paper.reference).toBe('BV/0001/2026');
  });

  it('never shows a member a draft paper or a non-public file they may not read', () => {
    const draft = row({ consultation: { ...row().consultation!, paper: { ...row().consultation!.paper, status: 'draft' } } });
    expect(toAgendaItemDto(draft, entitledMember).consultation).toBeNull();
    expect(toAgendaItemDto(row(), member).files.map((f) => f.name)).toEqual(['Lageplan']);
    expect(toAgendaItemDto(row(), entitledMember).files.map((f) => f.name)).toEqual(['Lageplan', 'Kaufpreis']);
  });

  it('hides a non-public paper from a member without access, and the paper of a deleted step from everyone', () => {
    const secret = row({ consultation: { ...row().consultation!, paper: { ...row().consultation!.paper, public: false } } });
    expect(toAgendaItemDto(secret, member).consultation).toBeNull();
    expect(toAgendaItemDto(secret, entitledMember).consultation?.paper.public).toBe(false);
    expect(toAgendaItemDto(row({ consultation: { ...row().consultation!, deleted: true } }), clerk).consultation).toBeNull();
  });

  it('never marks a file of a non-public item public', () => {
    const dto = toAgendaItemDto(row({ public: false, number: 'N 1' }), clerk);
    expect(dto.files.every((f) => !f.public)).toBe(true);
  });
});
