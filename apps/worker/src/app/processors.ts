import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { jobDuration } from '@ratsinfo/api-core';
import { type OutboxJobData, OutboxHandlerRegistry, QUEUES } from '@ratsinfo/api-jobs';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobDispatcher } from './job-dispatcher';
import { workerOptions } from './worker-settings';

/** One BullMQ processor per queue; each hands outbox jobs to the dispatcher. */
@Injectable()
abstract class OutboxProcessor extends WorkerHost {
  constructor(protected readonly dispatcher: JobDispatcher) {
    super();
  }

  async process(job: Job<OutboxJobData>): Promise<void> {
    await timed(job.queueName, this.dispatcher.jobLabel(job.data.topic), () => this.dispatcher.run(job));
  }

  /**
   * Reported by the worker whose stalled-job check found the job: the worker that ran it died or
   * hung (its lock expired); the job is back in the queue and runs again (at most maxStalledCount
   * times), so a crash is visible in the logs of the survivor.
   */
  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    new Logger('OutboxProcessor').warn({ eventId: jobId }, `job ${jobId} stalled (its worker stopped or hung): queued again`);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<OutboxJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled more than allowable limit/.test(error.message);
    if (!final) return;
    try {
      await this.dispatcher.dead(job, error);
    } catch (e) {
      // The lease runs out and the event is relayed again; nothing is lost.
      new Logger('OutboxProcessor').error(`recording a dead letter failed: ${(e as Error).message}`);
    }
  }
}

@Processor(QUEUES.events, workerOptions('io'))
export class EventsProcessor extends OutboxProcessor {}

@Processor(QUEUES.mail, workerOptions('io'))
export class MailProcessor extends OutboxProcessor {}

@Processor(QUEUES.files, workerOptions('cpu'))
export class FilesProcessor extends OutboxProcessor {}

@Processor(QUEUES.tenants, workerOptions('cpu'))
export class TenantsProcessor extends OutboxProcessor {}

/** Scheduled housekeeping: the job's name is the task's name (OutboxHandlerRegistry.registerTask). */
@Processor(QUEUES.maintenance, { ...workerOptions('io'), concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly registry: OutboxHandlerRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    const task = this.registry.task(job.name);
    if (!task) return; // a task an older or newer worker scheduled; nothing to do here
    await timed(job.queueName, job.name, () => task.run());
  }
}

/** Runs a job and records its duration by queue, job name and outcome (ratsinfo_job_duration_seconds). */
async function timed(queue: string, job: string, run: () => Promise<void>): Promise<void> {
  const end = jobDuration.startTimer({ queue, job });
  try {
    await run();
    end({ outcome: 'completed' });
  } catch (e) {
    end({ outcome: 'failed' });
    throw e;
  }
}

/** Every processor class, for the graceful stop (graceful-shutdown.ts). */
export const PROCESSORS = [EventsProcessor, MailProcessor, FilesProcessor, TenantsProcessor, MaintenanceProcessor];
