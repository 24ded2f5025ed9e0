import { loadConfig } from '@ratsinfo/api-core';
import type { WorkerOptions } from 'bullmq';
import { redisConnection } from './redis-connection';

/**
 * BullMQ worker options come from the @Processor decorators, which are evaluated when the module
 * is loaded; they read the same validated configuration as the rest of the worker (main.ts
 * reports a bad value; until then the defaults stand in).
 */
function settings() {
  try {
    return loadConfig();
  } catch {
    return null;
  }
}

export function workerOptions(kind: 'io' | 'cpu'): Partial<WorkerOptions> {
  const c = settings();
  const concurrency = c?.WORKER_CONCURRENCY ?? 4;
  return {
    // The workers' own connection, with ioredis' offline queue ON. Without it @nestjs/bullmq
    // hands the workers the queue's connection options, whose offline queue is off (so that the
    // relay fails fast): then, while Redis is away, every fetch of the next job rejects at once
    // with a non-connection error, BullMQ retries it without a delay, and that loop of promises
    // starves the event loop: ioredis never gets to reconnect and the worker never recovers
    // (found by the Redis restart test in faults.process.spec.ts).
    ...(c ? { connection: redisConnection(c.REDIS_URL) } : {}),
    // CPU-heavy jobs run in child processes; two at a time per worker is enough on small hosts.
    concurrency: kind === 'cpu' ? Math.min(2, concurrency) : concurrency,
    lockDuration: c?.JOB_LOCK_MS ?? 30_000,
    stalledInterval: Math.max(1000, Math.floor((c?.JOB_LOCK_MS ?? 30_000) / 2)),
    // A job whose worker died twice in a row is a dead letter, not an endless loop.
    maxStalledCount: 2,
    // After a lost connection, try again within a second of Redis being back (BullMQ: 15 s).
    runRetryDelay: 1000,
    autorun: true,
  };
}
