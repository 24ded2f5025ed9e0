import { asTenant, connect, createTenantWithRows, deleteTenant, sentTo, startWorkerProcess, testEnv, waitForMails, type WorkerProcess } from '@ratsinfo/api-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Client } from 'pg';

/**
 * The worker's metrics (docs/adr/0021-storage-and-metrics.md), scraped from the built worker
 * process: queue depth, job durations, mails, dead letters, process metrics; bearer token; no
 * tenant content in the scrape.
 */
const TOKEN = randomBytes(24).toString('hex');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

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

function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker metrics', () => {
  let owner: Client;
  let tenant: { id: string; slug: string };
  let worker: WorkerProcess;
  let url: string;

  const scrape = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, samples: parse(text) };
  };

  beforeAll(async () => {
    owner = await connect(testEnv().ownerUrl);
    tenant = await createTenantWithRows(owner, 'metrics');
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    // One attempt: an event without a handler is a dead letter at once.
    worker = await startWorkerProcess({ env: { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: TOKEN, HOST: '127.0.0.1', JOB_ATTEMPTS: '1' } });
    await worker.waitForOutput(/metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);
  });

  afterAll(async () => {
    await worker?.stop();
    if (tenant) await deleteTenant(owner, tenant.id);
    await owner?.end();
  });

  it('serves /metrics only with the bearer token', async () => {
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fetch(url.replace('/metrics', '/other'), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('reports depth of every queue and state, the outbox, the DB pool and the process, labelled service="worker"', async () => {
    const { samples } = await scrape();
    for (const queue of ['ratsinfo-events', 'ratsinfo-mail', 'ratsinfo-files', 'ratsinfo-tenants', 'ratsinfo-maintenance']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(samples.find((s) => s.name === 'ratsinfo_queue_jobs' && s.labels['queue'] === queue && s.labels['state'] === state)).toBeDefined();
      }
    }
    expect(samples.find((s) => s.name === 'ratsinfo_outbox_events' && s.labels['state'] === 'pending')).toBeDefined();
    expect(samples.find((s) => s.name === 'ratsinfo_outbox_events' && s.labels['state'] === 'dead')).toBeDefined();
    expect(value(samples, 'ratsinfo_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    expect(samples.find((s) => s.name === 'process_resident_memory_bytes')?.labels['service']).toBe('worker');
  });

  it('a mail sent moves the mail counter and the job duration of mail.send; a dead letter moves the dead gauge; no tenant content appears', async () => {
    const before = await scrape();
    const to = `metrics-${randomUUID().slice(0, 8)}@example.org`;
    const subject = `Geheime Tagesordnung ${randomUUID().slice(0, 6)}`;
    await asTenant(
      owner,
      tenant.id,
      async () => {
        const { rows } = await owner.query<{ id: string }>(
          `INSERT INTO mail_messages (tenant_id, dedupe_key, template, recipient_email, data) VALUES ($1, $2, 'plain', $3, $4) RETURNING id`,
          [tenant.id, `test:${to}`, to, JSON.stringify({ subject, text: 'Guten Tag' })],
        );
        await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'mail.send', $2)`, [tenant.id, JSON.stringify({ mailId: rows[0]!.id })]);
        await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'metrics.no-such-topic', '{}')`, [tenant.id]);
      },
      true,
    );
    await waitForMails(1, sentTo(to));
    const sent = { name: 'ratsinfo_job_duration_seconds_count', labels: { queue: 'ratsinfo-mail', job: 'mail.send', outcome: 'completed' } };
    const after = await until('the mail job and the dead letter in the metrics', async () => {
      const s = await scrape();
      const done = value(s.samples, sent.name, sent.labels) > value(before.samples, sent.name, sent.labels);
      const dead = value(s.samples, 'ratsinfo_outbox_events', { state: 'dead' }) > value(before.samples, 'ratsinfo_outbox_events', { state: 'dead' });
      return done && dead ? s : undefined;
    });
    expect(value(after.samples, 'ratsinfo_mails_total', { outcome: 'sent' })).toBe(value(before.samples, 'ratsinfo_mails_total', { outcome: 'sent' }) + 1);
    // The topic nobody handles is counted as "(unknown)", never under its own (unbounded) name.
    expect(value(after.samples, 'ratsinfo_job_duration_seconds_count', { job: '(unknown)', outcome: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(after.text).not.toContain('no-such-topic');
    for (const bad of [tenant.slug, tenant.id, to, subject]) expect(after.text).not.toContain(bad);
    expect(after.samples.some((s) => 'tenant' in s.labels)).toBe(false);
  });
});
