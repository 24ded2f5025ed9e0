/**
 * `npm run bench`: how fast the API serves the public portal, measured beside a bare node:http
 * server that returns exactly the same bytes, in the same run, on the same machine.
 *
 * 1. builds the API in production configuration (skip with BENCH_SKIP_BUILD=true);
 * 2. starts throw-away PostgreSQL and Redis with the demo seed (tools/services/stack.mts);
 * 3. starts `node dist/apps/api/main.js` with NODE_ENV=production;
 * 4. fetches every public endpoint once, records status, headers and bytes, and starts
 *    tools/bench/bare-server.mts answering each path with the recording;
 * 5. loads both with autocannon (10 connections, a warm-up, then BENCH_DURATION seconds each)
 *    and prints endpoint, bytes, req/s, ratio and p50/p99 latency for both.
 *
 * Knobs: BENCH_DURATION (seconds, default 10), BENCH_WARMUP (seconds, default 2),
 * BENCH_CONNECTIONS (default 10), BENCH_ONLY (substring of endpoint names), BENCH_JSON (file to
 * write the results to). Exit code 1 when a response is not the expected 200/304.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from '../services/ports.mts';
import { startProcess, type Managed } from '../services/processes.mts';
import { onShutdown } from '../services/shutdown.mts';
import { startStack, type Stack } from '../services/stack.mts';
import type { Recording } from './bare-server.mts';

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
const only = process.env['BENCH_ONLY'];

/** Headers that belong to one connection or one moment, not to the representation. */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Endpoint {
  name: string;
  path: string;
  requestHeaders?: Record<string, string>;
  expect: 200 | 304;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  unexpected: number;
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

async function load(url: string, e: Endpoint, seconds: number): Promise<Run> {
  const r = await autocannon({ url, connections, duration: seconds, headers: e.requestHeaders ?? {} });
  const expected = e.expect === 200 ? r['2xx'] : r['3xx'];
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, unexpected: r.requests.total - expected + r.errors + r.timeouts };
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

async function record(base: string, e: Endpoint): Promise<Recording> {
  const res = await get(base + e.path, e.requestHeaders);
  if (res.status !== e.expect) throw new Error(`${e.name}: ${e.path} answered ${res.status}, expected ${e.expect}: ${res.body.toString().slice(0, 300)}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (!HOP_HEADERS.has(k) && typeof v === 'string') headers[k] = v;
  return { path: e.path, requestHeaders: e.requestHeaders ?? {}, status: res.status, headers, bodyBase64: res.body.toString('base64') };
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

  const apiPort = await freePort();
  const apiEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    ...stack.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    PUBLIC_BASE_URL: 'https://ratsinfo.bench.invalid',
    WEB_BASE_URL: 'https://ratsinfo.bench.invalid',
    // Counted as in production (one Redis round trip per request), but far above what one load
    // generator sends, so the bench measures reads rather than 429s.
    RATE_LIMIT_PER_IP: process.env['RATE_LIMIT_PER_IP'] ?? '1000000000',
    RATE_LIMIT_PER_USER: process.env['RATE_LIMIT_PER_USER'] ?? '1000000000',
  };
  let apiLog = '';
  // The request log goes nowhere, as to a log shipper, but it is still produced.
  api = startProcess('api', process.execPath, [join(root, 'dist/apps/api/main.js')], { cwd: root, env: apiEnv, output: (l) => (apiLog = (apiLog + l + '\n').slice(-4000)) });
  const apiBase = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => (await fetch(`${apiBase}/health/live`)).ok, 60_000).catch((e: Error) => {
    throw new Error(`${e.message}\n${apiLog}`);
  });

  const year = new Date().getUTCFullYear();
  const tenant = 'burg';
  const yearPath = `/api/portal/${tenant}/meetings?from=${year}-01-01&to=${year}-12-31`;
  const meetings = (await (await fetch(apiBase + yearPath)).json()) as { data: { id: string; start: string }[] };
  const meeting = meetings.data.find((m) => new Date(m.start) < new Date()) ?? meetings.data[0];
  if (!meeting) throw new Error(`no meetings of ${tenant} in ${year}`);
  const meetingPath = `/api/portal/${tenant}/meetings/${meeting.id}`;

  const endpoints: Endpoint[] = [
    { name: 'health (live)', path: '/health/live', expect: 200 },
    { name: 'tenants', path: '/api/tenants', expect: 200 },
    { name: 'tenant', path: `/api/portal/${tenant}`, expect: 200 },
    { name: 'organizations', path: `/api/portal/${tenant}/organizations`, expect: 200 },
    { name: 'persons', path: `/api/portal/${tenant}/persons`, expect: 200 },
    { name: 'meetings (year)', path: yearPath, expect: 200 },
    { name: 'meeting', path: meetingPath, expect: 200 },
  ];
  // The conditional GET, once the API sends validators.
  const etag = (await get(apiBase + meetingPath)).headers['etag'];
  if (etag) endpoints.push({ name: 'meeting (304)', path: meetingPath, requestHeaders: { 'if-none-match': etag }, expect: 304 });
  else log('the API sends no ETag: the 304 case is skipped');
  const selected = only ? endpoints.filter((e) => e.name.includes(only)) : endpoints;

  const recordings = await Promise.all(selected.map((e) => record(apiBase, e)));
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
  for (const [i, e] of selected.entries()) {
    const got = await record(bareBase, e);
    if (got.bodyBase64 !== recordings[i]?.bodyBase64) throw new Error(`the bare server does not return the API's bytes for ${e.name}`);
  }

  log(`${selected.length} endpoints, ${connections} connections, ${warmup} s warm-up + ${duration} s each, on ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  const rows: { endpoint: string; status: number; bytes: number; bare: Run; api: Run }[] = [];
  let failed = false;
  for (const [i, e] of selected.entries()) {
    const bytes = Buffer.from(recordings[i]?.bodyBase64 ?? '', 'base64').length;
    // Alternating, so that a burst of load from elsewhere on the machine hits both sides alike.
    await load(bareBase + e.path, e, warmup);
    const b = await load(bareBase + e.path, e, duration);
    await load(apiBase + e.path, e, warmup);
    const a = await load(apiBase + e.path, e, duration);
    if (a.unexpected > 0) {
      failed = true;
      log(`${e.name}: ${a.unexpected} responses were not ${e.expect}`);
    }
    rows.push({ endpoint: e.name, status: e.expect, bytes, bare: b, api: a });
    log(`${e.name}: bare ${b.rps.toFixed(0)} req/s, API ${a.rps.toFixed(0)} req/s`);
  }

  const table = [
    '| endpoint | status | bytes | bare req/s | API req/s | ratio | bare p50/p99 ms | API p50/p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.endpoint} | ${r.status} | ${r.bytes} | ${r.bare.rps.toFixed(0)} | ${r.api.rps.toFixed(0)} | ${((100 * r.api.rps) / r.bare.rps).toFixed(1)} % | ${r.bare.p50}/${r.bare.p99} | ${r.api.p50}/${r.api.p99} |`,
    ),
  ].join('\n');
  console.log(table);
  if (process.env['BENCH_JSON']) await writeFile(process.env['BENCH_JSON'], JSON.stringify({ date: new Date().toISOString(), connections, duration, rows }, null, 2));
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`[bench] ${(e as Error).message}`);
} finally {
  await cleanup();
}
process.exit(code);
