import { SetMetadata } from '@nestjs/common';
import type { TenantRole } from '@ratsinfo/contracts';

/**
 * Every route states who may call it, with exactly one of these decorators. The global
 * AccessGuard (libs/api/access) refuses any route without one — deny by default — and a test
 * walks all registered routes to prove none is missing.
 */
export const ACCESS_METADATA = 'ratsinfo:access';

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'operator' }
  | { kind: 'tenant'; roles: readonly TenantRole[]; supportAccess: boolean };

/** Anyone, signed in or not. A `:tenant` in the path is still resolved (404 unknown, 410 suspended). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** Cooperative staff with the operator realm role. They administer tenants, never read tenant content. */
export const OperatorOnly = () => SetMetadata(ACCESS_METADATA, { kind: 'operator' } satisfies AccessRule);

/**
 * Signed-in people of the tenant named by `:tenant` who hold one of `roles` in the app's
 * database. `supportAccess: true` also admits an operator while the tenant's admin has granted
 * time-limited support access (audited, shown to the tenant).
 */
export const TenantAccess = (roles: readonly TenantRole[], options: { supportAccess?: boolean } = {}) =>
  SetMetadata(ACCESS_METADATA, { kind: 'tenant', roles, supportAccess: options.supportAccess ?? false } satisfies AccessRule);
