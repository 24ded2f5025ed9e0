import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig, observePool } from '@ratsinfo/api-core';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { SqlStatementCounter } from './sql-statement-counter';

/**
 * The one connection pool, as the application role (no BYPASSRLS). Not exported from this
 * library: code reaches data through TenantDatabase (tenant-scoped) or CooperativeDatabase
 * (cooperative-level tables), so any bypass of the tenant scope is visible by name.
 */
@Injectable()
export class PrismaService implements OnModuleDestroy {
  readonly client: PrismaClient;
  private readonly unobserve: () => void;

  constructor(@Inject(APP_CONFIG) config: AppConfig, counter: SqlStatementCounter) {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: config.DATABASE_POOL_TIMEOUT_MS, application_name: 'ratsinfo-api' });
    pool.on('connect', (c) => counter.instrument(c));
    this.unobserve = observePool(pool);
    this.client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  }

  async onModuleDestroy(): Promise<void> {
    this.unobserve();
    await this.client.$disconnect();
  }
}
