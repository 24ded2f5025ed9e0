import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { type ClaimedOutboxEvent, OutboxRelay } from '@ratsinfo/api-database';
import { type OutboxJobData, QUEUES, type QueueName, queueForTopic } from '@ratsinfo/api-jobs';
import type { Job, Queue } from 'bullmq';

/**
 * Moves committed outbox events from PostgreSQL to the BullMQ queues (docs/adr/0015).
 *
 * PostgreSQL stays the record: the relay claims events with a lease and enqueues each as a job
 * whose id is the event id (so a second enqueue of the same event is a no-op while the job
 * exists). The event is completed by the job when its handler has succeeded, not by the relay.
 * If Redis loses the job (restart without persistence, failover), the lease runs out and a relay
 * claims the event again and enqueues it anew. While Redis is unreachable, claimed events are
 * released uncounted and the relay backs off.
 *
 * Every worker process runs one relay; several relays share the work through SKIP LOCKED.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues: Record<QueueName, Queue>;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private backoffMs = 0;
  /** Events relayed by this process (for logs and tests). */
  relayed = 0;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.events) events: Queue,
    @InjectQueue(QUEUES.mail) mail: Queue,
    @InjectQueue(QUEUES.files) files: Queue,
    @InjectQueue(QUEUES.tenants) tenants: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
  ) {
    this.queues = { [QUEUES.events]: events, [QUEUES.mail]: mail, [QUEUES.files]: files, [QUEUES.tenants]: tenants, [QUEUES.maintenance]: maintenance } as Record<QueueName, Queue>;
  }

  get claimer(): string {
    return this.relay.claimer;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, ms);
  }

  private async tick(): Promise<void> {
    let next = this.config.OUTBOX_POLL_MS;
    try {
      const claimed = await this.relay.claim(this.config.OUTBOX_BATCH_SIZE, this.config.OUTBOX_LEASE_MS);
      const enqueued = await this.enqueue(claimed);
      this.relayed += enqueued;
      if (enqueued < claimed.length) {
        // Redis is unreachable: back off (doubling up to 10 s), the events wait in PostgreSQL.
        this.backoffMs = Math.min(10_000, Math.max(500, this.backoffMs * 2));
        next = this.backoffMs;
      } else {
        this.backoffMs = 0;
        if (claimed.length === this.config.OUTBOX_BATCH_SIZE) next = 0;
      }
    } catch (e) {
      this.logger.warn(`outbox relay: ${(e as Error).message}`);
      next = Math.max(1000, this.config.OUTBOX_POLL_MS);
    }
    this.schedule(next);
  }

  /** Enqueues in order; on the first failure, gives back that event and the rest. Returns how many were enqueued. */
  private async enqueue(events: ClaimedOutboxEvent[]): Promise<number> {
    for (const [i, e] of events.entries()) {
      const data: OutboxJobData = {
        eventId: e.id,
        tenantId: e.tenantId,
        topic: e.topic,
        payload: e.payload,
        actor: e.actor,
        claimer: this.relay.claimer,
        createdAt: e.createdAt.toISOString(),
      };
      const queue = this.queues[queueForTopic(e.topic)];
      try {
        if (e.attempts > 1) await withTimeout(5000, this.adopt(queue, e.id));
        await withTimeout(5000, queue.add(e.topic, data, {
          jobId: e.id,
          attempts: this.config.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
          // The outbox keeps the record (and the dead letters); Redis only holds live jobs, so that
          // a re-enqueue after a lost job is never swallowed by a finished one with the same id.
          removeOnComplete: true,
          removeOnFail: true,
        }));
      } catch (err) {
        this.logger.warn(`outbox relay: enqueue failed (${(err as Error).message}); ${events.length - i} event(s) go back to the outbox`);
        await Promise.all(events.slice(i).map((x) => this.relay.release(x.id).catch(() => false)));
        return i;
      }
    }
    return events.length;
  }

  /**
   * An event claimed again (its lease ran out) may still have its job waiting in Redis: a long
   * queue, or a relay that died after enqueueing. The add is then a no-op (same job id), and the
   * job would complete the event in the name of the old claimer, which no longer holds it: the
   * event would stay open for another lease and its handler run once more. So the waiting job
   * is handed to this relay. (A job already running keeps its old claimer; its completion is
   * refused and the event is relayed again after this lease: still at least once.)
   */
  private async adopt(queue: Queue, eventId: string): Promise<void> {
    const job = (await queue.getJob(eventId)) as Job<OutboxJobData> | undefined;
    if (!job || job.data.claimer === this.relay.claimer) return;
    try {
      await job.updateData({ ...job.data, claimer: this.relay.claimer });
    } catch {
      // Finished and removed meanwhile: the add creates it anew.
    }
  }
}

function withTimeout<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
