import { TENANT_ROLES } from '@ratsinfo/contracts';
import { de, en, text } from '../../testing/i18n-testing';
import { TENANT_ROLE_KEYS, actingRoleKey, sortRoles } from './roles';

describe('role labels', () => {
  it('cover every tenant role of the contracts, in German words', () => {
    expect(Object.keys(TENANT_ROLE_KEYS).sort()).toEqual([...TENANT_ROLES].sort());
    expect(sortRoles(['tenant-admin', 'member', 'clerk']).map((role) => text(de, TENANT_ROLE_KEYS[role]))).toEqual([
      'Mitglied',
      'Sachbearbeitung',
      'Administration',
    ]);
    for (const key of [...Object.values(TENANT_ROLE_KEYS), 'roles.operator']) expect(text(en, key)).not.toBe('');
  });

  it('sorts from the least to the most privileged role and drops unknown values', () => {
    expect(sortRoles(['clerk', 'member', 'superuser'])).toEqual(['member', 'clerk']);
  });

  it('names the acting role of an audit event', () => {
    expect(actingRoleKey('clerk')).toBe('roles.clerk');
    expect(actingRoleKey('operator')).toBe('roles.operator');
    expect(actingRoleKey('something-else')).toBeNull();
    expect(actingRoleKey(null)).toBeNull();
  });
});
