import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessNotice, AccountsRepository } from '@ratsinfo/api-accounts';
import { AuditEventsRepository, AuditLog, toAuditDto } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig, AuthContext, ConflictError, NotFoundError, type Principal, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { Prisma, TenantDatabase, TenantLifecycle, type Tenant } from '@ratsinfo/api-database';
import {
  normalizeEmail,
  type AuditEventDto,
  type AuditQuery,
  type PagedResponse,
  type OnboardTenantInput,
  type OperatorTenantDto,
  PROVISIONING_STEPS,
  type ProvisioningStepDto,
  type ProvisioningStepName,
} from '@ratsinfo/contracts';
import { IDENTITY_PROVISIONER, type IdentityProvisioner } from '@ratsinfo/api-identity';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import { TenantExporter } from './tenant-export';

/** Stored in tenants.onboarding: the input the steps need, their progress, and what they created. */
interface OnboardingState {
  firstAdmin: { firstName: string; lastName: string; email: string };
  realm: string;
  identityUserId: string | null;
  /** false: the first admin's identity was already in use (e.g. in another authority): a notice, not an invitation. */
  identityAwaitingSetup?: boolean;
  steps: ProvisioningStepDto[];
}

/**
 * A member authority's lifecycle at the cooperative: onboarding (resumable provisioning steps),
 * suspension and reactivation, export, deletion. Operators administer tenants here; the only
 * place they touch tenant content is the export, which is audited.
 */
@Injectable()
export class OperatorTenantsService {
  private readonly logger = new Logger(OperatorTenantsService.name);
  /** Tenants whose provisioning runs in this process right now (one run at a time per tenant). */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly registry: TenantRegistry,
    private readonly lifecycle: TenantLifecycle,
    private readonly tenantDb: TenantDatabase,
    private readonly context: TenantContext,
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
    private readonly auditEvents: AuditEventsRepository,
    private readonly accounts: AccountsRepository,
    private readonly exporter: TenantExporter,
    private readonly notice: AccessNotice,
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
    this.startProvisioning(tenant.id);
    return this.toDto(tenant);
  }

  /** Runs the pending and failed steps again; safe to call any time (steps are idempotent). */
  async retry(id: string): Promise<ProvisioningStepDto[]> {
    const tenant = await this.get(id);
    const state = onboardingOf(tenant);
    if (!state) throw new ConflictError('This member authority was not onboarded here.');
    this.startProvisioning(id);
    return state.steps;
  }

  async steps(id: string): Promise<ProvisioningStepDto[]> {
    return onboardingOf(await this.get(id))?.steps ?? [];
  }

  /** Resolves when the current provisioning run (if any) has finished; for tests and shutdown. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  private startProvisioning(id: string): void {
    if (this.running.has(id)) return;
    const principal = this.auth.principal();
    const run = this.provision(id, principal)
      .catch((e: Error) => this.logger.error({ err: e, tenantId: id }, 'provisioning run failed'))
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  private async provision(id: string, principal: Principal | null): Promise<void> {
    let tenant = await this.get(id);
    const state = onboardingOf(tenant);
    if (!state) return;
    for (const s of state.steps) {
      if (s.state === 'done') continue;
      try {
        await this.runStep(s.step, tenant, state, principal);
        markDone(state, s.step);
      } catch (e) {
        s.state = 'failed';
        s.error = describeError(e);
        s.finishedAt = new Date().toISOString();
        await this.saveState(id, state);
        this.logger.warn({ tenantId: id, step: s.step, error: s.error }, 'provisioning step failed');
        return;
      }
      tenant = await this.saveState(id, state);
    }
    if (tenant.status === 'provisioning') {
      await this.lifecycle.setStatus(id, 'active');
      await this.withPrincipal(principal, () => this.audit.cooperativeEvent({ action: 'tenant.activated', targetTenantRef: id, targetSlug: tenant.slug }));
    }
  }

  private async runStep(step: ProvisioningStepName, tenant: Tenant, state: OnboardingState, principal: Principal | null): Promise<void> {
    switch (step) {
      case 'register-tenant':
        return;
      case 'identity-organization':
        if (tenant.identityDedicatedRealm) {
          await this.idp.ensureRealm(state.realm, tenant.name);
        } else {
          const org = await this.idp.ensureOrganization(state.realm, tenant.identityOrganizationAlias ?? tenant.slug, tenant.name);
          await this.lifecycle.saveOnboarding(tenant.id, state as unknown as Prisma.InputJsonValue, org.id);
          tenant.identityOrganizationId = org.id;
        }
        return;
      case 'first-admin-user': {
        const user = await this.idp.ensureUser(state.realm, state.firstAdmin);
        state.identityUserId = user.id;
        state.identityAwaitingSetup = user.awaitingSetup;
        if (!tenant.identityDedicatedRealm && tenant.identityOrganizationId) {
          await this.idp.ensureOrganizationMember(state.realm, tenant.identityOrganizationId, user.id);
        }
        return;
      }
      case 'first-admin-role':
        await this.withPrincipal(principal, () =>
          this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
            this.tenantDb.transaction(async (tx) => {
              const email = normalizeEmail(state.firstAdmin.email);
              if (await this.accounts.findByEmail(tx, email)) return;
              const account = await this.accounts.create(tx, { tenantId: tenant.id, email, displayName: `${state.firstAdmin.firstName} ${state.firstAdmin.lastName}`, roles: ['tenant_admin'] });
              await this.audit.tenantEvent(tx, { action: 'user-account.invited', entityType: 'user-account', entityId: account.id, changes: { email, roles: ['tenant-admin'] } });
            }),
          ),
        );
        return;
      case 'invitation-email':
        if (!state.identityUserId) throw new Error('The first administrator has no identity yet.');
        if (state.identityAwaitingSetup === false) {
          // An identity already in use gets a plain notice (through the outbox), never an
          // actions e-mail that would make its owner reset the password they use elsewhere.
          const email = normalizeEmail(state.firstAdmin.email);
          await this.withPrincipal(principal, () =>
            this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
              this.tenantDb.transaction(async (tx) => {
                const account = await this.accounts.findByEmail(tx, email);
                await this.notice.queue(
                  tx,
                  { accountId: account?.id ?? null, email, tenantSlug: tenant.slug },
                  principal ? { issuer: principal.issuer, subject: principal.subject, name: principal.name, actingRole: 'operator' } : null,
                );
              }),
            ),
          );
          return;
        }
        await this.idp.sendInvitation(state.realm, state.identityUserId, {
          clientId: this.config.AUTH_WEB_CLIENT_ID,
          redirectUri: `${this.config.WEB_BASE_URL.replace(/\/$/, '')}/${tenant.slug}/verwaltung`,
        });
        return;
    }
  }

  private async saveState(id: string, state: OnboardingState): Promise<Tenant> {
    await this.lifecycle.saveOnboarding(id, state as unknown as Prisma.InputJsonValue);
    return this.get(id);
  }

  private withPrincipal<T>(principal: Principal | null, fn: () => Promise<T>): Promise<T> {
    return principal ? this.auth.runAs(principal, fn) : fn();
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

  /**
   * A complete export of an authority's content, non-public items, accounts and audit log
   * included. It never happens unseen: the authority's own audit log records who took it, when
   * and why (its admins read it there), and an operator's export also goes to the cooperative's
   * log. Only an operator's export counts as the hand-over that deletion requires.
   */
  async export(id: string, reason: string, requestedAs: 'operator' | 'tenant-admin' = 'operator'): Promise<{ filename: string; zip: Uint8Array }> {
    const tenant = await this.get(id);
    const now = new Date();
    const result = await this.exporter.export(tenant, now);
    const changes = { reason, requestedAs, counts: result.counts, bytes: result.zip.byteLength };
    await this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
      this.tenantDb.transaction((tx) => this.audit.tenantEvent(tx, { action: 'tenant.exported', entityType: 'tenant', entityId: id, changes })),
    );
    if (requestedAs === 'operator') {
      await this.lifecycle.markExported(id);
      await this.audit.cooperativeEvent({ action: 'tenant.exported', targetTenantRef: id, targetSlug: tenant.slug, changes });
    }
    return result;
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

function onboardingOf(t: Tenant): OnboardingState | null {
  return (t.onboarding as unknown as OnboardingState | null) ?? null;
}

function markDone(state: OnboardingState, step: ProvisioningStepName): void {
  const s = state.steps.find((x) => x.step === step);
  if (s) Object.assign(s, { state: 'done', error: null, finishedAt: new Date().toISOString() });
}

/** Which unique key a registration collided with (two operators racing past the checks above). */
function uniqueViolation(e: unknown): 'slug' | 'ags' | null {
  const text = e instanceof Error ? e.message : String(e);
  if (!/23505|unique/i.test(text)) return null;
  if (text.includes('tenants_ags_key')) return 'ags';
  if (text.includes('tenants_slug_key')) return 'slug';
  return null;
}

function describeError(e: unknown): string {
  const message = typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
  return message.slice(0, 500);
}
