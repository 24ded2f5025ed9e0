import type { DynamicModule } from '@nestjs/common';
import { BundlesModule } from '@ratsinfo/api-bundles';
import { ExtractionModule } from '@ratsinfo/api-extraction';
import { MailJobsModule } from '@ratsinfo/api-mail';
import { TenantJobsModule } from '@ratsinfo/api-operator';
import { HousekeepingModule } from './housekeeping.module';

/**
 * The feature modules whose handlers the worker runs. Each registers its outbox topics and
 * maintenance tasks with the OutboxHandlerRegistry in onModuleInit.
 */
export function workerFeatures(): NonNullable<DynamicModule['imports']> {
  return [MailJobsModule, ExtractionModule, BundlesModule, TenantJobsModule, HousekeepingModule];
}
