import type { TenantRole } from '@ratsinfo/contracts';

/*
 * Translation keys of roles. Only types are imported from the contracts: their value exports
 * pull zod into the bundle, and this library is part of the initial (public portal) bundle.
 */

/** Role in a member authority in words ("Mitglied", "Sachbearbeitung", "Administration"). */
export const TENANT_ROLE_KEYS: Readonly<Record<TenantRole, string>> = {
  /** t(roles.member, roles.clerk, roles.tenantAdmin) */
  member: 'roles.member',
  clerk: 'roles.clerk',
  'tenant-admin': 'roles.tenantAdmin',
};

/** The order in which roles are listed: from the least to the most privileged. */
export const TENANT_ROLE_ORDER: readonly TenantRole[] = ['member', 'clerk', 'tenant-admin'];

/** Tenant roles in display order, unknown values dropped. */
export function sortRoles(roles: readonly string[]): TenantRole[] {
  return TENANT_ROLE_ORDER.filter((role) => roles.includes(role));
}

/** Key for the role someone acted in (audit log): a tenant role, an operator, or null when unknown. */
export function actingRoleKey(role: string | null): string | null {
  if (!role) return null;
  if (role in TENANT_ROLE_KEYS) return TENANT_ROLE_KEYS[role as TenantRole];
  /** t(roles.operator) */
  if (role === 'operator') return 'roles.operator';
  return null;
}
