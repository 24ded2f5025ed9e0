import type { INestApplication } from '@nestjs/common';
import { loadConfig, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { connect, createTenantWithRows, deleteTenant, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { ZodType } from 'zod';
import { createApp } from './create-app';
import { type RouteInfo, routeTable } from './route-table';

/**
 * Bad input, as an attacker or a broken client sends it, at every route that takes input: the
 * route table and each route's schemas are read from the running app, so a new route or field
 * is covered without editing this test. Every answer must be a 4xx problem+json — never a 5xx —
 * and where a field is at fault, `errors[]` names it.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;
let tenant: { id: string; slug: string; graph: Record<string, string> };
let adminSub: string;

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  tenant = await createTenantWithRows(owner, 'hostile');
  adminSub = randomUUID();
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
  await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, 'Ada Admin', '{tenant-admin,clerk,member}')`, [
    tenant.id,
    issuer.issuer(),
    adminSub,
    `admin-${adminSub}@example.org`,
  ]);
  await owner.query('COMMIT');
  app = await createApp(
    loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000' }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await deleteTenant(owner, tenant.id);
  await owner.end();
  await issuer.stop();
});

async function tokenFor(route: RouteInfo): Promise<string | undefined> {
  if (route.rule?.kind === 'tenant') return issuer.token({ sub: adminSub, organization: [tenant.slug], name: 'Ada Admin', email: `admin-${adminSub}@example.org`, email_verified: true });
  if (route.rule?.kind === 'operator') return issuer.token({ sub: 'operator-hostile', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });
  return undefined;
}

/** The route's path with its tenant and random ids, so that no action can touch real records. */
const concretePath = (route: RouteInfo, overrides: Record<string, string> = {}) =>
  route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => overrides[name] ?? (name === 'tenant' ? tenant.slug : randomUUID()));

interface Answer {
  status: number;
  contentType: string | null;
  body: { type?: string; errors?: { name: string; reason: string }[] } | null;
  headers: Headers;
}

async function send(route: RouteInfo, path: string, init: { body?: string | Uint8Array<ArrayBuffer>; contentType?: string } = {}): Promise<Answer> {
  const token = await tokenFor(route);
  const res = await fetch(base + path, {
    method: route.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.contentType ? { 'content-type': init.contentType } : {}) },
    body: init.body,
  });
  const text = await res.text();
  let body: Answer['body'] = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body, headers: res.headers };
}

/** A field of an input schema, with the kind of value it expects. */
interface Field {
  path: string[];
  kind: 'text' | 'date' | 'timestamp' | 'number' | 'array' | 'other';
}

interface Def {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
}
const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function fieldsOf(schema: ZodType, path: string[] = []): Field[] {
  const def = defOf(schema);
  if (def.type === 'object') return Object.entries(def.shape ?? {}).flatMap(([k, v]) => fieldsOf(v, [...path, k]));
  if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return fieldsOf(def.innerType, path);
  if (def.type === 'string' || def.type === 'pipe') {
    const accepts = (v: string) => schema.safeParse(v).success;
    // Compared with text of the same length, so a minimum length does not make a text field look like a date.
    if (accepts('2026-03-01') && !accepts('abcdefghij')) return [{ path, kind: 'date' }];
    if (accepts('2026-03-01T18:00:00+01:00') && !accepts('abcdefghijklmnopqrstuvwxy')) return [{ path, kind: 'timestamp' }];
    return [{ path, kind: 'text' }];
  }
  if (def.type === 'number') return [{ path, kind: 'number' }];
  if (def.type === 'array') return [{ path, kind: 'array' }];
  return [{ path, kind: 'other' }];
}

const CONTROL = ['a\u0000b', 'a\u001b[2Jb', 'a\u007fb', 'a\u0085b', 'a\u009bb', '\u0000'];
/** Values each kind of field must refuse with a 400 naming it (`query` values travel as strings). */
function badValues(field: Field, where: 'body' | 'query'): unknown[] {
  const long = 'x'.repeat(where === 'body' ? 100_000 : 6_000);
  const wrongShape: unknown[] = where === 'body' ? [['x'], { x: 1 }, true] : [['a', 'b']];
  switch (field.kind) {
    case 'text':
      return [...CONTROL, long, ...wrongShape];
    case 'date':
      return ['0000-01-01', '99999-01-01', '1899-12-31', '3000-01-01', '2026-02-30', '2026-03-01\u0000', long, ...wrongShape];
    case 'timestamp':
      return ['0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '+099999-01-01T00:00:00Z', '3000-01-01T00:00:00Z', '2026-03-01T18:00:00Z\u0000', long, ...wrongShape];
    case 'number':
      return where === 'body' ? [1e308, -1e308, 1.5, '12', ...wrongShape] : ['1e400', '99999999999999999999999', '-1', 'abc', '1\u0000', ...wrongShape];
    case 'array':
      return where === 'body' ? ['x', [{ x: 1 }], ['\u0000'], Array.from({ length: 10_000 }, () => 'x')] : [];
    case 'other':
      return where === 'body' ? ['\u0000', ['x'], { x: 1 }, 1e308] : ['\u0000'];
  }
}

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function queryString(field: string, value: unknown): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => `${encodeURIComponent(field)}=${encodeURIComponent(String(v))}`).join('&');
}

const describeValue = (v: unknown) => JSON.stringify(v)?.slice(0, 40) ?? String(v);

/** Collects every deviation, so one run shows all of them. */
function check(failures: string[], label: string, res: Answer, expected: { status?: number; names?: string }): void {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`got ${res.status}`);
  else if (res.status < 400) problems.push(`was accepted (${res.status})`);
  else if (expected.status !== undefined && res.status !== expected.status) problems.push(`got ${res.status}, expected ${expected.status}`);
  if (!res.contentType?.startsWith('application/problem+json')) problems.push(`content type ${res.contentType}`);
  // A bad element of an array of objects is named by its fields (`items.0.name`), which names the element too.
  if (expected.names !== undefined && !(res.body?.errors ?? []).some((e) => e.name === expected.names || e.name.startsWith(`${expected.names}.`)))
    problems.push(`errors[] does not name ${expected.names}: ${JSON.stringify(res.body?.errors)}`);
  if (problems.length) failures.push(`${label}: ${problems.join('; ')}`);
}

describe('hostile input at every route', () => {
  let routes: RouteInfo[];
  beforeAll(() => {
    routes = routeTable(app);
  });

  it('finds the routes and their input schemas', () => {
    expect(routes.filter((r) => r.inputs.body).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/office/:tenant/users', 'POST /api/operator/tenants', 'POST /api/office/:tenant/support-access', 'DELETE /api/operator/tenants/:id']),
    );
    expect(routes.filter((r) => r.inputs.query).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/portal/:tenant/meetings', 'GET /api/office/:tenant/audit', 'GET /api/operator/audit']),
    );
  });

  it('refuses bad values in every body field with a 400 naming the field', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const route of routes.filter((r) => r.inputs.body)) {
      for (const field of fieldsOf(route.inputs.body!)) {
        for (const value of badValues(field, 'body')) {
          // A bad first element is named with its index; an array that is too long, as a whole.
          const name = field.kind === 'array' && Array.isArray(value) && value[0] !== 'x' ? `${field.path.join('.')}.0` : field.path.join('.');
          const res = await send(route, concretePath(route), { body: JSON.stringify(nest(field.path, value)), contentType: 'application/json' });
          check(failures, `${route.method} ${route.path} body ${field.path.join('.')}=${describeValue(value)}`, res, { status: 400, names: name });
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('refuses bad values in every query parameter with a 400 naming the parameter', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const route of routes.filter((r) => r.inputs.query)) {
      for (const field of fieldsOf(route.inputs.query!)) {
        for (const value of badValues(field, 'query')) {
          const res = await send(route, `${concretePath(route)}?${queryString(field.path.join('.'), value)}`);
          check(failures, `${route.method} ${route.path} ?${field.path.join('.')}=${describeValue(value)}`, res, { status: 400, names: field.path.join('.') });
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('refuses control characters, broken encoding and absurd values in every path parameter and in unknown query parameters', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const param of [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)) {
        for (const raw of ['a%00b', '%1B%5B2J', '%C2%85', '%7F', '%FF', '%', '0000-01-01', '99999999999999999999', 'x'.repeat(6_000), '..%2F..%2Fetc%2Fpasswd']) {
          const res = await send(route, concretePath(route, { [param]: raw }), route.method === 'GET' ? {} : { body: '{}', contentType: 'application/json' });
          check(failures, `${route.method} ${route.path} :${param}=${raw.slice(0, 30)}`, res, {});
        }
      }
      const res = await send(route, `${concretePath(route)}?q=%00`, route.method === 'GET' ? {} : { body: '{}', contentType: 'application/json' });
      check(failures, `${route.method} ${route.path} ?q=%00`, res, { status: 400, names: 'q' });
    }
    expect(failures).toEqual([]);
  });

  it('refuses malformed, oversized and mistyped bodies at every route that takes one', async () => {
    const failures: string[] = [];
    const bodies: { label: string; body: string | Uint8Array<ArrayBuffer>; contentType: string; status?: number }[] = [
      { label: 'invalid JSON', body: '{"name": ', contentType: 'application/json', status: 400 },
      { label: 'a JSON array', body: '[]', contentType: 'application/json', status: 400 },
      { label: 'JSON null', body: 'null', contentType: 'application/json', status: 400 },
      { label: 'a JSON string', body: '"x"', contentType: 'application/json', status: 400 },
      { label: 'a huge number', body: '1e999999', contentType: 'application/json', status: 400 },
      { label: 'deeply nested arrays', body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, contentType: 'application/json', status: 400 },
      { label: 'a NUL byte in raw JSON', body: '{"name":"a\u0000"}', contentType: 'application/json', status: 400 },
      { label: '2 MB of JSON', body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json', status: 413 },
      { label: 'an unsupported charset', body: '{}', contentType: 'application/json; charset=ebcdic', status: 415 },
      { label: 'text/plain', body: 'hello', contentType: 'text/plain' },
      { label: 'a form', body: 'name=%00&roles=x', contentType: 'application/x-www-form-urlencoded' },
      { label: 'XML', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>', contentType: 'application/xml' },
      { label: 'invalid UTF-8', body: new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), contentType: 'application/json' },
    ];
    for (const route of routes.filter((r) => r.inputs.body)) {
      for (const b of bodies) {
        const res = await send(route, concretePath(route), { body: b.body, contentType: b.contentType });
        check(failures, `${route.method} ${route.path} with ${b.label}`, res, { status: b.status });
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers year 0000 in the portal meeting list with a 400 naming "from" (was a 500)', async () => {
    const res = await fetch(`${base}${ApiRoutes.portalMeetings(tenant.slug)}?from=0000-01-01`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: ProblemType.validation, errors: [{ name: 'from', reason: 'must be between 1900-01-01 and 2999-12-31' }] });
  });
});

describe('an exhausted connection pool', () => {
  it('answers 503 with Retry-After while every connection is busy, never 500, and recovers', async () => {
    const env = testEnv();
    const small = await createApp(
      loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_POOL_SIZE: '2', DATABASE_POOL_TIMEOUT_MS: '200', RATE_LIMIT_ENABLED: 'false' }),
    );
    await small.listen(0, '127.0.0.1');
    const url = `${(await small.getUrl()).replace('[::1]', '127.0.0.1')}${ApiRoutes.portalMeetings(tenant.slug)}?from=2026-01-01`;
    const admin = await connect(env.adminUrl);
    try {
      // Both connections of the pool held by long statements, as by slow requests.
      const context = small.get(TenantContext);
      const db = small.get(TenantDatabase);
      const hold = () => context.run({ id: tenant.id, slug: tenant.slug }, () => db.transaction((tx) => tx.$executeRaw`SELECT pg_sleep(4)`, { timeoutMs: 20_000 }));
      const held = Promise.all([hold(), hold()]);
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(4)%' AND state = 'active'`);
        if (rows[0]!.n === 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const answers = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const res = await fetch(url);
          return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), body: await res.text() };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503, 503]);
      expect(answers[0]!.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answers[0]!.body)).toMatchObject({ type: ProblemType.unavailable, status: 503 });
      expect(Number(answers[0]!.retryAfter)).toBeGreaterThan(0);
      await held;
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await admin.end();
      await small.close();
    }
  });
});
