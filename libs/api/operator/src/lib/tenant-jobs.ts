import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '@ratsinfo/api-accounts';
import { AuthContext, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase } from '@ratsinfo/api-database';
import { FilesModule } from '@ratsinfo/api-files';
import { IdentityModule } from '@ratsinfo/api-identity';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { TENANT_EXPORT_TOPIC, TENANT_PROVISIONING_TOPIC } from '@ratsinfo/contracts';
import { z } from 'zod';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';
import { TenantExportsService } from './tenant-exports.service';
import { TenantProvisioner } from './tenant-provisioner';

const provisioningPayload = z.object({ tenantId: z.uuid() });
const exportPayload = z.object({ exportId: z.uuid() });

/** `tenant.provisioning-requested {tenantId}`: runs the onboarding steps (one run per tenant at a time). */
@Injectable()
export class ProvisioningHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly provisioner: TenantProvisioner,
  ) {}

  onModuleInit(): void {
    this.registry.register(TENANT_PROVISIONING_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = provisioningPayload.safeParse(event.payload);
    if (!p.success || p.data.tenantId !== event.tenantId) throw new PermanentJobError('invalid-payload', `${TENANT_PROVISIONING_TOPIC} needs { tenantId } of its own tenant`);
    await this.provisioner.run(p.data.tenantId);
  }
}

/** `tenant.export-requested {exportId}`: builds the export's ZIP into the file storage. */
@Injectable()
export class ExportHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly exports: TenantExportsService,
    private readonly auth: AuthContext,
  ) {}

  onModuleInit(): void {
    this.registry.register(TENANT_EXPORT_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = exportPayload.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${TENANT_EXPORT_TOPIC} needs { exportId }`);
    // A tenant admin's export is recorded in the authority's log in that role, as the API did.
    if (event.actor.actingRole === 'tenant-admin' && this.auth.principal()) {
      this.auth.setTenantSession({ accountId: null, roles: ['tenant-admin'], actingRole: 'tenant-admin', supportGrant: null });
    }
    await this.exports.build(p.data.exportId);
  }
}

/** `export-expiry` (hourly): removes the ZIPs of exports past their expiry, tenant by tenant. */
@Injectable()
export class ExportExpiryTask implements OnModuleInit {
  private readonly logger = new Logger(ExportExpiryTask.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly cooperative: CooperativeDatabase,
    private readonly context: TenantContext,
    private readonly exports: TenantExportsService,
  ) {}

  onModuleInit(): void {
    this.registry.registerTask('export-expiry', { everyMs: 60 * 60_000, run: async () => void (await this.run()) });
  }

  async run(now = new Date()): Promise<number> {
    let expired = 0;
    for (const t of await this.cooperative.tenants.findMany({ select: { id: true, slug: true }, orderBy: { id: 'asc' } })) {
      expired += await this.context.run({ id: t.id, slug: t.slug }, () => this.exports.expire(now));
    }
    if (expired) this.logger.log({ expired }, 'removed expired exports');
    return expired;
  }
}

/** The worker's side of tenants: onboarding steps, exports, export expiry. */
@Module({
  imports: [AccountsModule, IdentityModule, FilesModule],
  providers: [TenantProvisioner, ProvisioningHandler, TenantExporter, TenantExportRepository, TenantExportsService, ExportHandler, ExportExpiryTask],
  exports: [TenantProvisioner, TenantExportsService, ExportExpiryTask],
})
export class TenantJobsModule {}
