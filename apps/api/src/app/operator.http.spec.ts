import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, createTenantWithRows, startTestIssuer, startWorkerProcess, testEnv, type TestIssuer, type WorkerProcess } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, ExportRoutes, type ListResponse, type OperatorTenantDto, ProblemType, type TenantExportDto } from '@ratsinfo/contracts';
import { strFromU8, unzipSync } from 'fflate';
import type { Client } from 'pg';
import { createApp } from './create-app';

/** Operator console API: lifecycle of a member authority, export and deletion without leftovers. */
let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  [owner, admin] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl)]);
  // The stack's storage, where the worker writes the export.
  const storage = process.env['FILE_STORAGE_DIR'];
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, ...(storage ? { FILE_STORAGE_DIR: storage } : {}) }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app.close();
  await Promise.all([owner.end(), admin.end()]);
  await issuer.stop();
});

jest.setTimeout(180_000);

const operator = () => issuer.token({ sub: 'op-1', name: 'Olaf Betreiber', realm_access: { roles: ['operator'] } });

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token ?? (await operator())}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res;
}

async function tenantTables(): Promise<string[]> {
  const { rows } = await admin.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('operator console API', () => {
  it('is closed to people without the operator role', async () => {
    const res = await call('GET', ApiRoutes.operatorTenants, undefined, await issuer.token({ sub: 'x', realm_access: { roles: ['offline_access'] } }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toBe(ProblemType.forbidden);
  });

  it('lists member authorities with their status', async () => {
    const res = await call('GET', ApiRoutes.operatorTenants);
    expect(res.status).toBe(200);
    const list = ((await res.json()) as ListResponse<OperatorTenantDto>).data;
    expect(list.find((t) => t.slug === 'elbe-parey')?.status).toBe('suspended');
  });

  it('rejects an onboarding with invalid fields, naming each', async () => {
    const res = await call('POST', ApiRoutes.operatorTenants, { name: 'X', kind: 'city', ags: '123', slug: 'Burg!', firstAdmin: { firstName: '', lastName: 'A', email: 'nope' } });
    expect(res.status).toBe(400);
    const names = ((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name).sort();
    expect(names).toEqual(['ags', 'firstAdmin.email', 'firstAdmin.firstName', 'kind', 'name', 'slug']);
  });

  it('refuses a slug that is taken', async () => {
    const res = await call('POST', ApiRoutes.operatorTenants, { name: 'Stadt Burg', kind: 'town', ags: '15086015', slug: 'burg', firstAdmin: { firstName: 'A', lastName: 'B', email: 'a@example.org' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { name: string }[] }).errors[0]?.name).toBe('slug');
  });

  it('suspends (public pages 410) and reactivates a member authority, audited', async () => {
    const t = await createTenantWithRows(owner, 'ops');
    try {
      expect((await call('POST', ApiRoutes.operatorTenantSuspend(t.id))).status).toBe(200);
      expect((await fetch(base + ApiRoutes.portalMeetings(t.slug))).status).toBe(410);
      expect((await call('POST', ApiRoutes.operatorTenantReactivate(t.id))).status).toBe(200);
      expect((await fetch(base + ApiRoutes.portalMeetings(t.slug))).status).toBe(200);
      const audit = ((await (await call('GET', ApiRoutes.operatorAudit)).json()) as ListResponse<AuditEventDto>).data.filter((e) => e.tenantSlug === t.slug);
      expect(audit.map((e) => e.action)).toEqual(['tenant.reactivated', 'tenant.suspended']);
      expect(audit[0]).toMatchObject({ actor: { subject: 'op-1', name: 'Olaf Betreiber' }, actingRole: 'operator' });
    } finally {
      await owner.query('DELETE FROM tenants WHERE id = $1', [t.id]);
    }
  });

  it('deletes a member authority only after an export and a typed confirmation, leaving no row in any tenant table', async () => {
    const t = await createTenantWithRows(owner, 'del');
    const tables = await tenantTables();
    const rowsOf = async () => {
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [t.id])).rows[0]!.n;
      return counts;
    };
    expect(Object.values(await rowsOf()).every((n) => n > 0)).toBe(true);

    expect((await call('DELETE', ApiRoutes.operatorTenant(t.id), { confirmSlug: t.slug })).status).toBe(409); // no export yet
    // A tenant admin's export is not the hand-over: only an operator's, once ready.
    const requested = await call('POST', ApiRoutes.operatorTenantExport(t.id), { reason: 'Übergabe vor der Löschung' });
    expect(requested.status).toBe(202);
    const exportId = ((await requested.json()) as TenantExportDto).id;
    expect((await call('DELETE', ApiRoutes.operatorTenant(t.id), { confirmSlug: t.slug })).status).toBe(409); // requested, not ready
    const worker: WorkerProcess = await startWorkerProcess();
    let ready: TenantExportDto | null = null;
    try {
      for (let i = 0; i < 600 && ready?.status !== 'ready'; i++) {
        ready = (await (await call('GET', ExportRoutes.operatorExport(t.id, exportId))).json()) as TenantExportDto;
        if (ready.status === 'failed') throw new Error(`export failed: ${ready.error}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    expect(ready?.status).toBe('ready');
    const exported = await call('GET', ExportRoutes.operatorExportDownload(t.id, exportId));
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/zip');
    expect(exported.headers.get('content-disposition')).toContain(`ratsinfo-export-${t.slug}`);
    const files = unzipSync(new Uint8Array(await exported.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.counts).toMatchObject({ organizations: 1, persons: 1, memberships: 1, agendaItems: 2, userAccounts: 1, supportAccessGrants: 1, papers: 2, files: 1, fileVersions: 1, meetingAttendances: 1, namedVotes: 1, voteConflicts: 1, resolutions: 1, resolutionNotes: 1 });
    const meetings = JSON.parse(strFromU8(files['meetings.json']!));
    expect(meetings[0]).toMatchObject({ type: 'https://schema.oparl.org/1.1/Meeting', name: 'Sitzung' });
    expect(JSON.parse(strFromU8(files['body.json']!))).toMatchObject({ type: 'https://schema.oparl.org/1.1/Body', name: 'Testgemeinde del' });

    expect((await call('DELETE', ApiRoutes.operatorTenant(t.id), { confirmSlug: t.slug })).status).toBe(409); // still active
    expect((await call('POST', ApiRoutes.operatorTenantSuspend(t.id))).status).toBe(200);
    const wrong = await call('DELETE', ApiRoutes.operatorTenant(t.id), { confirmSlug: 'something-else' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { name: string }[] }).errors[0]?.name).toBe('confirmSlug');

    expect((await call('DELETE', ApiRoutes.operatorTenant(t.id), { confirmSlug: t.slug })).status).toBe(204);
    expect(Object.entries(await rowsOf()).filter(([, n]) => n > 0)).toEqual([]);
    expect((await admin.query('SELECT 1 FROM tenants WHERE id = $1', [t.id])).rowCount).toBe(0);
    const audit = ((await (await call('GET', ApiRoutes.operatorAudit)).json()) as ListResponse<AuditEventDto>).data.filter((e) => e.tenantSlug === t.slug);
    expect(audit.map((e) => e.action)).toEqual(['tenant.deleted', 'tenant.suspended', 'tenant.exported']);
  });
});
