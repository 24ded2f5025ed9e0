import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { PublicCache } from '@ratsinfo/api-tenancy';
import { connect, testEnv } from '@ratsinfo/api-testing';
import type { ListResponse, MeetingDetailDto, MeetingSummaryDto } from '@ratsinfo/contracts';
import { get as httpGet } from 'node:http';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The response cache of public reads (docs/adr/0008-fast-public-reads.md), through two app
 * instances that share PostgreSQL and Redis as two replicas would.
 */
jest.setTimeout(60_000);

interface Answer {
  status: number;
  etag: string | undefined;
  cacheControl: string | undefined;
  body: string;
}

// node:http rather than fetch: fetch marks conditional requests `Cache-Control: no-cache`.
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    httpGet(base + path, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, etag: res.headers['etag'], cacheControl: res.headers['cache-control'], body }),
      );
    }).on('error', reject);
  });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const config = (extra: Record<string, string> = {}) => {
  const env = testEnv();
  return loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...extra });
};

async function start(extra: Record<string, string> = {}): Promise<{ app: INestApplication; base: string }> {
  const app = await createApp(config(extra));
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

let a: { app: INestApplication; base: string };
let b: { app: INestApplication; base: string };
let owner: Client;
let admin: Client;
let tenantId: string;
let meetingId: string;
let originalName: string;
const slug = 'genthin';

beforeAll(async () => {
  const env = testEnv();
  [a, b, owner, admin] = await Promise.all([start(), start(), connect(env.ownerUrl), connect(env.adminUrl)]);
  const { rows } = await admin.query<{ tenant_id: string; id: string; name: string }>(
    `SELECT m.tenant_id, m.id, m.name FROM meetings m JOIN tenants t ON t.id = m.tenant_id
      WHERE t.slug = $1 AND m.deleted_at IS NULL AND EXISTS (SELECT FROM agenda_items i WHERE i.meeting_id = m.id AND NOT i.public)
      ORDER BY m.start LIMIT 1`,
    [slug],
  );
  const row = rows[0];
  if (!row) throw new Error(`the seed has no meeting with non-public agenda items in ${slug}`);
  ({ tenant_id: tenantId, id: meetingId, name: originalName } = row);
});

afterAll(async () => {
  await renameMeeting(originalName).catch(() => undefined);
  await Promise.all([a.app.close(), b.app.close()]);
  await Promise.all([owner.end(), admin.end()]);
});

/** Raw SQL as the owner role, past the application entirely. */
async function renameMeeting(name: string): Promise<void> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await owner.query('UPDATE meetings SET name = $1 WHERE id = $2', [name, meetingId]);
    await owner.query('COMMIT');
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

const meetingPath = () => `/api/portal/${slug}/meetings/${meetingId}`;

describe('public responses', () => {
  it('carry a strong ETag, the same on every replica, and may be stored by shared caches only with revalidation', async () => {
    const [ra, rb] = [await get(a.base, meetingPath()), await get(b.base, meetingPath())];
    expect(ra.status).toBe(200);
    expect(ra.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(rb.etag).toBe(ra.etag);
    expect(ra.cacheControl).toBe('public, no-cache');
    // Served again from memory: same bytes, same validator.
    const again = await get(a.base, meetingPath());
    expect(again).toEqual(ra);
    expect(a.app.get(PublicCache).keys().some((k) => k.startsWith(`${tenantId}\n`) && k.endsWith(meetingPath()))).toBe(true);
  });

  it('answer If-None-Match with 304 and no body, on a replica that has the response and on one that must read it first', async () => {
    const { etag } = await get(a.base, meetingPath());
    const cold = await start();
    try {
      for (const base of [a.base, b.base, cold.base]) {
        const r = await get(base, meetingPath(), { 'if-none-match': etag ?? '' });
        expect({ status: r.status, body: r.body, etag: r.etag }).toEqual({ status: 304, body: '', etag });
      }
      expect((await get(a.base, meetingPath(), { 'if-none-match': '"something-else"' })).status).toBe(200);
    } finally {
      await cold.app.close();
    }
  });

  it('change on both replicas as soon as the data changes, even by raw SQL past the application', async () => {
    const before = await get(a.base, meetingPath());
    await get(b.base, meetingPath());
    const renamed = `${originalName} (verlegt)`;
    await renameMeeting(renamed);
    for (const base of [a.base, b.base]) {
      const after = await until('the new name', async () => {
        const r = await get(base, meetingPath());
        return (JSON.parse(r.body) as MeetingDetailDto).name === renamed ? r : undefined;
      });
      expect(after.etag).not.toBe(before.etag);
      expect((await get(base, meetingPath(), { 'if-none-match': before.etag ?? '' })).status).toBe(200);
    }
    await renameMeeting(originalName);
    await until('the old name again', async () => ((JSON.parse((await get(b.base, meetingPath())).body) as MeetingDetailDto).name === originalName ? true : undefined));
  });

  it('stay exact with Redis unreachable: the PostgreSQL feed alone moves the version', async () => {
    const noRedis = await start({ REDIS_URL: 'redis://127.0.0.1:9' });
    try {
      const before = await get(noRedis.base, meetingPath());
      expect(before.status).toBe(200);
      expect(await get(noRedis.base, meetingPath())).toEqual(before);
      await renameMeeting(`${originalName} (ohne Redis)`);
      const after = await until('the new name without Redis', async () => {
        const r = await get(noRedis.base, meetingPath());
        return r.etag !== before.etag ? r : undefined;
      });
      expect((JSON.parse(after.body) as MeetingDetailDto).name).toBe(`${originalName} (ohne Redis)`);
    } finally {
      await renameMeeting(originalName);
      await noRedis.app.close();
    }
  });

  it('are never stored for a tenant-status error, and such errors are not cacheable', async () => {
    const r = await get(a.base, '/api/portal/elbe-parey/meetings');
    expect(r.status).toBe(410);
    expect(r.etag).toBeUndefined();
    const { rows } = await admin.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'elbe-parey'`);
    expect(a.app.get(PublicCache).keys().filter((k) => k.startsWith(`${rows[0]?.id}\n`))).toEqual([]);
  });

  it('never hold non-public agenda items or anything but portal reads', async () => {
    const year = new Date().getUTCFullYear();
    const list = JSON.parse((await get(a.base, `/api/portal/${slug}/meetings?from=${year}-01-01&to=${year}-12-31`)).body) as ListResponse<MeetingSummaryDto>;
    for (const m of list.data) expect((await get(a.base, `/api/portal/${slug}/meetings/${m.id}`)).status).toBe(200);
    // Routes for signed-in people are refused before any of this, and must leave nothing behind either.
    expect((await get(a.base, `/api/office/${slug}/meetings/${meetingId}`)).status).toBe(401);
    const { rows } = await admin.query<{ name: string }>(`SELECT name FROM agenda_items WHERE tenant_id = $1 AND NOT public`, [tenantId]);
    expect(rows.length).toBeGreaterThan(0);
    const cache = a.app.get(PublicCache);
    const keys = cache.keys();
    expect(keys.length).toBeGreaterThan(list.data.length);
    for (const k of keys) expect(k.split('\n')[3]).toMatch(/^\/api\/portal\//);
    for (const k of keys) {
      const body = cache.get(k)?.body.toString() ?? '';
      for (const r of rows) expect(body.includes(JSON.stringify(r.name))).toBe(false);
    }
  });
});

describe('the cache', () => {
  it('stays within PUBLIC_CACHE_MAX_BYTES however many responses it is offered', async () => {
    const bound = 65_536;
    const small = await start({ PUBLIC_CACHE_MAX_BYTES: String(bound) });
    try {
      const cache = small.app.get(PublicCache);
      let offered = 0;
      for (let month = 1; month <= 12; month++) {
        for (const to of ['2026-12-31', '2026-12-30', '2026-12-29']) {
          const r = await get(small.base, `/api/portal/burg/meetings?from=2026-${String(month).padStart(2, '0')}-01&to=${to}`);
          expect(r.status).toBe(200);
          offered += r.body.length;
          expect(cache.bytes).toBeLessThanOrEqual(bound);
        }
      }
      expect(offered).toBeGreaterThan(2 * bound);
      expect(cache.entries).toBeGreaterThan(0);
      expect(cache.entries).toBeLessThan(36);
    } finally {
      await small.app.close();
    }
  });
});
