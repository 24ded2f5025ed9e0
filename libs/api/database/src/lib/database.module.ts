import { Global, Module } from '@nestjs/common';
import { CooperativeDatabase } from './cooperative-database';
import { PrismaService } from './prisma.service';
import { TenantDatabase } from './tenant-database';

@Global()
@Module({
  providers: [PrismaService, TenantDatabase, CooperativeDatabase],
  exports: [TenantDatabase, CooperativeDatabase],
})
export class DatabaseModule {}
