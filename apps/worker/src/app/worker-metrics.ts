import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, enableProcessMetrics, metricsRegistry } from '@ratsinfo/api-core';
import { OutboxRelay } from '@ratsinfo/api-database';
import { QUEUES } from '@ratsinfo/api-jobs';
import type { Queue } from 'bullmq';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge } from 'prom-client';

/** The queue states the depth gauge reports (BullMQ's names). */
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The worker's metrics (docs/adr/0021-storage-and-metrics.md): the shared registry (process, DB
 * pool, mails, job durations) plus queue depth per queue and state, and the outbox's pending events
 * and dead letters over all tenants (two numbers from outbox_counts(), no tenant content). Served
 * by a tiny HTTP server on WORKER_METRICS_PORT (none when unset); with METRICS_TOKEN set it asks
 * for that bearer token as the API does. Gauges are read at scrape time; a dependency that is away
 * leaves its series out of that scrape rather than failing it.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetrics.name);
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
    private readonly outbox: OutboxRelay,
  ) {
    enableProcessMetrics('worker');
    const queues = () => Object.values(QUEUES).map((name) => ({ name, queue: this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }) }));
    const logger = this.logger;
    // A second worker module in one process (tests) replaces the gauges, which read its queues.
    metricsRegistry.removeSingleMetric('ratsinfo_queue_jobs');
    metricsRegistry.removeSingleMetric('ratsinfo_outbox_events');
    new Gauge({
      name: 'ratsinfo_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed).',
      labelNames: ['queue', 'state'] as const,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        await Promise.all(
          queues().map(async ({ name, queue }) => {
            try {
              const counts = await queue.getJobCounts(...STATES);
              for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
            } catch (e) {
              logger.warn(`queue depth of ${name} not read: ${(e as Error).message}`);
            }
          }),
        );
      },
    });
    const relay = this.outbox;
    new Gauge({
      name: 'ratsinfo_outbox_events',
      help: 'Outbox events over all tenants: pending (still to do) and dead (dead letters waiting for a retry).',
      labelNames: ['state'] as const,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        try {
          const c = await relay.counts();
          this.set({ state: 'pending' }, c.pending);
          this.set({ state: 'dead' }, c.dead);
        } catch (e) {
          logger.warn(`outbox counts not read: ${(e as Error).message}`);
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_METRICS_PORT;
    if (port === undefined) return;
    const expected = this.config.METRICS_TOKEN ? digest(this.config.METRICS_TOKEN) : undefined;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (expected && (!given || !timingSafeEqual(digest(given), expected))) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Content-Type': 'text/plain' }).end('unauthorized\n');
        return;
      }
      metricsRegistry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
        (e: unknown) => {
          this.logger.error(`metrics scrape failed: ${(e as Error).message}`);
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end('error\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${this.config.HOST}:${(server.address() as AddressInfo).port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
