import { Global, Module } from '@nestjs/common';
import { CooperativeDatabase } from './cooperative-database';
import { PrismaService } from './prisma.service';
import { TenantDatabase } from './tenant-database';
import { TenantLifecycle } from './tenant-lifecycle';

@Global()
@Module({
  providers: [PrismaService, TenantDatabase, CooperativeDatabase, TenantLifecycle],
  exports: [TenantDatabase, CooperativeDatabase, TenantLifecycle],
})
export class DatabaseModule {}
