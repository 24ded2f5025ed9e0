import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessNotice, AccountsRepository } from '@ratsinfo/api-accounts';
import { AuditLog } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig, AuthContext, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, Prisma, TenantDatabase, TenantLifecycle, type Tenant } from '@ratsinfo/api-database';
import { IDENTITY_PROVISIONER, type IdentityProvisioner } from '@ratsinfo/api-identity';
import { normalizeEmail, type ProvisioningStepDto, type ProvisioningStepName } from '@ratsinfo/contracts';

/** Stored in tenants.onboarding: the input the steps need, their progress, and what they created. */
export interface OnboardingState {
  firstAdmin: { firstName: string; lastName: string; email: string };
  realm: string;
  identityUserId: string | null;
  /** false: the first admin's identity was already in use (e.g. in another authority): a notice, not an invitation. */
  identityAwaitingSetup?: boolean;
  steps: ProvisioningStepDto[];
}

export function onboardingOf(t: Tenant): OnboardingState | null {
  return (t.onboarding as unknown as OnboardingState | null) ?? null;
}

export function markDone(state: OnboardingState, step: ProvisioningStepName): void {
  const s = state.steps.find((x) => x.step === step);
  if (s) Object.assign(s, { state: 'done', error: null, finishedAt: new Date().toISOString() });
}

/** How long one provisioning run may hold its tenant's lock (the IdP calls have their own timeouts). */
const RUN_LIMIT_MS = 10 * 60_000;

export type ProvisioningOutcome = 'done' | 'failed' | 'busy' | 'not-onboarded';

/**
 * Runs an authority's onboarding steps (the worker's `tenant.provisioning-requested` job). Each
 * step is idempotent and records its result in tenants.onboarding; a failed step keeps its error
 * and ends the run (the operator retries from the console), so the job itself succeeds and is
 * not retried blindly against an IdP that said no.
 *
 * One run per tenant at a time, across any number of workers: a run holds a transaction-level
 * advisory lock keyed by the tenant on a connection of its own for its whole length. A second
 * run that cannot take it returns at once — the first one does the work (a retry that arrives
 * while a run is underway is answered by that run; if it fails, the operator retries again).
 *
 * Called inside the tenant's context and as the operator who asked (the job scope).
 */
@Injectable()
export class TenantProvisioner {
  private readonly logger = new Logger(TenantProvisioner.name);

  constructor(
    private readonly lifecycle: TenantLifecycle,
    private readonly cooperative: CooperativeDatabase,
    private readonly tenantDb: TenantDatabase,
    private readonly context: TenantContext,
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
    private readonly accounts: AccountsRepository,
    private readonly notice: AccessNotice,
    @Inject(IDENTITY_PROVISIONER) private readonly idp: IdentityProvisioner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(tenantId: string): Promise<ProvisioningOutcome> {
    return this.context.run({ id: tenantId, slug: tenantId }, () =>
      this.tenantDb.transaction(
        async (lock) => {
          const rows = await lock.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('provision:' || ${tenantId}::text)) AS locked`;
          if (!rows[0]?.locked) {
            this.logger.log({ tenantId }, 'provisioning already running elsewhere');
            return 'busy' as const;
          }
          return this.provision(tenantId);
        },
        { timeoutMs: RUN_LIMIT_MS },
      ),
    );
  }

  private async get(id: string): Promise<Tenant> {
    const t = await this.cooperative.tenants.findUnique({ where: { id } });
    if (!t) throw new Error(`member authority ${id} is gone`);
    return t;
  }

  private async provision(id: string): Promise<ProvisioningOutcome> {
    let tenant = await this.get(id);
    const state = onboardingOf(tenant);
    if (!state) return 'not-onboarded';
    for (const s of state.steps) {
      if (s.state === 'done') continue;
      try {
        await this.runStep(s.step, tenant, state);
        markDone(state, s.step);
      } catch (e) {
        s.state = 'failed';
        s.error = describeError(e);
        s.finishedAt = new Date().toISOString();
        await this.saveState(id, state);
        this.logger.warn({ tenantId: id, step: s.step, error: s.error }, 'provisioning step failed');
        return 'failed';
      }
      tenant = await this.saveState(id, state);
    }
    if (tenant.status === 'provisioning') {
      await this.lifecycle.setStatus(id, 'active');
      await this.audit.cooperativeEvent({ action: 'tenant.activated', targetTenantRef: id, targetSlug: tenant.slug });
    }
    return 'done';
  }

  private async runStep(step: ProvisioningStepName, tenant: Tenant, state: OnboardingState): Promise<void> {
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
        await this.inTenant(tenant, () =>
          this.tenantDb.transaction(async (tx) => {
            const email = normalizeEmail(state.firstAdmin.email);
            if (await this.accounts.findByEmail(tx, email)) return;
            const account = await this.accounts.create(tx, { tenantId: tenant.id, email, displayName: `${state.firstAdmin.firstName} ${state.firstAdmin.lastName}`, roles: ['tenant_admin'] });
            await this.audit.tenantEvent(tx, { action: 'user-account.invited', entityType: 'user-account', entityId: account.id, changes: { email, roles: ['tenant-admin'] } });
          }),
        );
        return;
      case 'invitation-email':
        if (!state.identityUserId) throw new Error('The first administrator has no identity yet.');
        if (state.identityAwaitingSetup === false) {
          // An identity already in use gets a plain notice (through the outbox), never an
          // actions e-mail that would make its owner reset the password they use elsewhere.
          const email = normalizeEmail(state.firstAdmin.email);
          const principal = this.auth.principal();
          await this.inTenant(tenant, () =>
            this.tenantDb.transaction(async (tx) => {
              const account = await this.accounts.findByEmail(tx, email);
              await this.notice.queue(
                tx,
                { accountId: account?.id ?? null, email, tenantSlug: tenant.slug },
                principal ? { issuer: principal.issuer, subject: principal.subject, name: principal.name, actingRole: 'operator' } : null,
              );
            }),
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

  private inTenant<T>(tenant: Tenant, fn: () => Promise<T>): Promise<T> {
    return this.context.run({ id: tenant.id, slug: tenant.slug }, fn);
  }

  private async saveState(id: string, state: OnboardingState): Promise<Tenant> {
    await this.lifecycle.saveOnboarding(id, state as unknown as Prisma.InputJsonValue);
    return this.get(id);
  }
}

function describeError(e: unknown): string {
  const message = typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
  return message.slice(0, 500);
}
