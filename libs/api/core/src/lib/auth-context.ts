import { Injectable } from '@nestjs/common';
import type { TenantRole } from '@ratsinfo/contracts';
import { ClsService } from 'nestjs-cls';

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  issuer: string;
  subject: string;
  username: string | null;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** Aliases of the caller's Keycloak Organizations (the `organization` claim). */
  organizations: string[];
  realmRoles: string[];
  clientId: string | null;
}

/** What the caller may do in the current tenant, decided by the AccessGuard. */
export interface TenantSession {
  accountId: string | null;
  roles: TenantRole[];
  /** The role the caller acts in for this request (recorded in the audit log). */
  actingRole: TenantRole | 'operator-support';
  supportGrant: { id: string; expiresAt: Date } | null;
}

const PRINCIPAL = 'ratsinfo.principal';
const SESSION = 'ratsinfo.tenantSession';

@Injectable()
export class AuthContext {
  constructor(private readonly cls: ClsService) {}

  setPrincipal(p: Principal): void {
    this.cls.set(PRINCIPAL, Object.freeze(p));
  }

  principal(): Principal | null {
    return this.cls.isActive() ? (this.cls.get<Principal | undefined>(PRINCIPAL) ?? null) : null;
  }

  requirePrincipal(): Principal {
    const p = this.principal();
    if (!p) throw new Error('No authenticated principal: this code path needs an authenticated route.');
    return p;
  }

  setTenantSession(s: TenantSession): void {
    this.cls.set(SESSION, Object.freeze(s));
  }

  tenantSession(): TenantSession | null {
    return this.cls.isActive() ? (this.cls.get<TenantSession | undefined>(SESSION) ?? null) : null;
  }

  requireTenantSession(): TenantSession {
    const s = this.tenantSession();
    if (!s) throw new Error('No tenant session: this code path needs a TenantAccess route.');
    return s;
  }

  /** Runs `fn` as `principal` (jobs, tests). */
  runAs<T>(principal: Principal, fn: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      this.setPrincipal(principal);
      return fn();
    });
  }
}
