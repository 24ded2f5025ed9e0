import { Global, Module } from '@nestjs/common';
import { CooperativeDatabase } from './cooperative-database';
import { OutboxRelay, OutboxWriter } from './outbox';
import { PrismaService } from './prisma.service';
import { SearchIndex } from './search-index';
import { TenantDatabase } from './tenant-database';

@Global()
@Module({
  providers: [PrismaService, TenantDatabase, CooperativeDatabase, OutboxWriter, OutboxRelay, SearchIndex],
  exports: [TenantDatabase, CooperativeDatabase, OutboxWriter, OutboxRelay, SearchIndex],
})
export class DatabaseModule {}
