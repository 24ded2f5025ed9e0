import { Injectable, Optional } from '@nestjs/common';
import { AuthContext, TenantContext } from '@ratsinfo/api-core';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

export type TenantTx = Prisma.TransactionClient;

/**
 * Tenant-scoped data access. Every call runs in a transaction whose first statement declares
 * the current tenant (`app.tenant_id`, transaction-local), so PostgreSQL's row-level security
 * policies filter every read and check every write, even where a query forgets its tenant
 * filter. The tenant comes from TenantContext and is never a parameter, so a caller cannot
 * point it elsewhere.
 *
 * The same statement declares the acting account (`app.account_id`) when the request's verified
 * session has one in this tenant: private rows (annotations) are readable only by it. Operators,
 * support access, the worker and the export act without one and see none of them.
 */
@Injectable()
export class TenantDatabase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tenant: TenantContext,
    @Optional() private readonly auth?: AuthContext,
  ) {}

  transaction<T>(fn: (tx: TenantTx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeoutMs?: number }): Promise<T> {
    const { id } = this.tenant.require();
    const account = this.actingAccount();
    return this.prisma.client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${id}, true), set_config('app.account_id', ${account ?? ''}, true)`;
        return fn(tx);
      },
      { isolationLevel: options?.isolationLevel, timeout: options?.timeoutMs ?? 10_000, maxWait: 5_000 },
    );
  }

  /** The caller's own account in this tenant; none when acting through support access. */
  private actingAccount(): string | null {
    const s = this.auth?.tenantSession();
    if (!s || s.actingRole === 'operator-support') return null;
    return s.accountId;
  }
}
