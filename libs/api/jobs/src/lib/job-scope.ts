import { Injectable } from '@nestjs/common';
import { AuthContext, type Principal, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, type OutboxActor } from '@ratsinfo/api-database';
import { PermanentJobError } from './handler-registry';

/**
 * Runs a job inside its event's tenant (RLS: `TenantDatabase` sees that tenant only) and in the
 * name of whoever caused the event (the audit trail names them, with "(Hintergrundauftrag)" as
 * acting role when the event had no actor).
 */
@Injectable()
export class JobScope {
  constructor(
    private readonly tenant: TenantContext,
    private readonly auth: AuthContext,
    private readonly cooperative: CooperativeDatabase,
  ) {}

  async run<T>(tenantId: string, actor: OutboxActor | null, fn: () => Promise<T>): Promise<T> {
    const t = await this.cooperative.tenants.findUnique({ where: { id: tenantId }, select: { id: true, slug: true } });
    if (!t) throw new PermanentJobError('tenant-gone', `the member authority ${tenantId} no longer exists`);
    const inTenant = () => this.tenant.run({ id: t.id, slug: t.slug }, fn);
    const principal = actorPrincipal(actor);
    return principal ? this.auth.runAs(principal, inTenant) : inTenant();
  }
}

export function actorPrincipal(actor: OutboxActor | null): Principal | null {
  if (!actor?.issuer || !actor.subject) return null;
  return {
    issuer: actor.issuer,
    subject: actor.subject,
    username: null,
    email: null,
    emailVerified: false,
    name: actor.name,
    organizations: [],
    realmRoles: actor.actingRole === 'operator' ? ['operator'] : [],
    clientId: null,
  };
}
