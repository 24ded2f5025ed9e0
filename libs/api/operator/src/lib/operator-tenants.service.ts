import { Inject, Injectable } from '@nestjs/common';
import { AuditEventsRepository, AuditLog, toAuditDto } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig, AuthContext, ConflictError, NotFoundError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { OutboxWriter, Prisma, TenantDatabase, TenantLifecycle, type Tenant } from '@ratsinfo/api-database';
import {
  type AuditEventDto,
  type AuditQuery,
  type PagedResponse,
  type OnboardTenantInput,
  type OperatorTenantDto,
  PROVISIONING_STEPS,
  type ProvisioningStepDto,
  TENANT_PROVISIONING_TOPIC,
  type TenantExportDto,
} from '@ratsinfo/contracts';
import { IDENTITY_PROVISIONER, type IdentityProvisioner } from '@ratsinfo/api-identity';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import { TenantExportsService } from './tenant-exports.service';
import { markDone, onboardingOf, type OnboardingState } from './tenant-provisioner';

/**
 * A member authority's lifecycle at the cooperative: onboarding (resumable provisioning steps),
 * suspension and reactivation, export, deletion. The onboarding steps run in the worker
 * (TenantProvisioner, `tenant.provisioning-requested`), exports too (TenantExportsService). Operators administer tenants here; the only
 * place they touch tenant content is the export, which is audited.
 */
@Injectable()
export class OperatorTenantsService {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly lifecycle: TenantLifecycle,
    private readonly tenantDb: TenantDatabase,
    private readonly context: TenantContext,
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
    private readonly auditEvents: AuditEventsRepository,
    private readonly outbox: OutboxWriter,
    private readonly exports: TenantExportsService,
    @Inject(IDENTITY_PROVISIONER) private readonly idp: IdentityProvisioner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<OperatorTenantDto[]> {
    const rows = await this.registry.listAll();
    return rows.map((t) => this.toDto(t));
  }

  async get(id: string): Promise<Tenant> {
    const t = await this.registry.findFresh(id);
    if (!t) throw new NotFoundError('The member authority');
    return t;
  }

  async onboard(input: OnboardTenantInput): Promise<OperatorTenantDto> {
    if (await this.registry.findBySlug(input.slug)) {
      throw new ValidationError([{ name: 'slug', reason: 'is already taken by another member authority' }]);
    }
    if (await this.registry.findByAgs(input.ags)) {
      throw new ValidationError([{ name: 'ags', reason: 'is already registered for another member authority' }]);
    }
    const realm = input.dedicatedRealm ? `ratsinfo-${input.slug}` : this.config.AUTH_REALM;
    const state: OnboardingState = {
      firstAdmin: input.firstAdmin,
      realm,
      identityUserId: null,
      steps: PROVISIONING_STEPS.map((step) => ({ step, state: 'pending', error: null, finishedAt: null })),
    };
    markDone(state, 'register-tenant');
    let tenant: Tenant;
    try {
      const id = await this.lifecycle.register({
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        ags: input.ags,
        noticePeriodDays: input.noticePeriodDays,
        brandingLogoUrl: input.branding.logoUrl,
        brandingPrimaryColor: input.branding.primaryColor,
        identityDedicatedRealm: input.dedicatedRealm,
        identityIssuer: input.dedicatedRealm ? `${this.config.AUTH_URL.replace(/\/$/, '')}/realms/${realm}` : null,
        identityOrganizationAlias: input.dedicatedRealm ? null : input.slug,
        onboarding: state as unknown as Prisma.InputJsonValue,
      });
      tenant = await this.get(id);
    } catch (e) {
      const taken = uniqueViolation(e);
      if (taken === 'ags') throw new ValidationError([{ name: 'ags', reason: 'is already registered for another member authority' }]);
      if (taken === 'slug') throw new ValidationError([{ name: 'slug', reason: 'is already taken by another member authority' }]);
      throw e;
    }
    await this.audit.cooperativeEvent({ action: 'tenant.onboarding-started', targetTenantRef: tenant.id, targetSlug: tenant.slug, changes: { name: input.name, kind: input.kind, ags: input.ags, dedicatedRealm: input.dedicatedRealm, firstAdmin: input.firstAdmin.email } });
    await this.requestProvisioning(tenant);
    return this.toDto(tenant);
  }

  /** Runs the pending and failed steps again; safe to call any time (steps are idempotent). */
  async retry(id: string): Promise<ProvisioningStepDto[]> {
    const tenant = await this.get(id);
    const state = onboardingOf(tenant);
    if (!state) throw new ConflictError('This member authority was not onboarded here.');
    await this.requestProvisioning(tenant);
    return state.steps;
  }

  async steps(id: string): Promise<ProvisioningStepDto[]> {
    return onboardingOf(await this.get(id))?.steps ?? [];
  }

  /**
   * Asks the worker to run the steps: an outbox event in the tenant's own transaction, in the
   * operator's name. However many are asked for, one run per tenant happens at a time
   * (TenantProvisioner's advisory lock), and done steps are skipped.
   */
  private async requestProvisioning(tenant: Tenant): Promise<void> {
    const p = this.auth.principal();
    await this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
      this.tenantDb.transaction((tx) =>
        this.outbox.add(tx, {
          topic: TENANT_PROVISIONING_TOPIC,
          payload: { tenantId: tenant.id },
          actor: { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: 'operator' },
        }),
      ),
    );
  }

  async setStatus(id: string, status: 'active' | 'suspended'): Promise<OperatorTenantDto> {
    const tenant = await this.get(id);
    if (tenant.status === 'provisioning') throw new ConflictError('Onboarding of this member authority has not finished.');
    if (tenant.status === status) return this.toDto(tenant);
    await this.lifecycle.setStatus(id, status);
    const updated = await this.get(id);
    await this.audit.cooperativeEvent({ action: status === 'suspended' ? 'tenant.suspended' : 'tenant.reactivated', targetTenantRef: id, targetSlug: tenant.slug });
    return this.toDto(updated);
  }

  /** Requests an operator's export of the authority (built by the worker; see TenantExportsService). */
  async requestExport(id: string, reason: string): Promise<TenantExportDto> {
    const tenant = await this.get(id);
    return this.context.run({ id: tenant.id, slug: tenant.slug }, () => this.exports.request(reason, 'operator'));
  }

  /** Runs `fn` in the tenant's context (the operator's export routes). */
  async inTenant<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const tenant = await this.get(id);
    return this.context.run({ id: tenant.id, slug: tenant.slug }, fn);
  }

  /**
   * Deletes a member authority for good: only after an export, with the slug typed as
   * confirmation. Every row of the tenant goes (the foreign keys cascade from `tenants`); the
   * cooperative audit log keeps the record of the deletion.
   */
  async delete(id: string, confirmSlug: string): Promise<void> {
    const tenant = await this.get(id);
    if (confirmSlug !== tenant.slug) throw new ValidationError([{ name: 'confirmSlug', reason: `must repeat the slug "${tenant.slug}" exactly` }]);
    if (!tenant.lastExportAt) throw new ConflictError('Export the member authority before deleting it.');
    if (tenant.status === 'active') throw new ConflictError('Suspend the member authority before deleting it.');
    if (tenant.identityOrganizationId && !tenant.identityDedicatedRealm) {
      await this.idp.deleteOrganization(this.config.AUTH_REALM, tenant.identityOrganizationId);
    }
    await this.lifecycle.delete(id, confirmSlug);
    await this.audit.cooperativeEvent({ action: 'tenant.deleted', targetTenantRef: id, targetSlug: tenant.slug, changes: { name: tenant.name, lastExportAt: tenant.lastExportAt.toISOString() } });
  }

  /** The cooperative-level audit log (lifecycle events), newest first. */
  async auditLog(q: AuditQuery): Promise<PagedResponse<AuditEventDto>> {
    const page = await this.auditEvents.cooperativePage(q);
    return { data: page.rows.map((e) => toAuditDto({ ...e, entityType: 'tenant', entityId: e.targetTenantRef }, e.targetSlug)), nextCursor: page.nextCursor };
  }


  toDto(t: Tenant): OperatorTenantDto {
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      ags: t.ags,
      status: t.status,
      noticePeriodDays: t.noticePeriodDays,
      branding: { logoUrl: t.brandingLogoUrl, primaryColor: t.brandingPrimaryColor },
      identity: { issuer: t.identityIssuer, organizationAlias: t.identityOrganizationAlias, dedicatedRealm: t.identityDedicatedRealm },
      provisioning: onboardingOf(t)?.steps ?? [],
      lastExportAt: t.lastExportAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
    };
  }
}

/** Which unique key a registration collided with (two operators racing past the checks above). */
function uniqueViolation(e: unknown): 'slug' | 'ags' | null {
  const text = e instanceof Error ? e.message : String(e);
  if (!/23505|unique/i.test(text)) return null;
  if (text.includes('tenants_ags_key')) return 'ags';
  if (text.includes('tenants_slug_key')) return 'slug';
  return null;
}

