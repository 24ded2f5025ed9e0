import type { DbTenantRole } from '@ratsinfo/api-database';
import { TENANT_ROLES, type TenantRole } from '@ratsinfo/contracts';

/** Prisma names the enum value `tenant_admin`; the database and the API say `tenant-admin`. */
export function toApiRole(r: DbTenantRole): TenantRole {
  return r === 'tenant_admin' ? 'tenant-admin' : r;
}

export function toDbRole(r: TenantRole): DbTenantRole {
  return r === 'tenant-admin' ? 'tenant_admin' : r;
}

/** Strongest first: the role a caller acts in when several apply. */
export function strongestRole(roles: readonly TenantRole[]): TenantRole | null {
  return TENANT_ROLES.find((r) => roles.includes(r)) ?? null;
}
