import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@ratsinfo/api-audit';
import { AppConfig, CoreModule } from '@ratsinfo/api-core';
import { DatabaseModule } from '@ratsinfo/api-database';
import { JobsModule, QUEUES } from '@ratsinfo/api-jobs';
import { JobDispatcher } from './job-dispatcher';
import { OutboxRelayService } from './outbox-relay.service';
import { EventsProcessor, FilesProcessor, MailProcessor, MaintenanceProcessor, TenantsProcessor } from './processors';
import { redisConnection } from './redis-connection';
import { SchedulerService } from './scheduler.service';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker: a Nest application context (no HTTP) with the outbox relay, one BullMQ processor
 * per queue, and the feature modules that register their handlers (docs/adr/0015).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, features: DynamicModule['imports'] = []): DynamicModule {
    const connection = redisConnection(config.REDIS_URL);
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, 'worker'),
        DatabaseModule,
        AuditModule,
        JobsModule,
        BullModule.forRoot({ connection }),
        // Queues fail fast while Redis is away (the relay then leaves the events in PostgreSQL);
        // workers (their own connections) wait for it to come back.
        ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name, connection: { ...connection, enableOfflineQueue: false } })),
        ...(features ?? []),
      ],
      providers: [OutboxRelayService, JobDispatcher, SchedulerService, EventsProcessor, MailProcessor, FilesProcessor, TenantsProcessor, MaintenanceProcessor, WorkerMetrics],
    };
  }
}
