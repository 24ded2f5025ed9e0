import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, fixtureAgs, testEnv } from '@ratsinfo/api-testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The bytes behind OParl's File.accessUrl and File.downloadUrl, over HTTP against the real stack:
 * inline and attachment with the original name, ranges and 304, open to any origin without
 * cookies; 410 for a file that was public and is deleted; 404 for anything not public (a public
 * file of a non-public paper or item, a draft's file), unknown, malformed or another authority's.
 */
jest.setTimeout(60_000);

let app: INestApplication;
let base: string;
let owner: Client;
let storageDir: string;

interface Fixture {
  id: string;
  slug: string;
  files: Record<string, string>;
}
let t: Fixture;
let other: Fixture;

const BYTES = Buffer.from('%PDF-1.7\n' + 'Haushaltssatzung 2027 – Anlage Lageplan\n'.repeat(40) + '%%EOF\n');

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `oparl-files-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, $3, 'town', $4)`, [id, slug, `Dateistadt ${label}`, fixtureAgs()]);
  await mkdir(join(storageDir, id), { recursive: true });
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const type = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
  let seq = 0;
  const paper = (isPublic: boolean, status: string, deleted = false) =>
    one(
      `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status, deleted_at) VALUES ($1, $2, $3, 2026, $4, 'Vorlage', '2026-11-02', $5, $6, $7) RETURNING id`,
      [id, type, `BV/${++seq}/2026`, seq, isPublic, status, deleted ? new Date() : null],
    );
  const meeting = await one(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now()) RETURNING id`, [id, org]);
  const hiddenItem = await one(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 1, 'Vertraulich', false) RETURNING id`, [id, meeting]);
  const owners = { publicPaper: await paper(true, 'released'), hiddenPaper: await paper(false, 'released'), draftPaper: await paper(true, 'draft'), deletedPaper: await paper(true, 'released', true) };
  const files: Record<string, string> = {};
  const file = async (key: string, column: string, ownerId: string, opts: { public?: boolean; deleted?: boolean } = {}) => {
    files[key] = await one(`INSERT INTO files (tenant_id, name, public, ${column}, deleted_at) VALUES ($1, 'Lageplan', $2, $3, $4) RETURNING id`, [id, opts.public ?? true, ownerId, opts.deleted ? new Date() : null]);
    const storageKey = `${id}/${randomUUID()}`;
    await writeFile(join(storageDir, storageKey), BYTES);
    await owner.query(
      `INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 1, 'Lageplan Süd.pdf', 'application/pdf', $3, $4, $5)`,
      [id, files[key], BYTES.length, createHash('sha512').update(BYTES).digest('hex'), storageKey],
    );
  };
  await file('public', 'paper_id', owners.publicPaper);
  await file('ofMeeting', 'meeting_id', meeting);
  await file('nonPublic', 'paper_id', owners.publicPaper, { public: false });
  await file('ofHiddenPaper', 'paper_id', owners.hiddenPaper);
  await file('ofDraft', 'paper_id', owners.draftPaper);
  await file('ofHiddenItem', 'agenda_item_id', hiddenItem);
  await file('deleted', 'paper_id', owners.publicPaper, { deleted: true });
  await file('ofDeletedPaper', 'paper_id', owners.deletedPaper);
  await owner.query('COMMIT');
  return { id, slug, files };
}

beforeAll(async () => {
  const env = testEnv();
  owner = await connect(env.ownerUrl);
  storageDir = await mkdtemp(join(tmpdir(), 'ratsinfo-oparl-files-'));
  t = await createFixture('a');
  other = await createFixture('b');
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: env.authUrl, FILE_STORAGE_DIR: storageDir, RATE_LIMIT_ENABLED: 'false' }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await rm(storageDir, { recursive: true, force: true });
});

const path = (f: Fixture, id: string, kind: 'access' | 'download') => `/oparl/v1.1/bodies/${f.slug}/files/${encodeURIComponent(id)}/${kind}`;

async function get(p: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + p, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes };
}

describe('OParl file bytes', () => {
  it('accessUrl: the bytes inline with the original name, any origin, no cookie', async () => {
    const r = await get(path(t, t.files['public']!, 'access'), { origin: 'https://crawler.example' });
    expect(r.status).toBe(200);
    expect(r.bytes.equals(BYTES)).toBe(true);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toMatch(/^inline; filename="Lageplan S\?d\.pdf"; filename\*=UTF-8''Lageplan%20S%C3%BCd\.pdf$/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(r.headers.get('etag')).toMatch(/^"sha512-[0-9a-f]{32}"$/);
  });

  it('downloadUrl: the same bytes as an attachment; a meeting’s public file too', async () => {
    const r = await get(path(t, t.files['public']!, 'download'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(r.bytes.equals(BYTES)).toBe(true);
    expect((await get(path(t, t.files['ofMeeting']!, 'download'))).status).toBe(200);
  });

  it('ranges and If-None-Match', async () => {
    const part = await get(path(t, t.files['public']!, 'access'), { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('%PDF-1.7');
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${BYTES.length}`);
    const etag = part.headers.get('etag')!;
    const again = await get(path(t, t.files['public']!, 'access'), { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('a file that was public and is deleted (itself or with its paper) is 410 Gone, as problem+json with CORS', async () => {
    for (const key of ['deleted', 'ofDeletedPaper']) {
      for (const kind of ['access', 'download'] as const) {
        const r = await get(path(t, t.files[key]!, kind));
        expect(r.status).toBe(410);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.headers.get('access-control-allow-origin')).toBe('*');
        expect(r.bytes.toString()).not.toContain('%PDF');
      }
    }
  });

  it('not public, unknown, malformed or another authority’s: 404, never the bytes', async () => {
    const cases = [
      path(t, t.files['nonPublic']!, 'access'),
      path(t, t.files['ofHiddenPaper']!, 'access'),
      path(t, t.files['ofDraft']!, 'download'),
      path(t, t.files['ofHiddenItem']!, 'access'),
      path(t, randomUUID(), 'access'),
      path(t, 'not-a-file', 'access'),
      // the other authority's public file, asked for under this one's body
      path(t, other.files['public']!, 'access'),
      path(other, t.files['public']!, 'download'),
    ];
    for (const p of cases) {
      const r = await get(p);
      expect({ p, status: r.status }).toEqual({ p, status: 404 });
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.bytes.toString()).not.toContain('%PDF');
    }
    // the other authority's own route serves it
    expect((await get(path(other, other.files['public']!, 'access'))).status).toBe(200);
  });

  it('hostile ids are refused as problem+json, never a 500', async () => {
    for (const id of ['%00', 'a'.repeat(2000), '..%2F..%2Fetc%2Fpasswd']) {
      const r = await fetch(`${base}/oparl/v1.1/bodies/${t.slug}/files/${id}/access`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const unknown = await get(`${path(t, t.files['public']!, 'access')}?q=%00`);
    expect(unknown.status).toBe(400);
    expect(unknown.bytes.toString()).toContain('q');
  });
});
