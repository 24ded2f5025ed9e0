import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Client } from 'pg';
import { LiveMeetingRoutes, MeetingRoutes } from '@ratsinfo/contracts';
import { asTenant, connect, deleteTenant, fixtureAgs, passwordGrant, receivedMails, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';

/**
 * Issue 11's scale-out test, on this machine without containers: one PostgreSQL and one Redis
 * (the test stack's), TWO api processes and TWO worker processes from the production build,
 * behind Debian's HAProxy as the reverse proxy. Under 60 s of load on public and office routes:
 *
 *   phase 1 (30 s): one api is restarted gracefully (SIGTERM, then started again) → 0 failures;
 *   phase 2 (30 s): the other api is SIGKILLed (and started again) while a mass invitation goes
 *                   out, and one worker is SIGKILLed in the middle of it → only requests in flight
 *                   on the killed api may fail (the proxy retries idempotent ones), and every
 *                   invitation reaches its recipient.
 *
 * Then: the response cache answers the same on both apis and both follow a write; the live events
 * reach streams on either api; the rate limit is one budget across both apis. The figures go to
 * the log and to $TEST_RESULTS_DIR/scale-out-figures.json (the closing note quotes them).
 */

const SLUG = 'burg';
const run = randomUUID().slice(0, 8);
const figures: Record<string, unknown> = { run };
const apiMain = process.env['API_MAIN'] ?? join(process.cwd(), 'dist/apps/api/main.js');
const haproxyBin = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => existsSync(p));

// ------------------------------------------------------------------------------------------
// Processes

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await ok().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

interface ApiProcess {
  name: string;
  port: number;
  base: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

function apiEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The production build, configured as the test stack runs it (the dev IdP is not https, so
    // NODE_ENV=production would refuse it; nothing else differs).
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'https://ratsinfo.scale.invalid',
    WEB_BASE_URL: 'https://ratsinfo.scale.invalid',
    TRUST_PROXY: 'loopback',
    // The proxy takes a server out after two failed checks 250–500 ms apart: 2.5 s of 503 before
    // the listener closes (what does not notice in time is retried on the other server).
    SHUTDOWN_DRAIN_MS: '2500',
    RATE_LIMIT_PER_IP: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
    ...extra,
  };
  delete env['DATABASE_OWNER_URL'];
  delete env['DATABASE_ADMIN_URL'];
  return env;
}

async function startApi(name: string, port: number, extra: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, [apiMain], { env: apiEnv(port, extra), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  await until(`${name} ready`, async () => (await fetch(`${base}/health/ready`)).ok, 90_000, 200).catch((e: Error) => {
    throw new Error(`${e.message}\n${out.slice(-3000)}`);
  });
  return { name, port, base, child, exited, output: () => out };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* gone */
  }
}

// ------------------------------------------------------------------------------------------
// The proxy

let haproxy: ChildProcess | undefined;
let haproxyOut = '';
let proxyBase = '';
let statsBase = '';
let tmp = '';

async function startProxy(ports: [number, number]): Promise<void> {
  const port = await freePort();
  const statsPort = await freePort();
  tmp = mkdtempSync(join(tmpdir(), 'ratsinfo-scale-'));
  const cfg = join(tmp, 'haproxy.cfg');
  // The same choices as deploy/ (docs/adr/0022): health checks on readiness (a draining api
  // answers 503 there), a new server connection per request (no keep-alive race with a server
  // that closes), connection failures retried on the other server for every method, and layer-7
  // retries (an answer that never came) only for idempotent methods.
  writeFileSync(
    cfg,
    `global
  maxconn 4096
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout http-request 10s
  option http-server-close
  option forwardfor
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 502 503
frontend web
  bind 127.0.0.1:${port}
  http-request disable-l7-retry unless METH_GET || METH_HEAD || METH_OPTIONS
  default_backend api
frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
backend api
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  timeout check 3s
  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
  server api1 127.0.0.1:${ports[0]} check
  server api2 127.0.0.1:${ports[1]} check
`,
  );
  haproxy = spawn(haproxyBin!, ['-f', cfg, '-db'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  haproxy.stdout?.on('data', (d: Buffer) => (haproxyOut = (haproxyOut + d.toString()).slice(-10_000)));
  haproxy.stderr?.on('data', (d: Buffer) => (haproxyOut = (haproxyOut + d.toString()).slice(-10_000)));
  proxyBase = `http://127.0.0.1:${port}`;
  statsBase = `http://127.0.0.1:${statsPort}/stats`;
  await until('both apis up behind the proxy', async () => (await serversUp()) === 2, 30_000, 200).catch((e: Error) => {
    throw new Error(`${e.message}\n${haproxyOut}`);
  });
}

/** How many of the two servers HAProxy counts as UP (its CSV stats). */
async function serversUp(): Promise<number> {
  const csv = await (await fetch(`${statsBase};csv`)).text();
  return csv.split('\n').filter((l) => /^api,api\d,/.test(l) && l.split(',')[17] === 'UP').length;
}

// ------------------------------------------------------------------------------------------
// Load

interface LoadFigures {
  requests: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  failed: number;
  reqPerSec: number;
  p99Ms: number;
}

let clerkToken = '';
let meetingId = '';

function loadRequests() {
  const auth = { authorization: `Bearer ${clerkToken}` };
  return [
    { method: 'GET' as const, path: `/api/portal/${SLUG}/meetings` },
    { method: 'GET' as const, path: `/api/portal/${SLUG}/organizations` },
    { method: 'GET' as const, path: `/api/portal/${SLUG}/meetings/${meetingId}` },
    { method: 'GET' as const, path: `/api/portal/${SLUG}/papers` },
    { method: 'GET' as const, path: MeetingRoutes.list(SLUG), headers: auth },
    { method: 'GET' as const, path: `/api/office/${SLUG}/papers`, headers: auth },
    { method: 'GET' as const, path: LiveMeetingRoutes.office(SLUG, meetingId), headers: auth },
  ];
}

async function load(seconds: number, during: () => Promise<void>): Promise<LoadFigures> {
  const [result] = await Promise.all([autocannon({ url: proxyBase, connections: 8, duration: seconds, timeout: 20, requests: loadRequests() }), during()]);
  const byStatus: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) byStatus[code] = (s as { count: number }).count;
  const failedStatus = Object.entries(byStatus)
    .filter(([code]) => Number(code) >= 400)
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: result.requests.total,
    byStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    failed: failedStatus + result.errors + result.timeouts,
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
  };
}

// ------------------------------------------------------------------------------------------
// The mass invitation: a fixture authority with a committee of N members.

const RECIPIENTS = 150;
let owner: Client;
const massTenant = { id: randomUUID(), slug: `test-scale-${run}` };
let massMeeting = '';

async function createMassInvitationFixture(): Promise<void> {
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, $3, 'municipality', $4)`, [massTenant.id, massTenant.slug, `Testgemeinde Skalierung ${run}`, fixtureAgs()]);
  await asTenant(
    owner,
    massTenant.id,
    async () => {
      const t = massTenant.id;
      const org = (await owner.query<{ id: string }>(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Kreistag', 'council') RETURNING id`, [t])).rows[0]!.id;
      const persons = await owner.query<{ id: string }>(
        `INSERT INTO persons (tenant_id, family_name, given_name, email)
         SELECT $1, 'Mitglied ' || i, 'Person', 'scale-${run}-' || i || '@example.org' FROM generate_series(1, ${RECIPIENTS}) i RETURNING id`,
        [t],
      );
      await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) SELECT $1, unnest($2::uuid[]), $3, 'Mitglied'`, [t, persons.rows.map((p) => p.id), org]);
      const start = new Date(Math.floor((Date.now() + 14 * 86_400_000) / 60_000) * 60_000);
      massMeeting = (
        await owner.query<{ id: string }>(`INSERT INTO meetings (tenant_id, organization_id, name, start, location_text) VALUES ($1, $2, 'Sitzung des Kreistages', $3, 'Kreishaus') RETURNING id`, [
          t,
          org,
          start.toISOString(),
        ])
      ).rows[0]!.id;
      await owner.query(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", number, name, public) VALUES ($1, $2, 1, 'Ö 1', 'Eröffnung', true)`, [t, massMeeting]);
    },
    true,
  );
}

async function requestMassInvitation(): Promise<void> {
  await asTenant(
    owner,
    massTenant.id,
    async () => {
      await owner.query(`UPDATE meetings SET ical_sequence = 1, invited_at = now(), meeting_state = 'invited' WHERE id = $1`, [massMeeting]);
      await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'meeting.invitation-requested', $2)`, [
        massTenant.id,
        JSON.stringify({ meetingId: massMeeting, kind: 'invitation', sequence: 1 }),
      ]);
    },
    true,
  );
}

/** Invitations received per recipient of the mass invitation. */
async function massDeliveries(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await receivedMails((m) => m.to.some((t) => t.address.startsWith(`scale-${run}-`)))) {
    for (const t of m.to) if (t.address.startsWith(`scale-${run}-`)) counts.set(t.address, (counts.get(t.address) ?? 0) + 1);
  }
  return counts;
}

// ------------------------------------------------------------------------------------------

const describeScale = haproxyBin ? describe : describe.skip;
if (!haproxyBin) console.warn('SKIPPED scale-out test: HAProxy is not installed (the test command installs the Debian package haproxy).');

describeScale('scale-out: two apis and two workers behind a proxy', () => {
  const apis: ApiProcess[] = [];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(apiMain)) throw new Error(`no API build at ${apiMain}: npm test builds it before this test (npx nx build api)`);
    owner = await connect(testEnv().ownerUrl);
    const burg = (await owner.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [SLUG])).rows[0]!.id;
    meetingId = await asTenant(owner, burg, async () => {
      const running = await owner.query<{ id: string }>(`SELECT id FROM meetings WHERE meeting_state = 'running' AND deleted_at IS NULL ORDER BY start DESC LIMIT 1`);
      if (!running.rows[0]) throw new Error('the demo seed has no running meeting in Burg (tools/db/seed/live-meeting.mts)');
      return running.rows[0].id;
    });
    clerkToken = await passwordGrant(`${SLUG}-clerk`, 'demo');
    await createMassInvitationFixture();
    const ports: [number, number] = [await freePort(), await freePort()];
    apis.push(...(await Promise.all([startApi('api1', ports[0]), startApi('api2', ports[1])])));
    workers.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
    await startProxy(ports);
  });

  afterAll(async () => {
    for (const a of apis) killGroup(a.child, 'SIGKILL');
    if (haproxy) killGroup(haproxy, 'SIGKILL');
    await Promise.all(workers.map((w) => w.stop()));
    if (massTenant.id && owner) {
      await asTenant(owner, massTenant.id, () => owner.query(`DELETE FROM mail_messages`), true).catch(() => undefined);
      await deleteTenant(owner, massTenant.id).catch(() => undefined);
    }
    await owner?.end();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    const text = JSON.stringify(figures, null, 2);
    console.log(`scale-out figures:\n${text}`);
    writeFileSync(join(process.env['TEST_RESULTS_DIR'] ?? tmpdir(), 'scale-out-figures.json'), text);
  });

  it('phase 1: restarting one api gracefully under load fails no request', async () => {
    const restart: Record<string, number> = {};
    const figuresOfLoad = await load(30, async () => {
      await new Promise((r) => setTimeout(r, 8_000));
      const old = apis[0]!;
      const t0 = Date.now();
      killGroup(old.child, 'SIGTERM');
      const exit = await old.exited;
      restart['stoppedAfterMs'] = Date.now() - t0;
      expect(exit).toEqual({ code: 0, signal: null });
      apis[0] = await startApi('api1', old.port);
      await until('api1 back behind the proxy', async () => (await serversUp()) === 2, 30_000, 100);
      restart['backAfterMs'] = Date.now() - t0;
    });
    figures['phase1'] = { ...figuresOfLoad, restart };
    expect(figuresOfLoad.requests).toBeGreaterThan(200);
    expect(figuresOfLoad.failed).toBe(0);
  });

  it('phase 2: SIGKILL of the other api fails at most the requests in flight on it; a SIGKILLed worker loses no invitation', async () => {
    const events: Record<string, number> = {};
    const t0 = Date.now();
    const figuresOfLoad = await load(30, async () => {
      await requestMassInvitation();
      // A few invitations out, then the worker goes down hard in the middle of the batch.
      await until('the first 20 invitations', async () => [...(await massDeliveries()).values()].length >= 20, 60_000, 100);
      events['workerKilledAfterDelivered'] = (await massDeliveries()).size;
      workers[0]!.kill('SIGKILL');
      events['workerKilledAtMs'] = Date.now() - t0;

      await new Promise((r) => setTimeout(r, 3_000));
      const victim = apis[1]!;
      killGroup(victim.child, 'SIGKILL');
      events['apiKilledAtMs'] = Date.now() - t0;
      await victim.exited;
      apis[1] = await startApi('api2', victim.port);
      await until('api2 back behind the proxy', async () => (await serversUp()) === 2, 30_000, 100);
      events['apiBackAtMs'] = Date.now() - t0;
    });
    // Every recipient got the invitation (the surviving worker took over the killed one's jobs).
    await until('every invitation delivered', async () => (await massDeliveries()).size === RECIPIENTS, 120_000, 500).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${(await massDeliveries()).size} of ${RECIPIENTS}`);
    });
    await new Promise((r) => setTimeout(r, 2_000)); // a late duplicate would arrive now
    const deliveries = await massDeliveries();
    const duplicates = [...deliveries.values()].reduce((n, c) => n + c - 1, 0);
    figures['phase2'] = { ...figuresOfLoad, events, mails: { expected: RECIPIENTS, recipientsReached: deliveries.size, duplicates } };

    expect(deliveries.size).toBe(RECIPIENTS);
    // ADR 0015: a worker killed between the SMTP server's "250" and its commit sends that mail
    // again (same Message-ID); at most the jobs it had in flight.
    expect(duplicates).toBeLessThanOrEqual(4);
    // Only requests in flight on the killed api may fail, and the proxy retries the idempotent
    // ones on the other: with 8 connections, at most 8 (all load requests are GETs).
    expect(figuresOfLoad.failed).toBeLessThanOrEqual(8);
    expect(figuresOfLoad.requests).toBeGreaterThan(200);
  });

  it('the response cache answers alike on both apis and both follow a write', async () => {
    const path = `/api/portal/${SLUG}/meetings/${meetingId}`;
    const etagOf = async (a: ApiProcess) => (await fetch(a.base + path)).headers.get('etag');
    const before = await Promise.all(apis.map(etagOf));
    expect(before[0]).toBeTruthy();
    expect(before[0]).toBe(before[1]);
    // A write outside both apis (as an import or the worker would do): each learns of it from
    // PostgreSQL. The ETag is the body's hash, so the write changes what the page shows.
    const burg = (await owner.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [SLUG])).rows[0]!.id;
    const rename = (sql: string) => asTenant(owner, burg, () => owner.query(sql, [meetingId, ` (Skalierungstest ${run})`]), true);
    await rename(`UPDATE meetings SET name = name || $2 WHERE id = $1`);
    const t0 = Date.now();
    await until('both apis serve the new version', async () => {
      const now = await Promise.all(apis.map(etagOf));
      return now[0] !== before[0] && now[1] !== before[1] && now[0] === now[1];
    }, 10_000, 50);
    figures['cacheFollowsWriteMs'] = Date.now() - t0;
    await rename(`UPDATE meetings SET name = replace(name, $2, '') WHERE id = $1`);
  });

  it('live events reach streams on either api', async () => {
    const view = (await (await fetch(proxyBase + LiveMeetingRoutes.office(SLUG, meetingId), { headers: { authorization: `Bearer ${clerkToken}` } })).json()) as {
      currentAgendaItemId: string | null;
      items: { id: string; public: boolean }[];
    };
    const candidates = view.items.filter((i) => i.public && i.id !== view.currentAgendaItemId);
    expect(candidates.length).toBeGreaterThan(0);
    const target = candidates[candidates.length - 1]!.id;

    const streams = apis.map((a) => openStream(a.base + LiveMeetingRoutes.events(SLUG, meetingId)));
    try {
      // The first snapshot on each (they may have arrived already: then the next heartbeat or event).
      await until('both streams open', async () => streams.every((s) => s.received().includes('"currentItem"')), 15_000, 50);
      const t0 = Date.now();
      // Through the proxy, so it lands on one api or the other; both streams must see it.
      const put = await fetch(proxyBase + LiveMeetingRoutes.currentItem(SLUG, meetingId), {
        method: 'PUT',
        headers: { authorization: `Bearer ${clerkToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ agendaItemId: target }),
      });
      expect(put.status).toBe(200);
      await Promise.all(streams.map((s) => s.waitFor((d) => d.includes(`"currentItem":{"id":"${target}"`), 10_000)));
      figures['liveEventBothApisMs'] = Date.now() - t0;
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('the rate limit is one budget across both apis', async () => {
    // Both apis restarted (gracefully, one after the other) with a small budget per person.
    for (let i = 0; i < apis.length; i++) {
      const old = apis[i]!;
      killGroup(old.child, 'SIGTERM');
      await old.exited;
      apis[i] = await startApi(old.name, old.port, { RATE_LIMIT_PER_USER: '30', RATE_LIMIT_WINDOW_SECONDS: '60' });
    }
    const token = await passwordGrant(`${SLUG}-admin`, 'demo');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(apis[i % 2]!.base + MeetingRoutes.list(SLUG), { headers: { authorization: `Bearer ${token}` } });
      statuses.push(res.status);
    }
    const ok = statuses.filter((s) => s === 200).length;
    figures['rateLimit'] = { budget: 30, sent: 40, ok, limited: statuses.filter((s) => s === 429).length };
    expect(ok).toBe(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });
});

/** A server-sent event stream read with fetch: the text so far, and a wait for a condition on it. */
function openStream(url: string) {
  const ctrl = new AbortController();
  let text = '';
  const waiters = new Set<() => void>();
  void (async () => {
    const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const w of [...waiters]) w();
    }
  })().catch(() => undefined);
  return {
    received: () => text,
    close: () => ctrl.abort(),
    /** Resolves when `ok` holds for the text received after this call. */
    waitFor(ok: (data: string) => boolean, timeoutMs = 15_000): Promise<void> {
      const from = text.length;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (ok(text.slice(from))) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream ${url} did not deliver the expected event within ${timeoutMs} ms; got: ${text.slice(-500)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
