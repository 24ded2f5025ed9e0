import { loadConfig } from '@ratsinfo/api-core';
import type { WorkerOptions } from 'bullmq';

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

export function workerOptions(kind: 'io' | 'cpu'): Omit<WorkerOptions, 'connection'> {
  const c = settings();
  const concurrency = c?.WORKER_CONCURRENCY ?? 4;
  return {
    // CPU-heavy jobs run in child processes; two at a time per worker is enough on small hosts.
    concurrency: kind === 'cpu' ? Math.min(2, concurrency) : concurrency,
    lockDuration: c?.JOB_LOCK_MS ?? 30_000,
    stalledInterval: Math.max(1000, Math.floor((c?.JOB_LOCK_MS ?? 30_000) / 2)),
    // A job whose worker died twice in a row is a dead letter, not an endless loop.
    maxStalledCount: 2,
    autorun: true,
  };
}
