import { legislativeTermUpdateSchema, membershipCreateSchema, membershipUpdateSchema, organizationCreateSchema, personCreateSchema } from './structure';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('structure input', () => {
  it('takes empty optional texts as "none" and trims', () => {
    expect(personCreateSchema.parse({ givenName: ' Anna ', familyName: 'Arndt', title: '', affix: '   ' })).toEqual({ givenName: 'Anna', familyName: 'Arndt', title: null, affix: null });
  });

  it('refuses unknown fields, control characters and over-long names, naming the field', () => {
    expect(paths(personCreateSchema.safeParse({ givenName: 'A', familyName: 'B', nickname: 'x' }))).toEqual(['']);
    expect(paths(personCreateSchema.safeParse({ givenName: 'A\u0007', familyName: 'B' }))).toEqual(['givenName']);
    expect(paths(organizationCreateSchema.safeParse({ name: 'x'.repeat(301), organizationType: 'committee' }))).toEqual(['name']);
  });

  it('checks that an end is not before the start when both are sent', () => {
    expect(paths(organizationCreateSchema.safeParse({ name: 'A', organizationType: 'other', startDate: '2026-02-01', endDate: '2026-01-31' }))).toEqual(['endDate']);
    expect(legislativeTermUpdateSchema.safeParse({ endDate: '2020-01-01' }).success).toBe(true);
  });

  it('accepts only http(s) websites and real ids', () => {
    expect(paths(organizationCreateSchema.safeParse({ name: 'A', organizationType: 'other', website: 'javascript:alert(1)' }))).toEqual(['website']);
    expect(paths(membershipCreateSchema.safeParse({ personId: 'Anna', organizationId: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e' }))).toEqual(['personId']);
  });

  it('keeps a membership’s person and organization fixed once created', () => {
    expect(paths(membershipUpdateSchema.safeParse({ personId: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e' }))).toEqual(['']);
  });
});
