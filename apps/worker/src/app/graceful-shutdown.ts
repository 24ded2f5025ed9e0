import type { INestApplicationContext, Type } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';

/**
 * SIGTERM/SIGINT of the worker (issue 11): Nest's own shutdown runs the modules' destroy hooks
 * (database pool, mail transport) BEFORE @nestjs/bullmq closes its workers (an application
 * shutdown hook), so a job still running would lose its database mid-way. Here the BullMQ
 * workers are closed first — they take no new job and wait for the running ones — and only then
 * is the application closed. A job cut off by SIGKILL is not lost: its lock expires and another
 * worker runs it again (docs/adr/0015).
 */
export async function stopWorker(app: INestApplicationContext, processors: Type<WorkerHost>[], log: (message: string) => void): Promise<void> {
  const workers = processors.flatMap((p) => {
    try {
      return [app.get(p, { strict: false }).worker];
    } catch {
      return []; // not registered in this build, or never started
    }
  });
  log(`stopping: no new jobs, waiting for the running ones of ${workers.length} queues`);
  await Promise.all(workers.map((w) => w.close()));
  await app.close();
  log('stopped');
}
