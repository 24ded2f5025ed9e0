/**
 * `npm run bench`: how fast the API serves public reads, measured beside a bare node:http server
 * that returns exactly the same bytes, in the same run, on the same machine.
 *
 * 1. builds the API in production configuration (skip with BENCH_SKIP_BUILD=true);
 * 2. starts throw-away PostgreSQL and Redis with the demo seed (tools/services/stack.mts);
 * 3. generates the issue-10 data (tools/bench/generate.mts: BENCH_TENANTS realistic authorities,
 *    default 100, plus "bench-big" with 10,000 papers; BENCH_SEED) unless BENCH_SET=portal;
 * 4. starts `node dist/apps/api/main.js` with NODE_ENV=production;
 * 5. finds out which scenarios the API offers (a scenario whose URL does not answer 200 is listed
 *    as "not available", e.g. OParl before it is merged), records each one's bytes and starts
 *    tools/bench/bare-server.mts answering with the recordings;
 * 6. loads bare and API in turn with autocannon (10 connections, a warm-up, then BENCH_DURATION
 *    seconds each) and prints req/s, ratio and p50/p95/p99 latency for both, then the targets
 *    of issue 10 as PASS/MISS with the margin, and the API's peak RSS.
 *
 * Two kinds of scenario: "cached" ones repeat the same URL(s), as portals and reloads do (the
 * API answers from its response cache, ADR 0008); "uncached" ones never send the same URL twice
 * (search words drawn from the generator's vocabulary; OParl lists with a distinct, far-future
 * `modified_until`, which selects the same objects), so every request reaches PostgreSQL, as a
 * crawler's or a searcher's does.
 *
 * Knobs: BENCH_DURATION (seconds, default 10), BENCH_WARMUP (default 2), BENCH_CONNECTIONS
 * (default 10), BENCH_SET (portal | issue10 | all, default all), BENCH_ONLY (substring of
 * scenario names), BENCH_TENANTS (default 100; 1000 for the tenant-scaling target), BENCH_YEARS
 * (history of each realistic authority, default 3), BENCH_SEED,
 * BENCH_JSON (file for the results), BENCH_SKIP_BUILD=true, BENCH_API_NODE_OPTIONS (NODE_OPTIONS of the API, default as the image: --max-old-space-size=256 --max-semi-space-size=16; BENCH_MALLOC_ARENA_MAX, default 2 as the image, ' ' for glibc's default); BENCH_BIG_SCALE (e.g. 0.05, a smaller big
 * tenant while developing the bench). Exit code 1 when a response is not
 * the expected status (errors), never for a missed target.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from '../services/ports.mts';
import { startProcess, type Managed } from '../services/processes.mts';
import { onShutdown } from '../services/shutdown.mts';
import { startStack, type Stack } from '../services/stack.mts';
import type { Recording } from './bare-server.mts';
import { BIG, BIG_TENANT_SLUG, benchTenantSlug, generate, realisticYears, type GenerateResult } from './generate.mts';
import { searchQuery } from './vocabulary.mts';

const root = resolve(import.meta.dirname, '../..');
const log = (m: string) => console.error(`[bench] ${m}`);
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const duration = num('BENCH_DURATION', 10);
const warmup = num('BENCH_WARMUP', 2);
const connections = num('BENCH_CONNECTIONS', 10);
const benchTenants = num('BENCH_TENANTS', 100);
/** For developing the bench only: the big tenant at this fraction of its size. */
const bigScale = num('BENCH_BIG_SCALE', 1);
const only = process.env['BENCH_ONLY'];
const set = process.env['BENCH_SET'] ?? 'all';
if (!['portal', 'issue10', 'all'].includes(set)) throw new Error('BENCH_SET must be portal, issue10 or all');
const PUBLIC_BASE_URL = 'https://ratsinfo.bench.invalid';

/** Headers that belong to one connection or one moment, not to the representation. */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Scenario {
  name: string;
  /** Loaded in turn (autocannon cycles through them); all recorded for the bare server. */
  paths: string[];
  /** Instead of `paths`: a new path for every request (uncached); only the first is recorded. */
  distinct?: (n: number) => string;
  requestHeaders?: Record<string, string>;
  expect: 200 | 304;
}

interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  unexpected: number;
}

interface Row {
  scenario: string;
  status: number;
  bytes: number;
  urls: string;
  bare: Run;
  api: Run;
}

let stack: Stack | undefined;
let api: Managed | undefined;
let bare: Managed | undefined;
let tmp: string | undefined;
const cleanup = async () => {
  await bare?.stop();
  await api?.stop();
  await stack?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  bare = api = stack = tmp = undefined;
};
onShutdown(cleanup);

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => res(code ?? (signal ? 1 : 0)));
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) : 0);

/** Where the distinct paths of a scenario continue, so warm-up and measurement never repeat one. */
const distinctNext = new Map<string, number>();

async function load(base: string, s: Scenario, seconds: number, side: string): Promise<Run> {
  const latencies: number[] = [];
  const counterKey = `${side}:${s.name}`;
  const requests = s.distinct
    ? [{ method: 'GET' as const, setupRequest: (req: Record<string, unknown>) => {
        const n = distinctNext.get(counterKey) ?? 0;
        distinctNext.set(counterKey, n + 1);
        return { ...req, path: s.distinct?.(n) };
      } }]
    : s.paths.map((path) => ({ method: 'GET' as const, path }));
  const r = await new Promise<autocannon.Result>((res, rej) => {
    const inst = autocannon({ url: base, connections, duration: seconds, headers: s.requestHeaders ?? {}, requests: requests as autocannon.Request[] }, (err, result) => (err ? rej(err) : res(result)));
    inst.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const expected = s.expect === 200 ? r['2xx'] : r['3xx'];
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    rps: r.requests.average,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    requests: r.requests.total,
    unexpected: r.requests.total - expected + r.errors + r.timeouts,
  };
}

/** node:http, not fetch: fetch adds `Cache-Control: no-cache` to conditional requests, which rules out a 304. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((res, rej) => {
    httpGet(url, { headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
      r.on('error', rej);
    }).on('error', rej);
  });
}

async function record(base: string, name: string, path: string, expect: number, requestHeaders: Record<string, string> = {}, anyQuery = false): Promise<Recording> {
  const res = await get(base + path, requestHeaders);
  if (res.status !== expect) throw new Error(`${name}: ${path} answered ${res.status}, expected ${expect}: ${res.body.toString().slice(0, 300)}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (!HOP_HEADERS.has(k) && typeof v === 'string') headers[k] = v;
  return { path, requestHeaders, status: res.status, headers, bodyBase64: res.body.toString('base64'), ...(anyQuery ? { anyQuery } : {}) };
}

/** A path of an absolute URL the API gave (OParl ids and links carry PUBLIC_BASE_URL). */
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** The same list with a distinct, far-future `modified_until` (selects the same objects, misses the cache). */
function withModifiedUntil(path: string, n: number): string {
  const u = new URL(path, 'http://x');
  const t = new Date(Date.UTC(2999, 0, 1) + n * 1000).toISOString();
  u.searchParams.set('modified_until', t);
  return u.pathname + u.search;
}

async function json(base: string, path: string): Promise<{ status: number; body: unknown }> {
  const r = await get(base + path);
  let body: unknown = null;
  try {
    body = JSON.parse(r.body.toString());
  } catch {
    /* not JSON */
  }
  return { status: r.status, body };
}

interface Discovery {
  scenarios: Scenario[];
  unavailable: { scenario: string; reason: string }[];
  /** Measured without HTTP when the route is missing: the search function itself. */
  dbSearch?: boolean;
  notes: string[];
}

async function portalScenarios(apiBase: string): Promise<Scenario[]> {
  const year = new Date().getUTCFullYear();
  const tenant = 'burg';
  const yearPath = `/api/portal/${tenant}/meetings?from=${year}-01-01&to=${year}-12-31`;
  const meetings = (await (await fetch(apiBase + yearPath)).json()) as { data: { id: string; start: string }[] };
  const meeting = meetings.data.find((m) => new Date(m.start) < new Date()) ?? meetings.data[0];
  if (!meeting) throw new Error(`no meetings of ${tenant} in ${year}`);
  const meetingPath = `/api/portal/${tenant}/meetings/${meeting.id}`;
  const list: Scenario[] = [
    { name: 'health (live)', paths: ['/health/live'], expect: 200 },
    { name: 'tenants', paths: ['/api/tenants'], expect: 200 },
    { name: 'tenant', paths: [`/api/portal/${tenant}`], expect: 200 },
    { name: 'organizations', paths: [`/api/portal/${tenant}/organizations`], expect: 200 },
    { name: 'persons', paths: [`/api/portal/${tenant}/persons`], expect: 200 },
    { name: 'meetings (year)', paths: [yearPath], expect: 200 },
    { name: 'meeting', paths: [meetingPath], expect: 200 },
  ];
  // The conditional GET, once the API sends validators.
  const etag = (await get(apiBase + meetingPath)).headers['etag'];
  if (etag) list.push({ name: 'meeting (304)', paths: [meetingPath], requestHeaders: { 'if-none-match': etag }, expect: 304 });
  else log('the API sends no ETag: the 304 case is skipped');
  return list;
}

/** Public, released papers of a tenant (owner role, under the tenant's RLS context). */
async function publicPaperIds(owner: pg.Client, tenantId: string, limit: number): Promise<string[]> {
  await owner.query('BEGIN');
  await owner.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
  const r = await owner.query<{ id: string }>(`SELECT id FROM papers WHERE public AND status = 'released' AND deleted_at IS NULL ORDER BY id LIMIT $1`, [limit]);
  await owner.query('COMMIT');
  return r.rows.map((x) => x.id);
}

async function issue10Scenarios(apiBase: string, ownerUrl: string, tenants: { id: string; slug: string }[]): Promise<Discovery> {
  const d: Discovery = { scenarios: [], unavailable: [], notes: [] };
  const big = tenants.find((t) => t.slug === BIG_TENANT_SLUG);
  const small = tenants.find((t) => t.slug === benchTenantSlug(1));
  if (!big || !small) throw new Error('the generated tenants are missing');
  const missing = (scenario: string, reason: string) => {
    d.unavailable.push({ scenario, reason });
    log(`not available: ${scenario} (${reason})`);
  };

  // OParl: a paper list page of 100 with embedded consultations and files, one object, page 1,000.
  const oparlList = `/oparl/v1.1/bodies/${BIG_TENANT_SLUG}/papers?limit=100`;
  const listed = await json(apiBase, oparlList);
  const listBody = listed.body as { data?: { id?: string; consultation?: unknown[]; auxiliaryFile?: unknown[]; mainFile?: unknown }[]; links?: { next?: string } } | null;
  let oparlObject: string | undefined;
  if (listed.status === 200 && Array.isArray(listBody?.data)) {
    d.scenarios.push({ name: 'OParl paper list (100), cached', paths: [oparlList], expect: 200 });
    if ((await get(apiBase + withModifiedUntil(oparlList, 0))).status === 200) {
      d.scenarios.push({ name: 'OParl paper list (100), uncached', paths: [withModifiedUntil(oparlList, 0)], distinct: (n) => withModifiedUntil(oparlList, n + 1), expect: 200 });
    } else missing('OParl paper list (100), uncached', 'modified_until is not accepted');
    const first = listBody?.data?.[0];
    if (listBody?.data?.length !== 100) d.notes.push(`the OParl paper list page has ${listBody?.data?.length} papers, not 100`);
    if (first && !first.consultation) d.notes.push('the OParl papers carry no embedded consultation');
    if (first?.id) oparlObject = pathOf(first.id);
  } else missing('OParl paper list (100)', `${oparlList} answered ${listed.status}`);
  if (oparlObject && (await get(apiBase + oparlObject)).status === 200) {
    d.scenarios.push({ name: 'OParl paper object', paths: [oparlObject], expect: 200 });
  } else missing('OParl paper object', oparlObject ? `${oparlObject} did not answer 200` : 'no paper list to take an id from');

  // Page 1,000: follow links.next from page 1 with a small limit (5 × 1,000 < the big tenant's papers).
  const pageLimit = 5;
  const page1 = `/oparl/v1.1/bodies/${BIG_TENANT_SLUG}/papers?limit=${pageLimit}`;
  if (listed.status === 200) {
    let path: string | undefined = page1;
    let pages = 0;
    const t0 = performance.now();
    let page1000: string | undefined;
    while (path && pages < 1000) {
      const r = await json(apiBase, path);
      if (r.status !== 200) break;
      pages++;
      if (pages === 1000) page1000 = path;
      const next = (r.body as { links?: { next?: string } } | null)?.links?.next;
      path = next ? pathOf(next) : undefined;
    }
    if (page1000) {
      log(`OParl page 1,000 reached in ${Math.round(performance.now() - t0)} ms`);
      d.scenarios.push({ name: `OParl page 1 (limit ${pageLimit}), cached`, paths: [page1], expect: 200 });
      d.scenarios.push({ name: `OParl page 1,000 (limit ${pageLimit}), cached`, paths: [page1000], expect: 200 });
      if ((await get(apiBase + withModifiedUntil(page1000, 0))).status === 200) {
        d.scenarios.push({ name: `OParl page 1 (limit ${pageLimit}), uncached`, paths: [withModifiedUntil(page1, 0)], distinct: (n) => withModifiedUntil(page1, n + 1), expect: 200 });
        d.scenarios.push({ name: `OParl page 1,000 (limit ${pageLimit}), uncached`, paths: [withModifiedUntil(page1000, 0)], distinct: (n) => withModifiedUntil(page1000, n + 1), expect: 200 });
      } else missing('OParl page 1,000, uncached', 'modified_until is not accepted beside the cursor');
    } else missing('OParl page 1,000', `the next chain ended after ${pages} pages of ${pageLimit}`);
  }

  // Portal search over the big tenant: a different query every request (the DB, not a cache).
  const searchBase = `/api/portal/${BIG_TENANT_SLUG}/search`;
  const searchPath = (n: number) => `${searchBase}?q=${encodeURIComponent(searchQuery(n))}`;
  const probe = await get(apiBase + `${searchBase}?q=${encodeURIComponent('Haushaltssatzung Probe')}`);
  if (probe.status === 200) {
    d.scenarios.push({ name: 'portal search (distinct queries)', paths: [searchPath(0)], distinct: (n) => searchPath(n + 1), expect: 200 });
  } else {
    missing('portal search', `${searchBase} answered ${probe.status}; the search function is measured directly instead`);
    d.dbSearch = true;
  }

  // iCal feed of one realistic authority (240 meetings over 3 years and 4 months ahead).
  const ics = `/api/portal/${small.slug}/calendar.ics`;
  const icsRes = await get(apiBase + ics);
  if (icsRes.status === 200) d.scenarios.push({ name: 'iCal feed (one authority)', paths: [ics], expect: 200 });
  else missing('iCal feed', `${ics} answered ${icsRes.status}`);

  // The portal's own paper reads of the big tenant (available before issue 10).
  d.scenarios.push({ name: 'portal paper list (100), big tenant', paths: [`/api/portal/${BIG_TENANT_SLUG}/papers?limit=100`], expect: 200 });

  // Tenant scaling: one object from each of N authorities vs N objects of one authority.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const realistic = tenants.filter((t) => t.slug !== BIG_TENANT_SLUG);
    const spread: { slug: string; id: string }[] = [];
    for (const t of realistic) {
      const [id] = await publicPaperIds(owner, t.id, 1);
      if (id) spread.push({ slug: t.slug, id });
    }
    const one = (await publicPaperIds(owner, big.id, spread.length)).map((id) => ({ slug: big.slug, id }));
    const oparlPaper = (t: { slug: string; id: string }) => `/oparl/v1.1/bodies/${t.slug}/papers/${t.id}`;
    const portalPaper = (t: { slug: string; id: string }) => `/api/portal/${t.slug}/papers/${t.id}`;
    const [sample] = spread;
    const useOparl = sample ? (await get(apiBase + oparlPaper(sample))).status === 200 : false;
    const shape = useOparl ? oparlPaper : portalPaper;
    const what = useOparl ? 'OParl paper' : 'portal paper';
    if (!useOparl) d.notes.push('tenant scaling uses the portal paper (the OParl paper object is not available)');
    d.scenarios.push({ name: `${what}, ${one.length} papers of 1 tenant`, paths: one.map(shape), expect: 200 });
    d.scenarios.push({ name: `${what}, 1 paper each of ${spread.length} tenants`, paths: spread.map(shape), expect: 200 });
  } finally {
    await owner.end();
  }
  return d;
}

/**
 * The search measured at the database when the portal route is not there (yet): the API's
 * path to it (BEGIN, set_config of the tenant, search_tenant_documents, COMMIT) as the
 * application role, from `connections` sessions at once, each query different.
 */
async function loadDbSearch(appUrl: string, tenantId: string, seconds: number, offset: number): Promise<Run> {
  const latencies: number[] = [];
  let n = offset;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    try {
      while (performance.now() < end) {
        const q = searchQuery(n++);
        const t0 = performance.now();
        try {
          await c.query('BEGIN');
          await c.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
          await c.query('SELECT * FROM search_tenant_documents($1, true, NULL, 20, 0)', [q]);
          await c.query('COMMIT');
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
          await c.query('ROLLBACK').catch(() => undefined);
        }
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { rps: latencies.length / seconds, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), requests: latencies.length, unexpected: errors };
}

interface Target {
  target: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
  detail: string;
}

function evaluateTargets(rows: Row[], dbSearch: Run | undefined, rssMb: number | undefined, tenantCount: number, papers: number): Target[] {
  const find = (prefix: string) => rows.find((r) => r.scenario.startsWith(prefix));
  const ratio = (r: Row) => (100 * r.api.rps) / r.bare.rps;
  const pct = (x: number) => `${x.toFixed(1)} %`;
  const out: Target[] = [];
  const na = (target: string, why: string) => out.push({ target, verdict: 'n/a', detail: why });

  const list = find('OParl paper list (100), cached');
  if (list) {
    const ok = ratio(list) >= 25 && list.api.p99 < 100;
    out.push({ target: 'OParl list ≥ 25 % of bare, p99 < 100 ms', verdict: ok ? 'PASS' : 'MISS', detail: `${pct(ratio(list))} of bare (margin ${(ratio(list) - 25).toFixed(1)} points), p99 ${list.api.p99} ms (margin ${(100 - list.api.p99).toFixed(1)} ms)` });
  } else na('OParl list ≥ 25 % of bare, p99 < 100 ms', 'OParl not available');
  const uncachedList = find('OParl paper list (100), uncached');
  if (uncachedList) out.push({ target: '(info) OParl list uncached p99 < 100 ms', verdict: uncachedList.api.p99 < 100 ? 'PASS' : 'MISS', detail: `p99 ${uncachedList.api.p99} ms, ${uncachedList.api.rps.toFixed(0)} req/s` });

  const obj = find('OParl paper object');
  if (obj) out.push({ target: 'OParl object ≥ 20 % of bare', verdict: ratio(obj) >= 20 ? 'PASS' : 'MISS', detail: `${pct(ratio(obj))} of bare (margin ${(ratio(obj) - 20).toFixed(1)} points)` });
  else na('OParl object ≥ 20 % of bare', 'OParl not available');

  for (const kind of ['uncached', 'cached']) {
    const p1 = rows.find((r) => r.scenario.startsWith('OParl page 1 (') && r.scenario.endsWith(kind));
    const p1000 = rows.find((r) => r.scenario.startsWith('OParl page 1,000') && r.scenario.endsWith(kind));
    if (p1 && p1000) {
      const rel = (100 * p1000.api.rps) / p1.api.rps;
      out.push({ target: `page 1,000 within 10 % of page 1 (${kind})`, verdict: rel >= 90 ? 'PASS' : 'MISS', detail: `${pct(rel)} of page 1's req/s (margin ${(rel - 90).toFixed(1)} points); p50 ${p1000.api.p50} vs ${p1.api.p50} ms` });
    }
  }
  if (!out.some((t) => t.target.startsWith('page 1,000'))) na('page 1,000 within 10 % of page 1', 'OParl paging not available');

  const search = find('portal search');
  const s = search?.api ?? dbSearch;
  if (s) {
    out.push({ target: `search p95 < 100 ms over 100,000 papers with text (this run: ${papers.toLocaleString('en')})${search ? '' : ' (search_tenant_documents, no HTTP)'}`, verdict: s.p95 < 100 ? 'PASS' : 'MISS', detail: `p95 ${s.p95} ms (margin ${(100 - s.p95).toFixed(1)} ms), p50 ${s.p50} ms, ${s.rps.toFixed(0)} searches/s` });
  } else na('search p95 < 100 ms', 'no search measured');

  const oneTenant = rows.find((r) => / of 1 tenant$/.test(r.scenario));
  const manyTenants = rows.find((r) => / tenants$/.test(r.scenario) && r !== oneTenant);
  if (oneTenant && manyTenants) {
    const rel = (100 * manyTenants.api.rps) / oneTenant.api.rps;
    out.push({ target: `${tenantCount.toLocaleString('en')} tenants ≥ 90 % of 1 tenant${tenantCount < 1000 ? ' (target is for 1,000: BENCH_TENANTS=1000)' : ''}`, verdict: rel >= 90 ? 'PASS' : 'MISS', detail: `${pct(rel)} (margin ${(rel - 90).toFixed(1)} points): ${manyTenants.api.rps.toFixed(0)} vs ${oneTenant.api.rps.toFixed(0)} req/s; the bare server in the same runs: ${pct((100 * manyTenants.bare.rps) / oneTenant.bare.rps)} (share of bare ${pct(ratio(manyTenants))} vs ${pct(ratio(oneTenant))})` });
  } else na('1,000 tenants ≥ 90 % of 1', 'not measured');

  if (rssMb !== undefined) out.push({ target: 'API RSS < 400 MB (peak, VmHWM)', verdict: rssMb < 400 ? 'PASS' : 'MISS', detail: `${rssMb.toFixed(0)} MB (margin ${(400 - rssMb).toFixed(0)} MB)` });
  else na('API RSS < 400 MB', 'no /proc');
  return out;
}

async function memoryOf(pid: number | undefined): Promise<{ hwmMb: number; rssMb: number } | undefined> {
  if (!pid) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  if (process.env['BENCH_SKIP_BUILD'] !== 'true') {
    log('building the API (production configuration)');
    if ((await run(join(root, 'node_modules', '.bin', 'nx'), ['build', 'api', '--configuration=production'])) !== 0) return 1;
  }
  tmp = await mkdtemp(join(tmpdir(), 'ratsinfo-bench-'));
  const cleanEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_ADMIN_URL', 'REDIS_URL', 'KEYCLOAK_ADMIN_CLIENT_SECRET']) delete cleanEnv[k];
  // Public reads never verify a token, so no identity provider is started; the URL only has to
  // look like production's.
  cleanEnv['AUTH_URL'] = 'https://auth.bench.invalid';
  stack = await startStack({ dataDir: tmp, persistent: false, pgPort: await freePort(), redisPort: await freePort(), idpPort: 0, mailSmtpPort: 0, mailWebPort: 0, database: 'ratsinfo_bench', seed: true, log, env: cleanEnv });

  let generated: GenerateResult | undefined;
  if (set !== 'portal') {
    log(`generating ${benchTenants} authorities and ${BIG_TENANT_SLUG} (seed ${process.env['BENCH_SEED'] ?? '1'})`);
    generated = await generate({
      ownerUrl: stack.env.DATABASE_OWNER_URL,
      seed: process.env['BENCH_SEED'] ?? '1',
      tenants: benchTenants,
      profile: realisticYears(num('BENCH_YEARS', 3)),
      big: bigScale === 1 ? BIG : { ...BIG, papers: Math.ceil(BIG.papers * bigScale), meetings: Math.ceil(BIG.meetings * bigScale) },
      log: (m) => log(`generate: ${m}`),
    });
    log(`generated in ${(generated.timings['total'] ?? 0) / 1000} s: ${Object.entries(generated.counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
  }

  const apiPort = await freePort();
  const apiEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    ...stack.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    PUBLIC_BASE_URL,
    WEB_BASE_URL: PUBLIC_BASE_URL,
    // Counted as in production (one Redis round trip per request), but far above what one load
    // generator sends, so the bench measures reads rather than 429s.
    RATE_LIMIT_PER_IP: process.env['RATE_LIMIT_PER_IP'] ?? '1000000000',
    RATE_LIMIT_PER_USER: process.env['RATE_LIMIT_PER_USER'] ?? '1000000000',
    // As the api image runs it (Dockerfile: old generation 256 MB, semi-spaces 16 MB); BENCH_API_NODE_OPTIONS=' ' for V8's default.
    NODE_OPTIONS: (process.env['BENCH_API_NODE_OPTIONS'] ?? '--max-old-space-size=256 --max-semi-space-size=16').trim(),
    // As the api image sets it; BENCH_MALLOC_ARENA_MAX=' ' for glibc's default.
    ...(process.env['BENCH_MALLOC_ARENA_MAX']?.trim() === '' ? {} : { MALLOC_ARENA_MAX: process.env['BENCH_MALLOC_ARENA_MAX'] ?? '2' }),
  };
  let apiLog = '';
  // The request log goes nowhere, as to a log shipper, but it is still produced.
  api = startProcess('api', process.execPath, [join(root, 'dist/apps/api/main.js')], { cwd: root, env: apiEnv, output: (l) => (apiLog = (apiLog + l + '\n').slice(-4000)) });
  const apiBase = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => (await fetch(`${apiBase}/health/live`)).ok, 60_000).catch((e: Error) => {
    throw new Error(`${e.message}\n${apiLog}`);
  });

  const scenarios: Scenario[] = [];
  let discovery: Discovery | undefined;
  if (set !== 'issue10') scenarios.push(...(await portalScenarios(apiBase)));
  if (generated) {
    discovery = await issue10Scenarios(apiBase, stack.env.DATABASE_OWNER_URL, generated.tenants);
    scenarios.push(...discovery.scenarios);
  }
  const selected = only ? scenarios.filter((e) => e.name.includes(only)) : scenarios;

  const recordings: Recording[] = [];
  const firstRecording = new Map<string, Recording>();
  for (const s of selected) {
    for (const [i, path] of s.paths.entries()) {
      const rec = await record(apiBase, s.name, path, s.expect, s.requestHeaders, Boolean(s.distinct));
      recordings.push(rec);
      if (i === 0) firstRecording.set(s.name, rec);
    }
  }
  const recFile = join(tmp, 'recordings.json');
  await writeFile(recFile, JSON.stringify(recordings));
  const barePort = await freePort();
  let bareReady = false;
  bare = startProcess('bare', process.execPath, [join(root, 'tools/bench/bare-server.mts'), recFile, String(barePort)], {
    cwd: root,
    env: { PATH: process.env['PATH'], NODE_ENV: 'production' },
    output: (l) => (l === 'ready' ? (bareReady = true) : log(`bare: ${l}`)),
  });
  await waitFor('the bare server', async () => bareReady, 20_000);
  const bareBase = `http://127.0.0.1:${barePort}`;
  for (const rec of recordings) {
    const got = await record(bareBase, 'bare', rec.path, rec.status, rec.requestHeaders);
    if (got.bodyBase64 !== rec.bodyBase64) throw new Error(`the bare server does not return the API's bytes for ${rec.path}`);
  }

  log(`${selected.length} scenarios, ${connections} connections, ${warmup} s warm-up + ${duration} s each, on ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  const rows: Row[] = [];
  let failed = false;
  for (const s of selected) {
    const bytes = Buffer.from(firstRecording.get(s.name)?.bodyBase64 ?? '', 'base64').length;
    // Alternating, so that a burst of load from elsewhere on the machine hits both sides alike.
    await load(bareBase, s, warmup, 'bare');
    const b = await load(bareBase, s, duration, 'bare');
    await load(apiBase, s, warmup, 'api');
    const a = await load(apiBase, s, duration, 'api');
    if (a.unexpected > 0 || b.unexpected > 0) {
      failed = true;
      log(`${s.name}: ${a.unexpected} API and ${b.unexpected} bare responses were not ${s.expect}`);
    }
    const urls = s.distinct ? 'a new URL each request' : s.paths.length === 1 ? '1 URL' : `${s.paths.length} URLs`;
    rows.push({ scenario: s.name, status: s.expect, bytes, urls, bare: b, api: a });
    log(`${s.name}: bare ${b.rps.toFixed(0)} req/s, API ${a.rps.toFixed(0)} req/s, API p95 ${a.p95} ms`);
  }

  let dbSearch: Run | undefined;
  const bigTenant = generated?.tenants.find((t) => t.big);
  if (discovery?.dbSearch && bigTenant && (!only || 'search'.includes(only) || only.includes('search'))) {
    await loadDbSearch(stack.env.DATABASE_URL, bigTenant.id, warmup, 1_000_000);
    dbSearch = await loadDbSearch(stack.env.DATABASE_URL, bigTenant.id, duration, 0);
    log(`search_tenant_documents over ${BIG_TENANT_SLUG}: ${dbSearch.rps.toFixed(0)} searches/s, p50 ${dbSearch.p50} ms, p95 ${dbSearch.p95} ms`);
  }
  const mem = await memoryOf(api.child.pid);

  const table = [
    '| scenario | status | bytes | URLs | bare req/s | API req/s | ratio | bare p50/p95/p99 ms | API p50/p95/p99 ms |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.status} | ${r.bytes} | ${r.urls} | ${r.bare.rps.toFixed(0)} | ${r.api.rps.toFixed(0)} | ${((100 * r.api.rps) / r.bare.rps).toFixed(1)} % | ${r.bare.p50}/${r.bare.p95}/${r.bare.p99} | ${r.api.p50}/${r.api.p95}/${r.api.p99} |`,
    ),
  ];
  if (dbSearch) table.push(`| search_tenant_documents (SQL, no HTTP), distinct queries | – | – | – | – | ${dbSearch.rps.toFixed(0)} | – | – | ${dbSearch.p50}/${dbSearch.p95}/${dbSearch.p99} |`);
  console.log(table.join('\n'));
  if (discovery?.unavailable.length) console.log(`\nNot available: ${discovery.unavailable.map((u) => `${u.scenario} (${u.reason})`).join('; ')}`);
  if (discovery?.notes.length) console.log(`Notes: ${discovery.notes.join('; ')}`);
  let targets: Target[] = [];
  if (generated) {
    targets = evaluateTargets(rows, dbSearch, mem?.hwmMb, benchTenants, generated.counts['papers'] ?? 0);
    console.log('\n| target | verdict | measured |\n|---|---|---|\n' + targets.map((t) => `| ${t.target} | ${t.verdict} | ${t.detail} |`).join('\n'));
  }
  if (mem) console.log(`\nAPI memory after the run: VmHWM ${mem.hwmMb.toFixed(0)} MB, VmRSS ${mem.rssMb.toFixed(0)} MB`);
  if (generated) console.log(`Generator: ${JSON.stringify(generated.timings)}`);

  if (process.env['BENCH_JSON']) {
    const server = new pg.Client({ connectionString: stack.env.DATABASE_OWNER_URL });
    await server.connect();
    const pgVersion = (await server.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v;
    await server.end();
    await writeFile(
      process.env['BENCH_JSON'],
      JSON.stringify({
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, postgres: pgVersion },
        connections, duration, warmup, tenants: benchTenants, rows, dbSearch, memory: mem, targets,
        unavailable: discovery?.unavailable, notes: discovery?.notes, generator: generated && { counts: generated.counts, timings: generated.timings },
      }, null, 2),
    );
  }
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`[bench] ${(e as Error).stack ?? (e as Error).message}`);
} finally {
  await cleanup();
}
process.exit(code);
