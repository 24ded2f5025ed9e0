import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ProblemType } from '@ratsinfo/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from './config';
import { sendProblem } from './http-hardening';

export type RateLimitBudget = 'ip' | 'user';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Only what the API answers counts; the web app's static files and health probes do not. */
const LIMITED_PATH = /^\/(api|oparl)(\/|$)/;
/** How often a Redis outage is logged while it lasts. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;

/**
 * Request budgets per client address and per signed-in person, counted in Redis so that every
 * replica of the API draws from the same budget. Counting is fixed-window (one Redis INCR +
 * PEXPIRE per request). When Redis is unreachable the API keeps serving without limits (fail
 * open) and logs the outage: a missing rate limit is a smaller harm than a whole authority's
 * portal going dark with its cache.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimiter');
  private readonly redis: Redis | undefined;
  private readonly limiters: Partial<Record<RateLimitBudget, RateLimiterRedis>> = {};
  private lastOutageLog = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (!config.RATE_LIMIT_ENABLED) return;
    // No offline queue and no retries: while Redis is away a request must not wait for it.
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => 1000 });
    this.redis.on('error', (e: Error) => this.outage(e));
    this.redis.connect().catch((e: Error) => this.outage(e));
    const budget = (kind: RateLimitBudget, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        // The budget's size is part of the key, so replicas (and tests) with different limits never share a counter.
        keyPrefix: `ratsinfo:rate:${kind}:${points}/${config.RATE_LIMIT_WINDOW_SECONDS}`,
        points,
        duration: config.RATE_LIMIT_WINDOW_SECONDS,
        rejectIfRedisNotReady: true,
      });
    this.limiters.ip = budget('ip', config.RATE_LIMIT_PER_IP);
    this.limiters.user = budget('user', config.RATE_LIMIT_PER_USER);
  }

  /** Counts one request against `key`'s budget. Never throws. */
  async consume(budget: RateLimitBudget, key: string): Promise<RateLimitDecision> {
    const limiter = this.limiters[budget];
    if (!limiter) return { allowed: true };
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (e) {
      if (e instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
      this.outage(e as Error);
      return { allowed: true };
    }
  }

  /** The per-address budget as express middleware, ahead of routing, guards and body parsing. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.limiters.ip || !LIMITED_PATH.test(req.path)) return next();
      void this.consume('ip', req.ip ?? req.socket.remoteAddress ?? 'unknown').then((d) => {
        if (d.allowed) return next();
        sendProblem(res, tooManyRequests(req, d.retryAfterSeconds), { 'Retry-After': String(d.retryAfterSeconds) });
      });
    };
  }

  private outage(e: Error): void {
    const now = Date.now();
    if (now - this.lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
    this.lastOutageLog = now;
    this.logger.warn({ err: e }, 'Redis is not reachable: requests are not rate limited until it is back');
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

function tooManyRequests(req: Request, retryAfterSeconds: number) {
  return {
    type: ProblemType.tooManyRequests,
    title: 'Too Many Requests',
    status: 429,
    detail: `Too many requests from this address. Please wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} before trying again.`,
    instance: req.originalUrl,
  };
}
