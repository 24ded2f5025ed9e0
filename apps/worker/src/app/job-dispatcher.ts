import { Injectable, Logger } from '@nestjs/common';
import { OutboxRelay } from '@ratsinfo/api-database';
import { JobScope, type OutboxJobData, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * Runs one relayed outbox event: finds the topic's handler, runs it in the event's tenant and
 * actor, and completes the event in the outbox. A failure is thrown back to BullMQ (retry with
 * exponential backoff); when the job has no attempts left, the event becomes a dead letter in
 * the outbox (`dead()`), where clerks and operators see it and clerks retry it.
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly scope: JobScope,
    private readonly relay: OutboxRelay,
  ) {}

  /** The topic as a metrics label: only topics this worker has a handler for (a bounded set), else `(unknown)`. */
  jobLabel(topic: string): string {
    return this.registry.handlerFor(topic) ? topic : '(unknown)';
  }

  async run(job: Job<OutboxJobData>): Promise<void> {
    const d = job.data;
    const handler = this.registry.handlerFor(d.topic);
    // No handler: perhaps a newer worker knows the topic, so it is retried, then dead.
    if (!handler) throw new Error(`no-handler: no handler for outbox topic ${d.topic}`);
    try {
      await this.scope.run(d.tenantId, d.actor, () =>
        handler.handle({ id: d.eventId, tenantId: d.tenantId, topic: d.topic, payload: d.payload, actor: d.actor, createdAt: new Date(d.createdAt), attempt: job.attemptsMade + 1 }),
      );
    } catch (e) {
      if (e instanceof PermanentJobError) throw new UnrecoverableError(`${e.kind}: ${e.message}`);
      throw e;
    }
    const completed = await this.relay.complete(d.eventId, d.claimer);
    if (!completed) this.logger.debug(`event ${d.eventId} (${d.topic}) was done or reclaimed meanwhile; its handler is idempotent`);
    // Debug only: which process ran which event (the fault tests count jobs per worker by it).
    this.logger.debug({ eventId: d.eventId, topic: d.topic, tenantId: d.tenantId, attempt: job.attemptsMade + 1, completed }, 'job done');
  }

  /** The job failed for good: the event becomes a dead letter ("<kind>: <message>"). */
  async dead(job: Job<OutboxJobData>, error: Error): Promise<void> {
    const text = errorText(error);
    const r = await this.relay.fail(job.data.eventId, text, 1, job.data.claimer);
    this.logger.warn({ eventId: job.data.eventId, topic: job.data.topic, tenantId: job.data.tenantId, attempts: job.attemptsMade, recorded: r !== null }, `job failed for good: ${text.slice(0, 200)}`);
  }
}

/** "<kind>: <message>": the kind (before the first colon) is all operators see. */
export function errorText(e: Error): string {
  const message = e.message || String(e);
  if (/^[a-z][a-z0-9-]{1,40}: /.test(message)) return message.slice(0, 2000);
  const code = (e as { code?: unknown }).code;
  const kind = typeof code === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(code) ? code.toLowerCase() : e.name && e.name !== 'Error' ? e.name.toLowerCase() : 'error';
  return `${kind}: ${message}`.slice(0, 2000);
}
