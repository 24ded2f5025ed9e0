import type { DynamicModule } from '@nestjs/common';
import { BundlesModule } from '@ratsinfo/api-bundles';
import { ExtractionModule } from '@ratsinfo/api-extraction';
import { MailJobsModule } from '@ratsinfo/api-mail';

/**
 * The feature modules whose handlers the worker runs. Each registers its outbox topics and
 * maintenance tasks with the OutboxHandlerRegistry in onModuleInit.
 */
export function workerFeatures(): NonNullable<DynamicModule['imports']> {
  return [MailJobsModule, ExtractionModule, BundlesModule];
}
