import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxHandlerRegistry, QUEUES } from '@ratsinfo/api-jobs';
import type { Queue } from 'bullmq';

/**
 * Schedules the registered maintenance tasks as BullMQ job schedulers. A scheduler's id is the
 * task's name, so every worker upserts the same one: with any number of workers each run
 * happens once.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulerService.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, task] of this.registry.allTasks()) {
      try {
        await this.maintenance.upsertJobScheduler(name, { every: task.everyMs }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } });
      } catch (e) {
        // Redis is down at boot: the next worker start (or this one's restart) schedules it.
        this.logger.warn(`could not schedule ${name}: ${(e as Error).message}`);
      }
    }
  }
}
