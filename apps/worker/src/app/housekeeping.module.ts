import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@ratsinfo/api-database';
import { FilesModule, OrphanBlobSweeper } from '@ratsinfo/api-files';
import { OutboxHandlerRegistry } from '@ratsinfo/api-jobs';

const HOUR = 60 * 60_000;
/** Processed outbox events are kept this long (for looking into what happened), then purged. */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * Housekeeping on a schedule (BullMQ job schedulers: each run happens once, whatever the number
 * of workers): blobs no row refers to (`orphan-blob-sweep`, hourly) and processed outbox events
 * (`outbox-purge`, daily). Export expiry is TenantJobsModule's.
 */
@Injectable()
export class HousekeepingTasks implements OnModuleInit {
  private readonly logger = new Logger(HousekeepingTasks.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly sweeper: OrphanBlobSweeper,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.registry.registerTask('orphan-blob-sweep', { everyMs: HOUR, run: async () => void (await this.sweeper.sweep()) });
    this.registry.registerTask('outbox-purge', {
      everyMs: 24 * HOUR,
      run: async () => {
        const purged = await this.relay.purge(OUTBOX_RETENTION_DAYS);
        if (purged) this.logger.log({ purged }, 'purged processed outbox events');
      },
    });
  }
}

@Module({
  imports: [FilesModule],
  providers: [HousekeepingTasks],
})
export class HousekeepingModule {}
