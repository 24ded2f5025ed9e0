import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ConflictError, NotFoundError, TenantAccess, TenantContext, ZodValidationPipe } from '@ratsinfo/api-core';
import { TenantDatabase, type SupportAccessGrant, type UserAccount, type AuditEvent } from '@ratsinfo/api-database';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import {
  type AuditEventDto,
  type ListResponse,
  type SupportAccessGrantDto,
  type SupportAccessGrantInput,
  supportAccessGrantSchema,
  type TenantSessionDto,
  type UserAccountDto,
  type UserRolesUpdate,
  userRolesUpdateSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { AuditLog } from './audit-log';
import { AuthContext } from './principal';
import { toApiRole, toDbRole } from './roles';

const idParams = z.object({ tenant: z.string(), id: uuidSchema }).strict();
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.iso.datetime({ offset: true }).optional() }).strict();

function toAccountDto(a: UserAccount): UserAccountDto {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    roles: a.roles.map(toApiRole),
    personId: a.personId,
    linked: a.subject !== null,
    lastSeenAt: a.lastSeenAt?.toISOString() ?? null,
  };
}

function toGrantDto(g: SupportAccessGrant & { grantedBy: { displayName: string } }, now = new Date()): SupportAccessGrantDto {
  return {
    id: g.id,
    grantedBy: g.grantedBy.displayName,
    reason: g.reason,
    createdAt: g.createdAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    revokedAt: g.revokedAt?.toISOString() ?? null,
    active: g.revokedAt === null && g.expiresAt > now,
  };
}

export function toAuditDto(e: Pick<AuditEvent, 'id' | 'occurredAt' | 'actorSubject' | 'actorName' | 'actingRole' | 'action' | 'entityType' | 'entityId' | 'changes'>, tenantSlug: string | null): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: { subject: e.actorSubject, name: e.actorName },
    actingRole: e.actingRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    tenantSlug,
    changes: (e.changes as Record<string, unknown> | null) ?? null,
  };
}

/** The back office of one member authority: who am I, accounts and roles, support access, audit. */
@Controller('api/office/:tenant')
export class OfficeController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly auth: AuthContext,
    private readonly tenant: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditLog,
  ) {}

  @Get('session')
  @TenantAccess(['tenant-admin', 'clerk', 'member'], { supportAccess: true })
  async session(): Promise<TenantSessionDto> {
    const session = this.auth.requireTenantSession();
    const p = this.auth.requirePrincipal();
    const tenant = await this.registry.findById(this.tenant.require().id);
    const [account, activeGrant] = await this.db.transaction(async (tx) => [
      session.accountId ? await tx.userAccount.findUnique({ where: { id: session.accountId } }) : null,
      // Everyone in the authority sees while the cooperative's operators have support access.
      await tx.supportAccessGrant.findFirst({ where: { revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { expiresAt: 'desc' } }),
    ] as const);
    const grant = session.supportGrant ?? (activeGrant ? { id: activeGrant.id, expiresAt: activeGrant.expiresAt } : null);
    return {
      tenant: { slug: tenant?.slug ?? '', name: tenant?.name ?? '' },
      user: { id: account?.id ?? p.subject, displayName: account?.displayName ?? p.name ?? '', email: account?.email ?? p.email, personId: account?.personId ?? null },
      roles: session.roles,
      supportAccess: grant ? { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } : null,
    };
  }

  @Get('users')
  @TenantAccess(['tenant-admin'])
  async users(): Promise<ListResponse<UserAccountDto>> {
    const rows = await this.db.transaction((tx) => tx.userAccount.findMany({ orderBy: [{ displayName: 'asc' }] }));
    return { data: rows.map(toAccountDto) };
  }

  @Put('users/:id/roles')
  @TenantAccess(['tenant-admin'])
  async setRoles(
    @Param(new ZodValidationPipe(idParams)) params: z.infer<typeof idParams>,
    @Body(new ZodValidationPipe(userRolesUpdateSchema)) body: UserRolesUpdate,
  ): Promise<UserAccountDto> {
    const roles = [...new Set(body.roles)];
    const updated = await this.db.transaction(async (tx) => {
      const before = await tx.userAccount.findUnique({ where: { id: params.id } });
      if (!before) throw new NotFoundError('The user account');
      if (before.roles.includes('tenant_admin') && !roles.includes('tenant-admin')) {
        const admins = await tx.userAccount.count({ where: { roles: { has: 'tenant_admin' } } });
        if (admins <= 1) throw new ConflictError('The last tenant administrator cannot lose that role.');
      }
      const after = await tx.userAccount.update({ where: { id: params.id }, data: { roles: roles.map(toDbRole) } });
      await this.audit.tenantEvent(tx, { action: 'user-account.roles-changed', entityType: 'user-account', entityId: after.id, changes: { before: before.roles.map(toApiRole), after: roles } });
      return after;
    });
    return toAccountDto(updated);
  }

  @Get('support-access')
  @TenantAccess(['tenant-admin'], { supportAccess: true })
  async supportGrants(): Promise<ListResponse<SupportAccessGrantDto>> {
    const rows = await this.db.transaction((tx) => tx.supportAccessGrant.findMany({ orderBy: { createdAt: 'desc' }, take: 100, include: { grantedBy: { select: { displayName: true } } } }));
    return { data: rows.map((g) => toGrantDto(g)) };
  }

  @Post('support-access')
  @TenantAccess(['tenant-admin'])
  async grantSupport(@Body(new ZodValidationPipe(supportAccessGrantSchema)) body: SupportAccessGrantInput): Promise<SupportAccessGrantDto> {
    const session = this.auth.requireTenantSession();
    const grant = await this.db.transaction(async (tx) => {
      const now = new Date();
      const g = await tx.supportAccessGrant.create({
        data: { tenantId: this.tenant.require().id, grantedById: session.accountId as string, reason: body.reason, createdAt: now, expiresAt: new Date(now.getTime() + body.hours * 3_600_000) },
        include: { grantedBy: { select: { displayName: true } } },
      });
      await this.audit.tenantEvent(tx, { action: 'support-access.granted', entityType: 'support-access-grant', entityId: g.id, changes: { hours: body.hours, reason: body.reason } });
      return g;
    });
    return toGrantDto(grant);
  }

  @Delete('support-access/:id')
  @TenantAccess(['tenant-admin'])
  @HttpCode(200)
  async revokeSupport(@Param(new ZodValidationPipe(idParams)) params: z.infer<typeof idParams>): Promise<SupportAccessGrantDto> {
    const grant = await this.db.transaction(async (tx) => {
      const g = await tx.supportAccessGrant.findUnique({ where: { id: params.id } });
      if (!g) throw new NotFoundError('The support access grant');
      const revoked = await tx.supportAccessGrant.update({ where: { id: g.id }, data: { revokedAt: g.revokedAt ?? new Date() }, include: { grantedBy: { select: { displayName: true } } } });
      if (!g.revokedAt) await this.audit.tenantEvent(tx, { action: 'support-access.revoked', entityType: 'support-access-grant', entityId: g.id });
      return revoked;
    });
    return toGrantDto(grant);
  }

  @Get('audit')
  @TenantAccess(['tenant-admin'])
  async auditLog(@Query(new ZodValidationPipe(auditQuery)) q: z.infer<typeof auditQuery>): Promise<ListResponse<AuditEventDto>> {
    const slug = this.tenant.require().slug;
    const rows = await this.db.transaction((tx) =>
      tx.auditEvent.findMany({ where: q.before ? { occurredAt: { lt: new Date(q.before) } } : {}, orderBy: { occurredAt: 'desc' }, take: q.limit }),
    );
    return { data: rows.map((e) => toAuditDto(e, slug)) };
  }
}
