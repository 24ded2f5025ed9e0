import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxHandlerRegistry, QUEUES } from '@ratsinfo/api-jobs';
import type { Queue } from 'bullmq';
import { ensureSchedulers } from './maintenance-schedules';

/** How often the schedulers are checked (and put back when Redis lost them). */
export const SCHEDULER_CHECK_MS = 30_000;

/**
 * Schedules the registered maintenance tasks as BullMQ job schedulers. A scheduler's id is the
 * task's name, so every worker upserts the same one: with any number of workers each run
 * happens once.
 *
 * Redis keeps no state of its own worth keeping (docs/adr/0015): when it restarts empty, or was
 * down when the worker booted, the schedulers are gone with it and the reminders would silently
 * stop until some worker restarted. So every worker checks them periodically and puts back the
 * ones that are missing (an existing scheduler is left alone, so its timing is not disturbed).
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedulers();
    if (this.registry.allTasks().length > 0) {
      this.timer = setInterval(() => void this.ensureSchedulers(), SCHEDULER_CHECK_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Puts back the schedulers Redis lost; returns their names. */
  ensureSchedulers(): Promise<string[]> {
    return ensureSchedulers(this.registry, this.maintenance, (m) => this.logger.warn(m));
  }
}
