import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AuthContext, ConflictError, NotFoundError, ServiceUnavailableError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { IDENTITY_PROVISIONER, type IdentityProvisioner } from '@ratsinfo/api-identity';
import { TenantDatabase, type SupportAccessGrant, type Tenant, type UserAccount } from '@ratsinfo/api-database';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import { normalizeEmail } from '@ratsinfo/contracts';
import type { AuditEventDto, AuditQuery, PagedResponse, InviteUserInput, SupportAccessGrantDto, SupportAccessGrantInput, TenantRole, TenantSessionDto, UserAccountDto } from '@ratsinfo/contracts';
import { toApiRole, toDbRole } from '@ratsinfo/api-access';
import { AuditEventsRepository, AuditLog, toAuditDto } from '@ratsinfo/api-audit';
import { AccessNotice } from './access-notice';
import { AccountsRepository } from './accounts.repository';
import { SupportAccessRepository } from './support-access.repository';

/**
 * The back office's rules for one member authority: who am I, accounts and their roles (the
 * last tenant admin stays), support access grants, the audit log. Every write is audited in
 * its own transaction.
 */
@Injectable()
export class OfficeService {
  private readonly logger = new Logger(OfficeService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly auth: AuthContext,
    private readonly tenant: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditLog,
    private readonly notice: AccessNotice,
    private readonly auditEvents: AuditEventsRepository,
    private readonly userAccounts: AccountsRepository,
    private readonly grants: SupportAccessRepository,
    @Inject(IDENTITY_PROVISIONER) private readonly idp: IdentityProvisioner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invites a person. The steps are ordered so that nothing is left half-done:
   * 1. their account here, with its roles (audited) — a database failure changes nothing at
   *    the identity provider;
   * 2. their identity in the authority's realm and its Organization membership (both find
   *    before they create);
   * 3. a new identity, or one that never finished its setup, gets Keycloak's invitation
   *    (set a password, verify the e-mail); an identity already in use — say, a person already
   *    in another authority — gets a plain notice through the outbox and nothing that would make
   *    it reset its password.
   * When step 2 or 3 fails, the account is withdrawn again (audited), so the admin can simply
   * invite again; the identity left behind is found, not duplicated, next time.
   */
  async invite(input: InviteUserInput): Promise<UserAccountDto> {
    const email = normalizeEmail(input.email);
    const tenant = await this.registry.findById(this.tenant.require().id);
    if (!tenant) throw new NotFoundError('The member authority');
    const existing = await this.db.transaction((tx) => this.userAccounts.findByEmail(tx, email));
    if (existing) throw new ValidationError([{ name: 'email', reason: 'already has an account in this authority' }]);
    if (input.personId) await this.requirePerson(input.personId);
    const account = await this.db.transaction(async (tx) => {
      const a = await this.userAccounts.create(tx, { tenantId: tenant.id, email, displayName: `${input.firstName} ${input.lastName}`, roles: [...new Set(input.roles)].map(toDbRole), personId: input.personId });
      await this.audit.tenantEvent(tx, { action: 'user-account.invited', entityType: 'user-account', entityId: a.id, changes: { email, roles: input.roles, personId: input.personId } });
      return a;
    });
    try {
      await this.reachIdentity(tenant, account, { firstName: input.firstName, lastName: input.lastName });
    } catch (e) {
      await this.withdraw(account.id, e);
      throw e;
    }
    return toAccountDto(account);
  }

  /**
   * Sends the invitation (or, for an identity already in use, the notice) again to an account
   * that has not signed in yet. It runs the same convergent steps as the invitation, so it also
   * repairs an identity or Organization membership that went missing.
   */
  async resendInvitation(accountId: string): Promise<UserAccountDto> {
    const tenant = await this.registry.findById(this.tenant.require().id);
    const account = await this.db.transaction((tx) => this.userAccounts.findById(tx, accountId));
    if (!tenant || !account) throw new NotFoundError('The user account');
    if (account.subject || !account.email) throw new ConflictError('This account has already signed in.');
    const [firstName, ...rest] = account.displayName.split(' ');
    const how = await this.reachIdentity(tenant, account, { firstName: firstName ?? '', lastName: rest.join(' ') });
    await this.db.transaction((tx) => this.audit.tenantEvent(tx, { action: 'user-account.invitation-resent', entityType: 'user-account', entityId: account.id, changes: { sent: how } }));
    return toAccountDto(account);
  }

  /** Steps 2 and 3 of an invitation; idempotent. Returns what was sent. */
  private async reachIdentity(tenant: Tenant, account: UserAccount, name: { firstName: string; lastName: string }): Promise<'invitation' | 'notice'> {
    const realm = this.registry.loginRealm(tenant);
    const email = account.email as string;
    const user = await this.identity('create the identity', async () => {
      const u = await this.idp.ensureUser(realm, { email, ...name });
      if (!tenant.identityDedicatedRealm) {
        const org = tenant.identityOrganizationId
          ? { id: tenant.identityOrganizationId }
          : await this.idp.ensureOrganization(realm, tenant.identityOrganizationAlias ?? tenant.slug, tenant.name);
        await this.idp.ensureOrganizationMember(realm, org.id, u.id);
      }
      return u;
    });
    if (user.awaitingSetup) {
      await this.sendInvitation(realm, user.id, tenant.slug);
      return 'invitation';
    }
    await this.db.transaction((tx) => this.notice.queue(tx, { accountId: account.id, email, tenantSlug: tenant.slug }, this.actor()));
    return 'notice';
  }

  /** Compensation: removes an invitation whose identity steps failed (only while nobody signed in with it). */
  private async withdraw(accountId: string, cause: unknown): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const removed = await this.userAccounts.deleteUnbound(tx, accountId);
        if (removed.count > 0) {
          await this.audit.tenantEvent(tx, { action: 'user-account.invitation-withdrawn', entityType: 'user-account', entityId: accountId, changes: { reason: describe(cause) } });
        }
      });
    } catch (e) {
      // The account stays pending; "resend invitation" runs the same steps and converges.
      this.logger.error({ err: e, accountId }, 'could not withdraw a failed invitation');
    }
  }

  private actor() {
    const p = this.auth.principal();
    const s = this.auth.tenantSession();
    return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
  }

  /** Links an account to the council member (Person) it belongs to, or unlinks it. */
  async linkPerson(accountId: string, personId: string | null): Promise<UserAccountDto> {
    if (personId) await this.requirePerson(personId, accountId);
    const updated = await this.db.transaction(async (tx) => {
      const before = await this.userAccounts.findById(tx, accountId);
      if (!before) throw new NotFoundError('The user account');
      const after = await this.userAccounts.setPerson(tx, accountId, personId);
      await this.audit.tenantEvent(tx, { action: 'user-account.person-linked', entityType: 'user-account', entityId: accountId, changes: { before: before.personId, after: personId } });
      return after;
    });
    return toAccountDto(updated);
  }

  /** The person must be of this authority (RLS: others are simply not found) and have no other account. */
  private async requirePerson(personId: string, forAccountId?: string): Promise<void> {
    const [person, linked] = await this.db.transaction(async (tx) => [
      await this.userAccounts.personExists(tx, personId),
      await this.userAccounts.findLinkedToPerson(tx, personId, forAccountId),
    ] as const);
    if (!person) throw new ValidationError([{ name: 'personId', reason: 'is not a person of this authority' }]);
    if (linked) throw new ValidationError([{ name: 'personId', reason: 'is already linked to another account' }]);
  }

  private async sendInvitation(realm: string, userId: string, slug: string): Promise<void> {
    await this.identity('send the invitation e-mail', () =>
      this.idp.sendInvitation(realm, userId, { clientId: this.config.AUTH_WEB_CLIENT_ID, redirectUri: `${this.config.WEB_BASE_URL.replace(/\/$/, '')}/${slug}/verwaltung` }),
    );
  }

  private async identity<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.logger.warn({ err: e }, `identity provider: could not ${what}`);
      throw new ServiceUnavailableError(`The identity provider could not ${what}. Please try again later.`);
    }
  }

  async session(): Promise<TenantSessionDto> {
    const session = this.auth.requireTenantSession();
    const p = this.auth.requirePrincipal();
    const tenant = await this.registry.findById(this.tenant.require().id);
    const [account, activeGrant] = await this.db.transaction(async (tx) => [
      session.accountId ? await this.userAccounts.findById(tx, session.accountId) : null,
      // Everyone in the authority sees while the cooperative's operators have support access.
      await this.grants.active(tx),
    ] as const);
    const grant = session.supportGrant ?? (activeGrant ? { id: activeGrant.id, expiresAt: activeGrant.expiresAt } : null);
    return {
      tenant: { slug: tenant?.slug ?? '', name: tenant?.name ?? '' },
      user: { id: account?.id ?? p.subject, displayName: account?.displayName ?? p.name ?? '', email: account?.email ?? p.email, personId: account?.personId ?? null },
      roles: session.roles,
      supportAccess: grant ? { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } : null,
    };
  }

  async accounts(): Promise<UserAccountDto[]> {
    const rows = await this.db.transaction((tx) => this.userAccounts.list(tx));
    return rows.map(toAccountDto);
  }

  async setRoles(accountId: string, requested: TenantRole[]): Promise<UserAccountDto> {
    const roles = [...new Set(requested)];
    const updated = await this.db.transaction(async (tx) => {
      const before = await this.userAccounts.findById(tx, accountId);
      if (!before) throw new NotFoundError('The user account');
      if (before.roles.includes('tenant_admin') && !roles.includes('tenant-admin')) {
        const admins = await this.userAccounts.countAdmins(tx);
        if (admins <= 1) throw new ConflictError('The last tenant administrator cannot lose that role.');
      }
      const after = await this.userAccounts.setRoles(tx, accountId, roles.map(toDbRole));
      await this.audit.tenantEvent(tx, { action: 'user-account.roles-changed', entityType: 'user-account', entityId: after.id, changes: { before: before.roles.map(toApiRole), after: roles } });
      return after;
    });
    return toAccountDto(updated);
  }

  async supportGrants(): Promise<SupportAccessGrantDto[]> {
    const rows = await this.db.transaction((tx) => this.grants.latest(tx, 100));
    return rows.map((g) => toGrantDto(g));
  }

  async grantSupport(input: SupportAccessGrantInput): Promise<SupportAccessGrantDto> {
    const grantedById = this.auth.requireTenantSession().accountId;
    if (!grantedById) throw new ConflictError('Only a person of this authority can grant support access.');
    const grant = await this.db.transaction(async (tx) => {
      const now = new Date();
      const g = await this.grants.create(tx, { tenantId: this.tenant.require().id, grantedById, reason: input.reason, createdAt: now, expiresAt: new Date(now.getTime() + input.hours * 3_600_000) });
      await this.audit.tenantEvent(tx, { action: 'support-access.granted', entityType: 'support-access-grant', entityId: g.id, changes: { hours: input.hours, reason: input.reason } });
      return g;
    });
    return toGrantDto(grant);
  }

  async revokeSupport(grantId: string): Promise<SupportAccessGrantDto> {
    const grant = await this.db.transaction(async (tx) => {
      const g = await this.grants.findById(tx, grantId);
      if (!g) throw new NotFoundError('The support access grant');
      const revoked = await this.grants.revoke(tx, g.id, g.revokedAt ?? new Date());
      if (!g.revokedAt) await this.audit.tenantEvent(tx, { action: 'support-access.revoked', entityType: 'support-access-grant', entityId: g.id });
      return revoked;
    });
    return toGrantDto(grant);
  }

  async auditLog(q: AuditQuery): Promise<PagedResponse<AuditEventDto>> {
    const slug = this.tenant.require().slug;
    const page = await this.db.transaction((tx) => this.auditEvents.tenantPage(tx, q));
    return { data: page.rows.map((e) => toAuditDto(e, slug)), nextCursor: page.nextCursor };
  }

}

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

function describe(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.slice(0, 300);
}
