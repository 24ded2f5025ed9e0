import type { NestExpressApplication } from '@nestjs/platform-express';
import { connect, testEnv } from '@ratsinfo/api-testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PinoLogger } from 'nestjs-pino';
import type { Client } from 'pg';
import pino from 'pino';
import { startHttpApp } from '../testing/http-app';

/**
 * Prometheus metrics of the API (docs/adr/0021-storage-and-metrics.md) and the request id / tenant
 * slug in the logs, through the real stack: GET /metrics only with the bearer token, series that
 * move with requests, labels by route template and never by URL, tenant or content.
 */
jest.setTimeout(60_000);

const TOKEN = randomBytes(24).toString('hex');
const SLUG = 'genthin';
let app: NestExpressApplication;
let base: string;
let plain: { app: NestExpressApplication; base: string };
let admin: Client;
let meeting: { id: string; name: string; tenant_id: string };
const logged: string[] = [];
let restoreLogs: () => void;

/**
 * The process's one pino logger (nestjs-pino keeps a single pino-http instance per process, the
 * first app's): keep a copy of every line it writes to its destination.
 */
function captureLogs(): () => void {
  const root = PinoLogger.root as unknown as Record<symbol, { write(s: string): unknown }>;
  const stream = root[pino.symbols.streamSym]!;
  const write = stream.write;
  stream.write = function (this: unknown, line: string) {
    logged.push(...String(line).split('\n').filter(Boolean));
    return write.call(this, line);
  };
  return () => void (stream.write = write);
}

function parseLine(l: string): unknown {
  try {
    return JSON.parse(l);
  } catch {
    return undefined;
  }
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format (version 0.0.4): `name{a="b",…} value`, comments skipped. */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, samples: parse(text) };
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const hit = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit.reduce((n, s) => n + s.value, 0);
}

beforeAll(async () => {
  admin = await connect(testEnv().adminUrl);
  // First: its LOG_LEVEL decides the process's one logger.
  ({ app, base } = await startHttpApp({ METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' }));
  plain = await startHttpApp();
  restoreLogs = captureLogs();
  const { rows } = await admin.query<{ id: string; name: string; tenant_id: string }>(
    `SELECT m.id, m.name, m.tenant_id FROM meetings m JOIN tenants t ON t.id = m.tenant_id
      WHERE t.slug = $1 AND m.deleted_at IS NULL AND m.public ORDER BY m.start LIMIT 1`,
    [SLUG],
  ).catch(() => admin.query<{ id: string; name: string; tenant_id: string }>(
    `SELECT m.id, m.name, m.tenant_id FROM meetings m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.deleted_at IS NULL ORDER BY m.start LIMIT 1`,
    [SLUG],
  ));
  meeting = rows[0]!;
  if (!meeting) throw new Error(`the seed has no meeting in ${SLUG}`);
});

afterAll(async () => {
  restoreLogs?.();
  await app?.close();
  await plain?.app.close();
  await admin?.end();
});

describe('GET /metrics', () => {
  it('answers only the bearer token: none or a wrong one is 401 problem+json, and without METRICS_TOKEN there is no endpoint', async () => {
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await none.text()).not.toMatch(/ratsinfo_/);
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(`${base}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
    expect(basic.status).toBe(401);
    const off = await fetch(`${plain.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(off.status).toBe(404);
    expect(await off.text()).not.toMatch(/ratsinfo_/);
  });

  it('counts and times requests by route template and status class; the series move with each request', async () => {
    const route = '/api/portal/:tenant/meetings/:meetingId';
    await fetch(`${base}/api/portal/${SLUG}/meetings/${meeting.id}`);
    const before = await scrape();
    const labels = { method: 'GET', route, status_class: '2xx' };
    const count = value(before.samples, 'ratsinfo_http_requests_total', labels);
    expect(count).toBeGreaterThanOrEqual(1);
    // Twice more: the second may be answered by the public response cache, which keeps the template.
    for (let i = 0; i < 2; i++) expect((await fetch(`${base}/api/portal/${SLUG}/meetings/${meeting.id}`)).status).toBe(200);
    const after = await scrape();
    expect(value(after.samples, 'ratsinfo_http_requests_total', labels)).toBe(count + 2);
    expect(value(after.samples, 'ratsinfo_http_request_duration_seconds_count', labels)).toBe(count + 2);
    expect(value(after.samples, 'ratsinfo_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(count + 2);
    expect(value(after.samples, 'ratsinfo_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
  });

  it('labels what matched no route "(unmatched)", counts errors by problem type, and carries no URL, slug, id or content', async () => {
    const secret = `zz${randomBytes(6).toString('hex')}`;
    const before = await scrape();
    const notFound = value(before.samples, 'ratsinfo_http_errors_total', { type: 'not-found', status: '404' });
    expect((await fetch(`${base}/api/${secret}/${meeting.id}`)).status).toBe(404);
    expect((await fetch(`${base}/api/portal/${SLUG}/meetings/${meeting.id}?q=${secret}`)).status).toBe(200);
    const after = await scrape();
    expect(value(after.samples, 'ratsinfo_http_requests_total', { route: '(unmatched)', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(value(after.samples, 'ratsinfo_http_errors_total', { type: 'not-found', status: '404' })).toBe(notFound + 1);
    for (const bad of [secret, SLUG, meeting.id, meeting.tenant_id, meeting.name]) expect(after.text).not.toContain(bad);
    const routes = new Set(after.samples.map((s) => s.labels['route']).filter((r): r is string => r !== undefined));
    for (const r of routes) expect(r).toMatch(/^(\(unmatched\)|\/[a-z0-9/:_{}*.-]*)$/i);
    expect(after.samples.some((s) => 'tenant' in s.labels)).toBe(false);
  });

  it('reports the DB pool, SQL statements and process metrics, labelled service="api"', async () => {
    const before = await scrape();
    await fetch(`${base}/api/portal/${SLUG}/papers?limit=1`);
    const after = await scrape();
    expect(value(after.samples, 'ratsinfo_db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(10);
    expect(value(after.samples, 'ratsinfo_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(after.samples.some((s) => s.name === 'ratsinfo_db_pool_connections' && s.labels['state'] === 'waiting')).toBe(true);
    expect(value(after.samples, 'ratsinfo_db_statements_total', {})).toBeGreaterThan(value(before.samples, 'ratsinfo_db_statements_total', {}));
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(after.samples.find((s) => s.name === name)?.labels['service']).toBe('api');
    }
  });
});

describe('example Grafana dashboard', () => {
  it('queries only metrics that exist (the API scrape, or the worker gauges its own spec asserts)', async () => {
    const dashboard = readFileSync(join(__dirname, '../../../../deploy/grafana/ratsinfo-dashboard.json'), 'utf8');
    const used = new Set([...dashboard.matchAll(/\b((?:ratsinfo|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, '')));
    expect(used.size).toBeGreaterThan(10);
    const { text } = await scrape();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
    const workerOnly = new Set(['ratsinfo_queue_jobs', 'ratsinfo_outbox_events']);
    expect([...used].filter((n) => !exported.has(n) && !workerOnly.has(n))).toEqual([]);
  });
});

describe('request id and tenant in the logs', () => {
  it('returns a generated X-Request-Id, honours an acceptable one from the proxy, replaces an unacceptable one', async () => {
    const own = await fetch(`${base}/api/portal/${SLUG}/meetings`);
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const other = await fetch(`${base}/api/portal/${SLUG}/meetings`);
    expect(other.headers.get('x-request-id')).not.toBe(own.headers.get('x-request-id'));
    const proxied = await fetch(`${base}/api/portal/${SLUG}/meetings`, { headers: { 'x-request-id': 'edge-4f2a.17' } });
    expect(proxied.headers.get('x-request-id')).toBe('edge-4f2a.17');
    const hostile = await fetch(`${base}/api/portal/${SLUG}/meetings`, { headers: { 'x-request-id': 'x" injected="1' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const long = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'a'.repeat(200) } });
    expect(long.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the request log line carries the request id and the tenant slug', async () => {
    const id = `req-${randomBytes(8).toString('hex')}`;
    // A parameter no response cache knows, so the request goes the whole way (and is logged).
    expect((await fetch(`${base}/api/portal/${SLUG}/papers?limit=2&q=${id}`, { headers: { 'x-request-id': id } })).status).toBe(200);
    const deadline = Date.now() + 5000;
    let line: { req?: { id?: string }; tenant?: string; msg?: string } | undefined;
    while (!line && Date.now() < deadline) {
      line = logged.map((l) => parseLine(l) as typeof line).find((l) => l?.req?.id === id && l?.msg === 'request completed');
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatchObject({ req: { id }, tenant: SLUG, msg: 'request completed' });
  });
});
