import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { FileStorage, S3Storage } from '@ratsinfo/api-files';
import { connect, fixtureAgs, type S3Server, startS3Server, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { type FileDto, FileRoutes } from '@ratsinfo/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Files over HTTP with FILE_STORAGE=s3 (docs/adr/0021-storage-and-metrics.md): the API started
 * on an S3-compatible server (s3rver, its own process), uploads streamed into the bucket,
 * downloads and byte ranges streamed out of it, a refused upload leaving no object and no pending
 * multipart upload. The full behaviour of files is files.http.spec.ts (local folder).
 */
jest.setTimeout(90_000);

const MAX_BYTES = 12 * 1024 * 1024;
let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;
let s3: S3Server;
let tenant: { id: string; slug: string; paper: string; clerk: string };

async function pdf(padding = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Bebauungsplan Nr. 12 – Begründung', { x: 50, y: 700, size: 14, font });
  // Incompressible bytes in the document's metadata make it as large as asked.
  if (padding) doc.setSubject(randomBytes(padding).toString('base64'));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function upload(bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('name', name);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `${name}.pdf`);
  const res = await fetch(base + FileRoutes.ownerFiles(tenant.slug, { kind: 'paper', id: tenant.paper }), {
    method: 'POST',
    headers: { authorization: `Bearer ${await issuer.token({ sub: tenant.clerk, organization: [tenant.slug], name: 'Sachbearbeitung' })}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as FileDto & { errors?: unknown }) : null };
}

async function bucketKeys(): Promise<string[]> {
  const out: string[] = [];
  for await (const b of app.get(FileStorage).list()) if (b.key.startsWith(`${tenant.id}/`)) out.push(b.key);
  return out.sort();
}

beforeAll(async () => {
  const env = testEnv();
  [issuer, s3, owner, admin] = await Promise.all([startTestIssuer(['ratsinfo']), startS3Server(), connect(env.ownerUrl), connect(env.adminUrl)]);
  const id = randomUUID();
  const slug = `s3-${id.slice(0, 8)}`;
  const clerk = randomUUID();
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, 'Speicherstadt', 'town', $3, $2)`, [id, slug, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const committee = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Bauausschuss', 'committee') RETURNING id`, [id]);
  const type = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
  const paper = await one(
    `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, 'BV/1/2026', 2026, 1, 'Bebauungsplan', '2026-11-02', true, 'released') RETURNING id`,
    [id, type],
  );
  await owner.query(`INSERT INTO consultations (tenant_id, paper_id, organization_id, position, authoritative) VALUES ($1, $2, $3, 1, true)`, [id, paper, committee]);
  await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, 'Sachbearbeitung', '{clerk}')`, [id, issuer.issuer(), clerk, `clerk@${slug}.example`]);
  await owner.query('COMMIT');
  tenant = { id, slug, paper, clerk };
  app = await createApp(
    loadConfig({
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      AUTH_URL: issuer.url,
      AUTH_REALM: 'ratsinfo',
      RATE_LIMIT_ENABLED: 'false',
      FILE_MAX_BYTES: String(MAX_BYTES),
      // Somewhere that must stay empty: the local folder is not used.
      FILE_STORAGE_DIR: `/nonexistent/ratsinfo-${id}`,
      ...s3.env,
    }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  if (tenant) await owner.query('DELETE FROM tenants WHERE id = $1', [tenant.id]);
  await owner?.end();
  await admin?.end();
  await issuer?.stop();
  await s3?.stop();
});

describe('files on S3 (FILE_STORAGE=s3)', () => {
  it('binds S3Storage as the one FileStorage', () => {
    expect(app.get(FileStorage)).toBeInstanceOf(S3Storage);
  });

  it('uploads a 9 MB PDF into the bucket (a multipart upload of two parts) under the version row key, and serves it whole, by range and on the portal', async () => {
    const bytes = await pdf(1_800_000);
    expect(bytes.length).toBeGreaterThan(9 * 1024 * 1024);
    await s3.takeRequests();
    const r = await upload(bytes, 'Begründung');
    expect(r.status).toBe(201);
    const parts = (await s3.takeRequests()).filter((q) => q.method === 'PUT' && q.query.includes('partNumber'));
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p.checksums['x-amz-checksum-crc32']).toBeDefined();
    const file = r.body!;
    expect(file.sha512Checksum).toBe(createHash('sha512').update(bytes).digest('hex'));
    const [row] = (await admin.query<{ storage_key: string }>('SELECT storage_key FROM file_versions WHERE file_id = $1', [file.id])).rows;
    expect(await bucketKeys()).toEqual([row!.storage_key]);
    expect(await app.get(FileStorage).stat(row!.storage_key)).toMatchObject({ size: bytes.length });
    expect(await s3.pendingUploads()).toEqual([]);

    const auth = { authorization: `Bearer ${await issuer.token({ sub: tenant.clerk, organization: [tenant.slug], name: 'Sachbearbeitung' })}` };
    const whole = await fetch(base + file.accessUrl, { headers: auth });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(base + file.accessUrl, { headers: { ...auth, range: 'bytes=100-8388708' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-8388708/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 8388709))).toBe(true);
    const portal = await fetch(base + FileRoutes.portalFileContent(tenant.slug, file.id), { headers: { range: 'bytes=0-3' } });
    expect(portal.status).toBe(206);
    expect(Buffer.from(await portal.arrayBuffer()).toString('latin1')).toBe('%PDF');
  });

  it('refuses an upload over FILE_MAX_BYTES (413) after parts were sent: no new object, no row, no pending multipart upload', async () => {
    const before = await bucketKeys();
    const bytes = await pdf(2_500_000);
    expect(bytes.length).toBeGreaterThan(MAX_BYTES);
    const r = await upload(bytes, 'Zu gross');
    expect(r.status).toBe(413);
    // The server cleans up after answering: give it a moment.
    for (let i = 0; i < 50 && ((await s3.pendingUploads()).length > 0 || (await bucketKeys()).length !== before.length); i++) await new Promise((res) => setTimeout(res, 100));
    expect(await bucketKeys()).toEqual(before);
    expect(await s3.pendingUploads()).toEqual([]);
    const rows = await admin.query(`SELECT 1 FROM files WHERE tenant_id = $1 AND name = 'Zu gross'`, [tenant.id]);
    expect(rows.rowCount).toBe(0);
  });
});
