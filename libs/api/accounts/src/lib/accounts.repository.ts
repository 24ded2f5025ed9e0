import { Injectable } from '@nestjs/common';
import type { DbTenantRole, TenantTx } from '@ratsinfo/api-database';

/**
 * Queries on the current tenant's user accounts. Every method takes the transaction of the
 * service that calls it, so a rule and its audit entry commit together (RLS scopes the rows).
 */
@Injectable()
export class AccountsRepository {
  list(tx: TenantTx) {
    return tx.userAccount.findMany({ orderBy: [{ displayName: 'asc' }] });
  }

  findById(tx: TenantTx, id: string) {
    return tx.userAccount.findUnique({ where: { id } });
  }

  /** `email` is already normalized (the column holds only normalized addresses). */
  findByEmail(tx: TenantTx, email: string) {
    return tx.userAccount.findFirst({ where: { email } });
  }

  create(tx: TenantTx, data: { tenantId: string; email: string; displayName: string; roles: DbTenantRole[]; personId?: string | null }) {
    return tx.userAccount.create({ data });
  }

  /** Removes an account nobody has signed in with yet (a withdrawn invitation). */
  deleteUnbound(tx: TenantTx, id: string) {
    return tx.userAccount.deleteMany({ where: { id, subject: null } });
  }

  setPerson(tx: TenantTx, id: string, personId: string | null) {
    return tx.userAccount.update({ where: { id }, data: { personId } });
  }

  setRoles(tx: TenantTx, id: string, roles: DbTenantRole[]) {
    return tx.userAccount.update({ where: { id }, data: { roles } });
  }

  countAdmins(tx: TenantTx) {
    return tx.userAccount.count({ where: { roles: { has: 'tenant_admin' } } });
  }

  /** Another account already linked to `personId` (other than `exceptId`), if any. */
  findLinkedToPerson(tx: TenantTx, personId: string, exceptId?: string) {
    return tx.userAccount.findFirst({ where: { personId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  }

  /** Whether `personId` is a current (not deleted) person of this tenant. */
  async personExists(tx: TenantTx, personId: string): Promise<boolean> {
    return (await tx.person.findFirst({ where: { id: personId, deletedAt: null }, select: { id: true } })) !== null;
  }
}
