import type { OutboxHandlerRegistry } from '@ratsinfo/api-jobs';
import type { Queue } from 'bullmq';

/**
 * Creates the BullMQ job scheduler of each registered maintenance task unless it exists, and
 * returns the names it (re)created. An existing scheduler is left alone, so that its timing is
 * not disturbed; a missing one (Redis restarted empty, or was down when the worker booted) is
 * put back. Redis errors are reported through `warn`; the next check tries again.
 */
export async function ensureSchedulers(registry: OutboxHandlerRegistry, queue: Queue, warn: (message: string) => void = () => undefined): Promise<string[]> {
  const created: string[] = [];
  for (const [name, task] of registry.allTasks()) {
    try {
      if (await queue.getJobScheduler(name)) continue;
      await queue.upsertJobScheduler(name, { every: task.everyMs }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } });
      created.push(name);
    } catch (e) {
      warn(`could not schedule ${name}: ${(e as Error).message}`);
    }
  }
  return created;
}
