import { Injectable } from '@nestjs/common';
import { type Principal, TenantContext } from '@ratsinfo/api-core';
import { AuditLog } from '@ratsinfo/api-audit';
import { TenantDatabase, type UserAccount, type SupportAccessGrant } from '@ratsinfo/api-database';
import { normalizeEmail } from '@ratsinfo/contracts';
import { LastSeenRecorder } from './last-seen.recorder';

/** Accounts and support grants of the current tenant (RLS-scoped). */
@Injectable()
export class UserAccountsRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly audit: AuditLog,
    private readonly lastSeen: LastSeenRecorder,
  ) {}

  /**
   * The caller's account in this tenant. An invited account (e-mail known, no identity yet) is
   * bound to the caller at the first sign-in with that *verified* e-mail address.
   */
  findOrBind(p: Principal): Promise<UserAccount | null> {
    return this.db.transaction(async (tx) => {
      const existing = await tx.userAccount.findUnique({ where: { tenantId_issuer_subject: { tenantId: this.tenant.require().id, issuer: p.issuer, subject: p.subject } } });
      if (existing) {
        this.lastSeen.seen(existing.id, existing.lastSeenAt);
        return existing;
      }
      if (!p.email || !p.emailVerified) return null;
      // Plain equality on the normalized form: (tenant, email) is unique, so at most one
      // invitation can match, and `_` or `%` in an address are just characters.
      const email = normalizeEmail(p.email);
      const invited = await tx.userAccount.findUnique({ where: { tenantId_email: { tenantId: this.tenant.require().id, email } } });
      if (!invited || invited.subject !== null) return null;
      const bound = await tx.userAccount.update({
        where: { id: invited.id },
        data: { issuer: p.issuer, subject: p.subject, lastSeenAt: new Date(), displayName: p.name ?? invited.displayName },
      });
      await this.audit.tenantEvent(tx, { action: 'user-account.linked', entityType: 'user-account', entityId: bound.id, changes: { email: p.email } });
      return bound;
    });
  }

  activeSupportGrant(): Promise<SupportAccessGrant | null> {
    return this.db.transaction((tx) =>
      tx.supportAccessGrant.findFirst({ where: { revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { expiresAt: 'desc' } }),
    );
  }
}

