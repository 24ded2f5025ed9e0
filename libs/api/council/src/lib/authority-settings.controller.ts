import { Body, Controller, Get, Put } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-auth';
import { NotFoundError, TenantAccess, TenantContext, ZodValidationPipe } from '@ratsinfo/api-core';
import { TenantDatabase, TenantLifecycle } from '@ratsinfo/api-database';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import { type AuthoritySettingsDto, authoritySettingsSchema } from '@ratsinfo/contracts';

/** An authority's own settings, kept by its tenant admins (audited). */
@Controller('api/office/:tenant/settings')
export class AuthoritySettingsController {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly tenant: TenantContext,
    private readonly db: TenantDatabase,
    private readonly lifecycle: TenantLifecycle,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @TenantAccess(['tenant-admin', 'clerk'])
  async get(): Promise<AuthoritySettingsDto> {
    const t = await this.registry.findById(this.tenant.require().id);
    if (!t) throw new NotFoundError('The member authority');
    return { memberVisibility: t.memberVisibility === 'all_bodies' ? 'all-bodies' : 'own-bodies' };
  }

  @Put()
  @TenantAccess(['tenant-admin'])
  async put(@Body(new ZodValidationPipe(authoritySettingsSchema)) body: AuthoritySettingsDto): Promise<AuthoritySettingsDto> {
    const before = await this.get();
    if (before.memberVisibility !== body.memberVisibility) {
      await this.db.transaction(async (tx) => {
        await this.lifecycle.setMemberVisibility(tx, body.memberVisibility === 'all-bodies' ? 'all_bodies' : 'own_bodies');
        await this.audit.tenantEvent(tx, { action: 'settings.member-visibility-changed', entityType: 'tenant', entityId: this.tenant.require().id, changes: { before: before.memberVisibility, after: body.memberVisibility } });
      });
    }
    return { memberVisibility: body.memberVisibility };
  }
}
