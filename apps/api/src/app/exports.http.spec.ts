import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { asTenant, connect, fixtureAgs, startTestIssuer, startWorkerProcess, testEnv, type TestIssuer, type WorkerProcess } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, ExportRoutes, type ListResponse, type OperatorTenantDto, ProblemType, type TenantExportDto } from '@ratsinfo/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Exports as jobs over HTTP: the request answers 202 with a pending record; the worker (a real
 * process) builds the ZIP; list, status and download for the tenant admin (own authority only)
 * and operators (any authority, audited); 409 before ready, 410 after expiry.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;
let storageDir: string;

interface TestTenant {
  id: string;
  slug: string;
  accounts: Record<'admin' | 'clerk' | 'member', { id: string; sub: string }>;
}
let a: TestTenant;
let b: TestTenant;

async function createTenant(label: string): Promise<TestTenant> {
  const id = randomUUID();
  const slug = `exp-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias, status) VALUES ($1, $2, $3, 'town', $4, $2, 'suspended')`, [id, slug, `Exportstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const accounts = {} as TestTenant['accounts'];
  for (const role of ['admin', 'clerk', 'member'] as const) {
    const sub = randomUUID();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[]) RETURNING id`,
      [id, issuer.issuer(), sub, `${role}@${slug}.example`, `${role} ${label}`, `{${role === 'admin' ? 'tenant-admin' : role}}`],
    );
    accounts[role] = { id: rows[0]!.id, sub };
  }
  const { rows: org } = await owner.query<{ id: string }>(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  await owner.query(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now())`, [id, org[0]!.id]);
  await owner.query('COMMIT');
  await owner.query(`UPDATE tenants SET status = 'active' WHERE id = $1`, [id]);
  return { id, slug, accounts };
}

const tokenFor = (t: TestTenant, role: keyof TestTenant['accounts']) =>
  issuer.token({ sub: t.accounts[role].sub, organization: [t.slug], name: `${role} of ${t.slug}`, email: `${role}@${t.slug}.example`, email_verified: true });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

async function call<T = unknown>(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const isZip = res.headers.get('content-type') === 'application/zip';
  const raw = isZip ? new Uint8Array(await res.arrayBuffer()) : null;
  const text = isZip ? '' : await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T, zip: raw };
}

async function waitUntilFinished(path: string, token: string): Promise<TenantExportDto> {
  for (let i = 0; i < 600; i++) {
    const r = await call<TenantExportDto>('GET', path, token);
    if (r.body.status !== 'pending' && r.body.status !== 'running') return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`export ${path} did not finish`);
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  // The stack's storage, shared by every API and worker of the test run: any worker may build the export.
  storageDir = process.env['FILE_STORAGE_DIR'] ?? '.data/files';
  a = await createTenant('a');
  b = await createTenant('b');
  app = await createApp(
    loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', FILE_STORAGE_DIR: storageDir }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app.close();
  for (const t of [a, b]) await owner.query('DELETE FROM tenants WHERE id = $1', [t.id]);
  await owner.end();
  await issuer.stop();
  for (const t of [a, b]) await rm(join(storageDir, t.id), { recursive: true, force: true });
});

describe('export requests (no worker running)', () => {
  it('need a stated reason', async () => {
    const res = await call<{ errors: { name: string }[] }>('POST', ApiRoutes.officeExport(a.slug), await tokenFor(a, 'admin'), {});
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.name)).toEqual(['reason']);
    const short = await call<{ errors: { name: string }[] }>('POST', ApiRoutes.operatorTenantExport(a.id), await operatorToken(), { reason: 'weil' });
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e) => e.name)).toEqual(['reason']);
  });

  it('are open to tenant admins of their own authority only: never clerks, members, other admins or anonymous callers', async () => {
    const reason = { reason: 'Archivierung zum Jahresende' };
    for (const role of ['clerk', 'member'] as const) {
      expect((await call('POST', ApiRoutes.officeExport(a.slug), await tokenFor(a, role), reason)).status).toBe(403);
      expect((await call('GET', ExportRoutes.officeExports(a.slug), await tokenFor(a, role))).status).toBe(403);
    }
    expect((await call('POST', ApiRoutes.officeExport(a.slug), await tokenFor(b, 'admin'), reason)).status).toBe(403);
    expect((await call('POST', ApiRoutes.officeExport(a.slug), undefined, reason)).status).toBe(401);
    expect((await call('GET', ExportRoutes.operatorExports(a.id), await tokenFor(a, 'admin'))).status).toBe(403);
    expect(await owner.query('SELECT 1 FROM tenant_exports WHERE tenant_id = $1', [a.id]).then((r) => r.rowCount)).toBe(0);
  });

  it('answer 202 with a pending record; status and list show it; the download waits (409), an expired one is gone (410)', async () => {
    const admin = await tokenFor(a, 'admin');
    const res = await call<TenantExportDto>('POST', ApiRoutes.officeExport(a.slug), admin, { reason: 'Archivierung zum Jahresende' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'pending', requestedAs: 'tenant-admin', requestedByName: `admin of ${a.slug}`, reason: 'Archivierung zum Jahresende', size: null, expiresAt: null });
    const id = res.body.id;
    // One outbox event for the worker, in the authority's name.
    const events = await asTenant(owner, a.id, () => owner.query(`SELECT topic, payload, actor_name FROM outbox_events WHERE topic = 'tenant.export-requested'`));
    expect(events.rows).toEqual([{ topic: 'tenant.export-requested', payload: { exportId: id }, actor_name: `admin of ${a.slug}` }]);

    expect((await call<TenantExportDto>('GET', ExportRoutes.officeExport(a.slug, id), admin)).body).toMatchObject({ id, status: 'pending' });
    const list = await call<ListResponse<TenantExportDto>>('GET', ExportRoutes.officeExports(a.slug), admin);
    expect(list.body.data.map((e) => e.id)).toEqual([id]);
    const early = await call<{ type: string }>('GET', ExportRoutes.officeExportDownload(a.slug, id), admin);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(ProblemType.conflict);

    // Another authority's admin sees nothing of it, through their own authority or A's.
    const adminB = await tokenFor(b, 'admin');
    expect((await call('GET', ExportRoutes.officeExport(b.slug, id), adminB)).status).toBe(404);
    expect((await call('GET', ExportRoutes.officeExportDownload(b.slug, id), adminB)).status).toBe(404);
    expect((await call('GET', ExportRoutes.officeExportDownload(a.slug, id), adminB)).status).toBe(403);
    expect((await call<ListResponse<TenantExportDto>>('GET', ExportRoutes.officeExports(b.slug), adminB)).body.data).toEqual([]);
    // Operators see it under its authority only.
    const op = await operatorToken();
    expect((await call<ListResponse<TenantExportDto>>('GET', ExportRoutes.operatorExports(a.id), op)).body.data.map((e) => e.id)).toEqual([id]);
    expect((await call('GET', ExportRoutes.operatorExport(b.id, id), op)).status).toBe(404);
    expect((await call('GET', ExportRoutes.operatorExportDownload(a.id, randomUUID()), op)).status).toBe(404);

    // A ready export past its expiry: 410, not cacheable.
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO tenant_exports (tenant_id, requested_as, reason, status, storage_key, size, finished_at, expires_at) VALUES ($1, 'tenant-admin', 'Altes Archiv', 'ready', $2, 10, now() - interval '8 days', now() - interval '1 day') RETURNING id`,
      [a.id, `${a.id}/${randomUUID()}`],
    );
    await owner.query('COMMIT');
    const gone = await call<{ type: string }>('GET', ExportRoutes.officeExportDownload(a.slug, rows[0]!.id), admin);
    expect(gone.status).toBe(410);
    expect(gone.body.type).toBe(ProblemType.gone);
    expect(gone.headers.get('cache-control')).toContain('no-store');
    expect((await call<TenantExportDto>('GET', ExportRoutes.officeExport(a.slug, rows[0]!.id), admin)).body.status).toBe('expired');
    expect((await call('GET', ExportRoutes.operatorExportDownload(a.id, rows[0]!.id), op)).status).toBe(410);
  });
});

describe('exports built by the worker', () => {
  let worker: WorkerProcess;

  beforeAll(async () => {
    worker = await startWorkerProcess();
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('become ready and downloadable as a ZIP by the admin and operators, audited, and the operator’s marks the hand-over', async () => {
    const admin = await tokenFor(a, 'admin');
    const op = await operatorToken();
    const mine = await call<TenantExportDto>('POST', ApiRoutes.officeExport(a.slug), admin, { reason: 'Archivierung zum Jahresende' });
    const theirs = await call<TenantExportDto>('POST', ApiRoutes.operatorTenantExport(a.id), op, { reason: 'Übergabe an den neuen Dienstleister' });
    expect(theirs.status).toBe(202);
    expect(theirs.body).toMatchObject({ status: 'pending', requestedAs: 'operator', requestedByName: 'Olaf Betreiber' });

    const done = await waitUntilFinished(ExportRoutes.officeExport(a.slug, mine.body.id), admin);
    expect(done).toMatchObject({ status: 'ready', error: null });
    expect(done.size).toBeGreaterThan(100);
    expect(done.counts).toMatchObject({ organizations: 1, meetings: 1, userAccounts: 3 });
    expect(new Date(done.expiresAt!).getTime() - new Date(done.finishedAt!).getTime()).toBe(7 * 86_400_000);
    const dl = await call('GET', ExportRoutes.officeExportDownload(a.slug, mine.body.id), admin);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="ratsinfo-export-${a.slug}-\\d{4}-\\d\\d-\\d\\d\\.zip"$`));
    expect(dl.headers.get('cache-control')).toContain('no-store');
    expect(dl.zip!.byteLength).toBe(done.size);
    const files = unzipSync(dl.zip!);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({ tenant: { id: a.id }, counts: done.counts });
    expect(JSON.parse(strFromU8(files['body.json']!))).toMatchObject({ type: 'https://schema.oparl.org/1.1/Body', name: 'Exportstadt a' });
    // Not for another authority's admin.
    expect((await call('GET', ExportRoutes.officeExportDownload(a.slug, mine.body.id), await tokenFor(b, 'admin'))).status).toBe(403);
    expect((await call('GET', ExportRoutes.officeExportDownload(b.slug, mine.body.id), await tokenFor(b, 'admin'))).status).toBe(404);

    const opDone = await waitUntilFinished(ExportRoutes.operatorExport(a.id, theirs.body.id), op);
    expect(opDone.status).toBe('ready');
    const opDl = await call('GET', ExportRoutes.operatorExportDownload(a.id, theirs.body.id), op);
    expect(opDl.status).toBe(200);
    expect(unzipSync(opDl.zip!)['manifest.json']).toBeDefined();
    const tenant = await call<OperatorTenantDto>('GET', ApiRoutes.operatorTenant(a.id), op);
    expect(tenant.body.lastExportAt).not.toBeNull();

    const audit = await call<ListResponse<AuditEventDto>>('GET', ApiRoutes.officeAudit(a.slug), admin);
    const exported = audit.body.data.filter((e) => e.action === 'tenant.exported');
    expect(exported.map((e) => ({ by: e.actor.name, reason: e.changes?.['reason'], as: e.changes?.['requestedAs'] }))).toEqual(
      expect.arrayContaining([
        { by: 'Olaf Betreiber', reason: 'Übergabe an den neuen Dienstleister', as: 'operator' },
        { by: `admin of ${a.slug}`, reason: 'Archivierung zum Jahresende', as: 'tenant-admin' },
      ]),
    );
    // one per ready export: these two and the one requested while no worker ran (built once it started)
    expect(exported).toHaveLength(3);
    expect(exported.filter((e) => e.changes?.['requestedAs'] === 'tenant-admin').map((e) => e.actingRole)).toEqual(['tenant-admin', 'tenant-admin']);
    const other = await call<ListResponse<AuditEventDto>>('GET', ApiRoutes.officeAudit(b.slug), await tokenFor(b, 'admin'));
    expect(other.body.data.filter((e) => e.action === 'tenant.exported')).toEqual([]);
    const coop = await call<ListResponse<AuditEventDto>>('GET', ApiRoutes.operatorAudit, op);
    expect(coop.body.data.filter((e) => e.action === 'tenant.exported' && e.tenantSlug === a.slug).map((e) => e.changes?.['reason'])).toEqual(['Übergabe an den neuen Dienstleister']);
  });
});
