import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@ratsinfo/api-core';
import { testEnv } from '@ratsinfo/api-testing';
import { createApp } from '../app/create-app';

/**
 * The API as the HTTP tests start it: the test stack's PostgreSQL and Redis (application role),
 * silent, on a free port of 127.0.0.1. `settings` adds or overrides configuration (e.g. the test
 * issuer's AUTH_URL and AUTH_REALM).
 *
 * The rate limits are counted in the shared Redis per client address, and every suite calls
 * from 127.0.0.1 at once: with the production limits, suites that walk every route would throttle
 * each other. The limits themselves are tested in rate-limit.http.spec.ts.
 */
export async function startHttpApp(settings: Record<string, string> = {}): Promise<{ app: NestExpressApplication; base: string }> {
  const env = testEnv();
  const app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000', ...settings }));
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
