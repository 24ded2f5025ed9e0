import type { RedisOptions } from 'bullmq';

/** ioredis options from a redis:// or rediss:// URL (BullMQ opens its own connections from them). */
export function redisConnection(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // Keep trying while Redis is away (at most every 2 s), never give up.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    maxRetriesPerRequest: null,
  };
}
