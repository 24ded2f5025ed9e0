import { Global, Module } from '@nestjs/common';
import { CooperativeDatabase } from './cooperative-database';
import { DeadLetters, OutboxRelay, OutboxWriter } from './outbox';
import { PrismaService } from './prisma.service';
import { SqlStatementCounter } from './sql-statement-counter';
import { SearchIndex, SearchV2 } from './search-index';
import { TenantDatabase } from './tenant-database';
import { TenantLifecycle } from './tenant-lifecycle';

@Global()
@Module({
  providers: [SqlStatementCounter, PrismaService, TenantDatabase, CooperativeDatabase, TenantLifecycle, OutboxWriter, OutboxRelay, DeadLetters, SearchIndex, SearchV2],
  exports: [SqlStatementCounter, TenantDatabase, CooperativeDatabase, TenantLifecycle, OutboxWriter, OutboxRelay, DeadLetters, SearchIndex, SearchV2],
})
export class DatabaseModule {}
