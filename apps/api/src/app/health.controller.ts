import { Controller, Get, Inject, Injectable, OnModuleDestroy, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Public, ShutdownSignal } from '@ratsinfo/api-core';
import { CooperativeDatabase } from '@ratsinfo/api-database';
import type { Response } from 'express';
import { Redis } from 'ioredis';

@Injectable()
export class RedisHealth implements OnModuleDestroy {
  // Fails fast instead of queueing commands while Redis is away: readiness must not hang.
  private readonly redis: Redis;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => 1000 });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }
  async ping(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
  }
  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

async function check(fn: () => Promise<void>, timeoutMs = 2000): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)))]);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness (the process answers) and readiness (PostgreSQL and Redis reachable, not stopping). */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly db: CooperativeDatabase,
    private readonly redis: RedisHealth,
    private readonly shutdown: ShutdownSignal,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    // Stopping (SIGTERM): the load balancer must send nothing new here.
    if (this.shutdown.draining) {
      res.status(503);
      return { status: 'draining' };
    }
    const [postgres, redis] = await Promise.all([check(() => this.db.ping()), check(() => this.redis.ping())]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks: { postgres, redis } };
  }
}
