import { Injectable } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

export type TenantTx = Prisma.TransactionClient;

/**
 * Tenant-scoped data access. Every call runs in a transaction whose first statement declares
 * the current tenant (`app.tenant_id`, transaction-local), so PostgreSQL's row-level security
 * policies filter every read and check every write, even where a query forgets its tenant
 * filter. The tenant comes from TenantContext and is never a parameter, so a caller cannot
 * point it elsewhere.
 */
@Injectable()
export class TenantDatabase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tenant: TenantContext,
  ) {}

  transaction<T>(fn: (tx: TenantTx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeoutMs?: number }): Promise<T> {
    const { id } = this.tenant.require();
    return this.prisma.client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${id}, true)`;
        return fn(tx);
      },
      { isolationLevel: options?.isolationLevel, timeout: options?.timeoutMs ?? 10_000, maxWait: 5_000 },
    );
  }
}
