import { Injectable } from '@nestjs/common';
import { AuthContext } from '@ratsinfo/api-core';
import type { TenantTx } from '@ratsinfo/api-database';
import { TenantResolver } from '@ratsinfo/api-tenancy';
import { berlinDate } from '@ratsinfo/berlin-time';

/** Whose non-public content the caller may read: everything, or that of these organizations. */
export type NonPublicScope = { kind: 'all' } | { kind: 'organizations'; ids: ReadonlySet<string> };

/**
 * The one rule for non-public content (agenda items today; papers and files next), used by every
 * read that can return any. Clerks and tenant admins (and operators under a support grant) read
 * all of their authority's. A council member reads, by the authority's setting
 * (`tenants.member_visibility`):
 * - `own-bodies` (default): that of the bodies they currently belong to, plus the council's;
 * - `all-bodies`: that of every body of the authority.
 * A member account not linked to a Person belongs to no body: the council's only.
 * The public side never asks: it reads public rows only.
 */
@Injectable()
export class NonPublicAccess {
  constructor(
    private readonly auth: AuthContext,
    private readonly resolver: TenantResolver,
  ) {}

  async scope(tx: TenantTx): Promise<NonPublicScope> {
    const session = this.auth.requireTenantSession();
    if (session.actingRole !== 'member') return { kind: 'all' };
    if (this.resolver.current().memberVisibility === 'all_bodies') return { kind: 'all' };
    const account = session.accountId ? await tx.userAccount.findUnique({ where: { id: session.accountId }, select: { personId: true } }) : null;
    const today = new Date(`${berlinDate()}T00:00:00Z`);
    const organizations = await tx.organization.findMany({
      where: {
        deletedAt: null,
        OR: [
          { organizationType: 'council' },
          ...(account?.personId
            ? [
                {
                  memberships: {
                    some: {
                      personId: account.personId,
                      deletedAt: null,
                      AND: [{ OR: [{ startDate: null }, { startDate: { lte: today } }] }, { OR: [{ endDate: null }, { endDate: { gte: today } }] }],
                    },
                  },
                },
              ]
            : []),
        ],
      },
      select: { id: true },
    });
    return { kind: 'organizations', ids: new Set(organizations.map((o) => o.id)) };
  }

  /** May the caller read the non-public content of this organization? */
  static allows(scope: NonPublicScope, organizationId: string): boolean {
    return scope.kind === 'all' || scope.ids.has(organizationId);
  }
}
