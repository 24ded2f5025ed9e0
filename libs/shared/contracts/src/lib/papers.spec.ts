import { createPaperSchema, createPaperTypeSchema, formatPaperReference, putConsultationsSchema, updatePaperTypeSchema } from './papers';

describe('paper references', () => {
  it('formats the usual scheme with a zero-padded sequence', () => {
    expect(formatPaperReference('{abbr}/{seq}/{year}', 'BV', 4, 2026, 123)).toBe('BV/0123/2026');
    expect(formatPaperReference('{abbr}/{seq}/{year}', 'BV', 4, 2026, 12345)).toBe('BV/12345/2026');
    expect(formatPaperReference('{year}-{abbr}-{seq}', 'AF', 3, 2027, 7)).toBe('2027-AF-007');
    expect(formatPaperReference('{abbr}{yy}/{seq}', 'M', 2, 2005, 1)).toBe('M05/01');
  });
});

describe('paper type input', () => {
  it('needs {seq} and knows only its placeholders', () => {
    expect(createPaperTypeSchema.safeParse({ name: 'X', abbreviation: 'X', numberFormat: '{abbr}/{year}' }).success).toBe(false);
    expect(createPaperTypeSchema.safeParse({ name: 'X', abbreviation: 'X', numberFormat: '{abbr}/{seq}/{month}' }).success).toBe(false);
    expect(createPaperTypeSchema.parse({ name: 'Antrag', abbreviation: 'A' })).toEqual({ name: 'Antrag', abbreviation: 'A', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4 });
    expect(updatePaperTypeSchema.safeParse({ sequenceDigits: 9 }).success).toBe(false);
    expect(updatePaperTypeSchema.safeParse({ abbreviation: 'Ä-1' }).success).toBe(true);
  });
});

describe('paper input', () => {
  const base = { paperTypeId: '6f1c1c56-1d51-4c1a-9a53-0c5f1f0f7a11', name: 'Haushalt', date: '2026-01-01' };

  it('fills the defaults of a new draft', () => {
    expect(createPaperSchema.parse(base)).toEqual({ ...base, public: true, originatorPersonIds: [], originatorOrganizationIds: [], relatedPaperIds: [], consultations: [], release: false });
  });

  it('refuses a step id twice in a path, naming the second', () => {
    const id = '6f1c1c56-1d51-4c1a-9a53-0c5f1f0f7a12';
    const step = { id, organizationId: base.paperTypeId, authoritative: true };
    const r = putConsultationsSchema.safeParse({ consultations: [step, step] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['consultations.1.id']);
  });
});
