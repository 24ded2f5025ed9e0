import { strongestRole, toApiRole, toDbRole } from './roles';

describe('tenant roles', () => {
  it('maps between the database enum and the API names', () => {
    expect(toApiRole('tenant_admin')).toBe('tenant-admin');
    expect(toApiRole('clerk')).toBe('clerk');
    expect(toDbRole('tenant-admin')).toBe('tenant_admin');
    expect(toDbRole('member')).toBe('member');
  });

  it('acts in the strongest role the caller holds', () => {
    expect(strongestRole(['member', 'tenant-admin'])).toBe('tenant-admin');
    expect(strongestRole(['member', 'clerk'])).toBe('clerk');
    expect(strongestRole([])).toBeNull();
  });
});
