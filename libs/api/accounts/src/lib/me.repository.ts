import { Injectable } from '@nestjs/common';
import type { Principal } from '@ratsinfo/api-core';
import { TenantDatabase, type DbTenantRole } from '@ratsinfo/api-database';
import { normalizeEmail } from '@ratsinfo/contracts';

/** The caller's own account in the current tenant (RLS-scoped): its roles, and the language of its mails. */
@Injectable()
export class MeRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * The roles of the caller's account in the current tenant: the account bound to the token's
   * identity, or else the pending invitation to the caller's verified e-mail (it is bound on the
   * first visit of that authority). Empty when there is none. Never binds or writes anything.
   */
  rolesOf(p: Principal): Promise<DbTenantRole[]> {
    return this.db.transaction(async (tx) => {
      const bound = await tx.userAccount.findFirst({ where: { issuer: p.issuer, subject: p.subject }, select: { roles: true } });
      if (bound) return bound.roles;
      if (!p.email || !p.emailVerified) return [];
      // The same rule as binding (UserAccountsRepository.findOrBind): plain equality on the one
      // normalized form; (tenant, email) is unique, so there is at most one candidate.
      const invited = await tx.userAccount.findFirst({ where: { email: normalizeEmail(p.email), subject: null }, select: { roles: true } });
      return invited?.roles ?? [];
    });
  }

  /** The language of the caller's mails on their bound account here (none bound: nothing to do). */
  async setLocale(p: Principal, locale: 'de' | 'en'): Promise<void> {
    await this.db.transaction((tx) => tx.userAccount.updateMany({ where: { issuer: p.issuer, subject: p.subject }, data: { locale } }));
  }
}
