import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, ProblemType } from '@ratsinfo/contracts';
import { createServer } from 'node:net';
import { createApp } from './create-app';

/**
 * Rate limits as several replicas of the API apply them: two app instances share one Redis and
 * so one budget. Each test uses its own budget size, which is part of the Redis key, so tests
 * (and other test files on the same Redis) never count against each other.
 */
jest.setTimeout(120_000);

let issuer: TestIssuer;
const running: INestApplication[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer(['ratsinfo']);
});

afterAll(async () => {
  for (const app of running) await app.close();
  await issuer.stop();
});

async function replica(env: Record<string, string>): Promise<string> {
  const e = testEnv();
  const app = await createApp(loadConfig({ DATABASE_URL: e.databaseUrl, REDIS_URL: e.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', ...env }));
  await app.listen(0, '127.0.0.1');
  running.push(app);
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

async function get(url: string, token?: string) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), body: text ? JSON.parse(text) : null };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('rate limits', () => {
  it('share one budget per client address across replicas, answer a burst with 429 and Retry-After, and refill', async () => {
    const env = { RATE_LIMIT_PER_IP: '7', RATE_LIMIT_WINDOW_SECONDS: '10' };
    const [a, b] = [await replica(env), await replica(env)];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get((i % 2 ? b : a) + ApiRoutes.portalTenants)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const limited = await get(b + ApiRoutes.portalTenants);
    expect(limited.status).toBe(429);
    expect(limited.type).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ type: ProblemType.tooManyRequests, status: 429, instance: ApiRoutes.portalTenants });
    expect(limited.cacheControl).toBe('no-store');
    const wait = Number(limited.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(10);
    expect((await get(a + ApiRoutes.portalTenants)).status).toBe(429);
    // Probes of the orchestrator are not API traffic.
    expect((await get(`${a}/health/live`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, wait * 1000 + 200));
    expect((await get(a + ApiRoutes.portalTenants)).status).toBe(200);
  });

  it('give each signed-in person a budget of their own, counted by the verified subject', async () => {
    const env = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '4' };
    const [a, b] = [await replica(env), await replica(env)];
    const olaf = await issuer.token({ sub: 'operator-olaf', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get((i % 2 ? b : a) + ApiRoutes.operatorSession, olaf)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // A new token of the same person draws from the same budget.
    const limited = await get(a + ApiRoutes.operatorSession, await issuer.token({ sub: 'operator-olaf', realm_access: { roles: ['operator'] } }));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ type: ProblemType.tooManyRequests });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    // Someone else from the same address is not affected, nor are anonymous reads.
    expect((await get(b + ApiRoutes.operatorSession, await issuer.token({ sub: 'operator-petra', realm_access: { roles: ['operator'] } }))).status).toBe(200);
    expect((await get(b + ApiRoutes.portalTenants)).status).toBe(200);
  });

  it('keep the API serving when Redis is down (fail open)', async () => {
    const base = await replica({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMIT_PER_IP: '2', RATE_LIMIT_PER_USER: '2' });
    const token = await issuer.token({ sub: 'operator-redis-down', realm_access: { roles: ['operator'] } });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(base + ApiRoutes.portalTenants)).status, (await get(base + ApiRoutes.operatorSession, token)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    // Without waiting for Redis on each request.
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await get(`${base}/health/ready`)).status).toBe(503);
  });
});
