import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig, ConflictError, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type Tenant } from '@ratsinfo/api-database';
import { normalizeEmail, type OperatorFirstAdminDto, type ProvisioningStepDto } from '@ratsinfo/contracts';
import { IDENTITY_PROVISIONER, type IdentityProvisioner } from '@ratsinfo/api-identity';

/** The part of `tenants.onboarding` (written by OperatorTenantsService) this service reads. */
interface OnboardingRecord {
  firstAdmin?: { firstName: string; lastName: string; email: string };
  realm?: string;
  identityUserId?: string | null;
  /** false: the identity was already in use elsewhere; it got a plain notice, never an actions e-mail. */
  identityAwaitingSetup?: boolean;
  steps?: ProvisioningStepDto[];
}

function onboardingOf(t: Tenant): OnboardingRecord | null {
  const value = t.onboarding as unknown;
  return value && typeof value === 'object' ? (value as OnboardingRecord) : null;
}

/** The first administrator's account in its tenant (RLS-scoped, read only). */
@Injectable()
export class FirstAdminAccountRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  find(tenant: Tenant, email: string): Promise<{ subject: string | null; lastSeenAt: Date | null } | null> {
    return this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
      this.db.transaction((tx) =>
        tx.userAccount.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: normalizeEmail(email) } }, select: { subject: true, lastSeenAt: true } }),
      ),
    );
  }
}

/**
 * The first administrator of an onboarded authority, as the operator console shows it: who, and
 * whether the invitation was taken up; and re-sending that invitation (for example when the
 * e-mail got lost or the link expired) until they have signed in.
 */
@Injectable()
export class OperatorFirstAdminService {
  constructor(
    private readonly accounts: FirstAdminAccountRepository,
    private readonly audit: AuditLog,
    @Inject(IDENTITY_PROVISIONER) private readonly idp: IdentityProvisioner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(tenant: Tenant): Promise<OperatorFirstAdminDto | null> {
    const onboarding = onboardingOf(tenant);
    const admin = onboarding?.firstAdmin;
    if (!admin) return null;
    // Before the role step ran there is no account yet: not signed in.
    const account = tenant.status === 'provisioning' && !stepDone(onboarding, 'first-admin-role') ? null : await this.accounts.find(tenant, admin.email);
    const invitation = onboarding.steps?.find((s) => s.step === 'invitation-email');
    return {
      name: `${admin.firstName} ${admin.lastName}`.trim(),
      email: admin.email.toLowerCase(),
      signedIn: !!account?.subject,
      lastSeenAt: account?.lastSeenAt?.toISOString() ?? null,
      invitedAt: invitation?.state === 'done' ? invitation.finishedAt : null,
    };
  }

  /** Sends the invitation e-mail again. 409 while onboarding has not sent it yet, or once the admin has signed in. */
  async resend(tenant: Tenant): Promise<OperatorFirstAdminDto> {
    const onboarding = onboardingOf(tenant);
    if (!onboarding?.firstAdmin || !onboarding.realm) throw new ConflictError('This member authority was not onboarded here: it has no first administrator to invite.');
    if (!stepDone(onboarding, 'invitation-email') || !onboarding.identityUserId) {
      throw new ConflictError('Onboarding has not sent the first invitation yet: finish (or retry) the provisioning steps first.');
    }
    if (onboarding.identityAwaitingSetup === false) {
      // Never an actions e-mail to an identity in use (it would make its owner reset a password they use elsewhere).
      throw new ConflictError('The first administrator already has an identity (e.g. in another authority): they were notified and sign in with it; there is no invitation to re-send.');
    }
    const current = await this.of(tenant);
    if (current?.signedIn) throw new ConflictError('The first administrator has already signed in; they manage further invitations themselves.');
    await this.idp.sendInvitation(onboarding.realm, onboarding.identityUserId, {
      clientId: this.config.AUTH_WEB_CLIENT_ID,
      redirectUri: `${this.config.WEB_BASE_URL.replace(/\/$/, '')}/${tenant.slug}/verwaltung`,
    });
    await this.audit.cooperativeEvent({ action: 'tenant.invitation-resent', targetTenantRef: tenant.id, targetSlug: tenant.slug, changes: { name: tenant.name, email: onboarding.firstAdmin.email.toLowerCase() } });
    return { ...(current as OperatorFirstAdminDto) };
  }
}

function stepDone(onboarding: OnboardingRecord, step: ProvisioningStepDto['step']): boolean {
  return onboarding.steps?.some((s) => s.step === step && s.state === 'done') ?? false;
}
