import type { INestApplication } from '@nestjs/common';
import { loadConfig, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { FilesService, OrphanBlobSweeper } from '@ratsinfo/api-files';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { type FileDetailDto, type FileDto, FileRoutes, ProblemType } from '@ratsinfo/contracts';
import { zipSync } from 'fflate';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Files over HTTP against the real stack: real multipart bodies, real bytes on disk, the real
 * database as the application role. Forged, oversized, broken and truncated uploads leave
 * neither a row nor a blob; downloads follow the visibility rule (404, never 403).
 */
const MAX_BYTES = 64 * 1024;
let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;
let storageDir: string;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'clerk' | 'member' | 'outsider', string>;
  /** Public, released; deliberated by a committee the member is not on. */
  paperOtherCommittee: string;
  /** Non-public, released; deliberated by the member's committee. */
  paperOwnCommittee: string;
  draftPaper: string;
  meeting: string;
  agendaItem: string;
  person: string;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `files-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Dateistadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string, type: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, $3) RETURNING id`, [id, name, type]);
  await org('Stadtrat', 'council');
  const own = await org('Bauausschuss', 'committee');
  const otherCommittee = await org('Finanzausschuss', 'committee');
  const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, person, own]);
  const type = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
  let seq = 0;
  const paper = async (isPublic: boolean, status: string, committee: string) => {
    seq++;
    const p = await one(
      `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, $3, 2026, $4, 'Vorlage', '2026-11-02', $5, $6) RETURNING id`,
      [id, type, `BV/${seq}/2026`, seq, isPublic, status],
    );
    await owner.query(`INSERT INTO consultations (tenant_id, paper_id, organization_id, position, authoritative) VALUES ($1, $2, $3, 1, true)`, [id, p, committee]);
    return p;
  };
  const paperOtherCommittee = await paper(true, 'released', otherCommittee);
  const paperOwnCommittee = await paper(false, 'released', own);
  const draftPaper = await paper(true, 'draft', own);
  const meeting = await one(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now()) RETURNING id`, [id, otherCommittee]);
  const agendaItem = await one(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 1, 'Vertraulich', false) RETURNING id`, [id, meeting]);
  const subs = { clerk: randomUUID(), member: randomUUID(), outsider: randomUUID() };
  for (const [who, role, personId] of [['clerk', 'clerk', null], ['member', 'member', person], ['outsider', 'member', null]] as const) {
    await owner.query(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
      [id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
    );
  }
  await owner.query('COMMIT');
  return { id, slug, subs, paperOtherCommittee, paperOwnCommittee, draftPaper, meeting, agendaItem, person };
}

const token = (f: Fixture, who: keyof Fixture['subs'] = 'clerk') => issuer.token({ sub: f.subs[who], organization: [f.slug], name: `${who} Schreiber` });

// ---- real documents -------------------------------------------------------------------------

async function pdf(pages = 1, text = 'Haushaltssatzung 2027'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage().drawText(`${text} – Seite ${i + 1}`, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

const enc = (s: string) => new TextEncoder().encode(s);
function docx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': enc(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': enc('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Anlage</w:t></w:r></w:p></w:body></w:document>'),
    }),
  );
}
function odt(): Buffer {
  return Buffer.from(
    zipSync({
      mimetype: [enc('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': enc('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
    }),
  );
}
/** A minimal Excel workbook: the sniffer needs the spreadsheet's main part named in [Content_Types].xml (or an xl/ entry). */
function xlsx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': enc(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
      'xl/workbook.xml': enc('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Haushalt" sheetId="1"/></sheets></workbook>'),
    }),
  );
}
/** A minimal OpenDocument spreadsheet: the uncompressed `mimetype` entry comes first. */
function ods(): Buffer {
  return Buffer.from(
    zipSync({
      mimetype: [enc('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': enc('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
    }),
  );
}
/** A ZIP that only looks like Office Open XML: a [Content_Types].xml, but no workbook in it. */
function forgedXlsx(): Buffer {
  return Buffer.from(zipSync({ '[Content_Types].xml': enc('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), 'docProps/app.xml': enc('<Properties/>') }));
}
const png = () => Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.alloc(200, 0x11), Buffer.from([0xff, 0xd9])]);

// ---- HTTP -------------------------------------------------------------------------------------

interface Part {
  field?: string;
  name: string;
  type: string;
  bytes: Buffer;
}

async function upload(path: string, bearer: string, parts: Part[], fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of parts) form.append(p.field ?? 'file', new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
  const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, ...headers }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function call(method: string, path: string, bearer: string | null, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') && bytes.length ? JSON.parse(bytes.toString('utf8')) : null;
  return { status: res.status, headers: res.headers, bytes, body: json };
}

const rows = async (tenantId: string) =>
  (await admin.query<{ storage_key: string; file_name: string }>('SELECT storage_key, file_name FROM file_versions WHERE tenant_id = $1', [tenantId])).rows;
const blobs = async (tenantId: string) => (await readdir(join(storageDir, tenantId)).catch(() => [] as string[])).map((n) => `${tenantId}/${n}`);

/** Every blob on disk belongs to a row and every row has its blob: nothing half-written. */
async function expectStorageConsistent(tenantId: string) {
  // The server cleans up after answering (or after the client vanished): give it a moment.
  for (let i = 0; i < 50; i++) {
    const [r, b] = [await rows(tenantId), await blobs(tenantId)];
    if (r.map((x) => x.storage_key).sort().join() === b.sort().join()) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  expect(await blobs(tenantId)).toEqual((await rows(tenantId)).map((x) => x.storage_key).sort());
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  storageDir = await mkdtemp(join(tmpdir(), 'ratsinfo-files-'));
  t = await createFixture('a');
  other = await createFixture('b');
  app = await createApp(
    loadConfig({
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      AUTH_URL: issuer.url,
      AUTH_REALM: 'ratsinfo',
      FILE_STORAGE_DIR: storageDir,
      FILE_MAX_BYTES: String(MAX_BYTES),
      RATE_LIMIT_ENABLED: 'false',
    }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
  await issuer.stop();
  await rm(storageDir, { recursive: true, force: true });
});

describe('uploads', () => {
  it('stores a real PDF with its SHA-512, sniffed type, audit entry and text-extraction event', async () => {
    const bytes = await pdf(3);
    const r = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'Vorlage BV-1.pdf', type: 'application/pdf', bytes }], { name: 'Vorlage', main: 'true' });
    expect(r.status).toBe(201);
    const file = r.body as FileDto;
    expect(file).toMatchObject({ name: 'Vorlage', fileName: 'Vorlage BV-1.pdf', mimeType: 'application/pdf', size: bytes.length, public: true, version: 1, currentVersion: 1, main: true, owner: { kind: 'paper', id: t.paperOtherCommittee } });
    expect(file.sha512Checksum).toBe(createHash('sha512').update(bytes).digest('hex'));
    expect(file.accessUrl).toBe(FileRoutes.fileContent(t.slug, file.id));
    const [row] = (await admin.query('SELECT storage_key, mime_type FROM file_versions WHERE file_id = $1', [file.id])).rows;
    expect(row.storage_key).toMatch(new RegExp(`^${t.id}/[0-9a-f-]{36}$`));
    expect((await admin.query('SELECT main_file_id FROM papers WHERE id = $1', [t.paperOtherCommittee])).rows[0].main_file_id).toBe(file.id);
    const outbox = await admin.query(`SELECT payload FROM outbox_events WHERE tenant_id = $1 AND topic = 'file.text-extraction-requested' AND payload->>'fileId' = $2`, [t.id, file.id]);
    expect(outbox.rows.map((e) => e.payload)).toEqual([{ fileId: file.id, versionNumber: 1 }]);
    const audit = await admin.query(`SELECT actor_name FROM audit_events WHERE tenant_id = $1 AND action = 'file.uploaded' AND entity_id = $2`, [t.id, file.id]);
    expect(audit.rows).toEqual([{ actor_name: 'clerk Schreiber' }]);
    const download = await call('GET', file.accessUrl, await token(t));
    expect(download.status).toBe(200);
    expect(download.bytes.equals(bytes)).toBe(true);
  });

  it.each([
    ['Anlage.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx],
    ['Anlage.odt', 'application/vnd.oasis.opendocument.text', odt],
    ['Haushaltsplan.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx],
    ['Stellenplan.ods', 'application/vnd.oasis.opendocument.spreadsheet', ods],
    ['Lageplan.png', 'image/png', png],
    ['Foto.jpg', 'image/jpeg', jpeg],
  ])('accepts %s as %s, also when the browser claims octet-stream', async (name, mime, make) => {
    const r = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'meeting', id: t.meeting }), await token(t), [{ name, type: 'application/octet-stream', bytes: make() }]);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ fileName: name, mimeType: mime, name: name.replace(/\.[a-z]+$/, '') });
  });

  it.each([
    ['an HTML page named .pdf', 'rechnung.pdf', 'application/pdf', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['a Windows program named .pdf', 'vorlage.pdf', 'application/pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(400)])],
    ['a PDF named .docx', 'brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['a PDF sent as image/png', 'scan.pdf', 'image/png', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['a ZIP archive', 'archiv.zip', 'application/zip', Buffer.from(zipSync({ 'a.txt': enc('hallo') }))],
    ['a ZIP without a workbook named .xlsx', 'Haushalt.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', forgedXlsx()],
    ['a Word document named .xlsx', 'Kosten.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', docx()],
    ['an OpenDocument text named .ods', 'Tabelle.ods', 'application/vnd.oasis.opendocument.spreadsheet', odt()],
  ])('refuses %s with 415 naming the file, and keeps nothing', async (_what, name, type, bytes) => {
    const r = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name, type, bytes }]);
    expect(r.status).toBe(415);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.type).toBe(ProblemType.unsupportedMediaType);
    expect(r.body.detail).toContain(`"${name}"`);
    expect((await rows(t.id)).map((x) => x.file_name)).not.toContain(name);
    await expectStorageConsistent(t.id);
  });

  it('refuses an upload over FILE_MAX_BYTES with 413 naming the file and the limit, leaving no blob and no row', async () => {
    const big = Buffer.concat([await pdf(), Buffer.alloc(MAX_BYTES * 2, 0x20)]);
    const before = (await rows(t.id)).length;
    const r = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'Riesig.pdf', type: 'application/pdf', bytes: big }]);
    expect(r.status).toBe(413);
    expect(r.body.type).toBe(ProblemType.payloadTooLarge);
    expect(r.body.detail).toContain('"Riesig.pdf"');
    expect(r.body.detail).toContain(String(MAX_BYTES));
    expect((await rows(t.id)).length).toBe(before);
    await expectStorageConsistent(t.id);
  });

  it('needs exactly one file part, multipart, and known fields (400/415), writing nothing', async () => {
    const path = FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee });
    const before = (await rows(t.id)).length;
    const none = await upload(path, await token(t), [], { name: 'Ohne Datei' });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ name: 'file', reason: expect.stringContaining('required') }]);
    const two = await upload(path, await token(t), [
      { name: 'a.pdf', type: 'application/pdf', bytes: await pdf() },
      { name: 'b.pdf', type: 'application/pdf', bytes: await pdf() },
    ]);
    expect(two.status).toBe(400);
    expect(two.body.errors[0].name).toBe('file');
    const unknown = await upload(path, await token(t), [{ name: 'a.pdf', type: 'application/pdf', bytes: await pdf() }], { colour: 'rot' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ name: 'colour', reason: 'unknown field' }]);
    const json = await call('POST', path, await token(t), { body: { file: 'x' } });
    expect(json.status).toBe(415);
    const mainElsewhere = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'meeting', id: t.meeting }), await token(t), [{ name: 'a.pdf', type: 'application/pdf', bytes: await pdf() }], { main: 'true' });
    expect(mainElsewhere.status).toBe(400);
    expect((await rows(t.id)).length).toBe(before);
    await expectStorageConsistent(t.id);
  });

  it('answers a broken boundary with 400 and keeps nothing', async () => {
    const path = FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee });
    const before = (await rows(t.id)).length;
    const body = `--other\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${(await pdf()).toString('latin1')}\r\n--other--\r\n`;
    const wrong = await call('POST', path, await token(t), { headers: { 'content-type': 'multipart/form-data; boundary=expected' } });
    expect(wrong.status).toBe(400);
    const r = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${await token(t)}`, 'content-type': 'multipart/form-data; boundary=expected' }, body: Buffer.from(body, 'latin1') });
    expect(r.status).toBe(400);
    const noBoundary = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${await token(t)}`, 'content-type': 'multipart/form-data' }, body: Buffer.from(body, 'latin1') });
    expect(noBoundary.status).toBe(400);
    expect((await rows(t.id)).length).toBe(before);
    await expectStorageConsistent(t.id);
  });

  it('leaves no row and no blob when the client aborts mid-upload, and stays healthy', async () => {
    const before = (await rows(t.id)).length;
    const url = new URL(base + FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }));
    const head = `--cut\r\nContent-Disposition: form-data; name="file"; filename="abgebrochen.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const bearer = await token(t);
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'multipart/form-data; boundary=cut', 'content-length': '50000' } });
      req.on('error', () => resolve());
      req.write(head);
      pdf().then((bytes) => {
        req.write(bytes.subarray(0, 500));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
    });
    await new Promise((res) => setTimeout(res, 300));
    expect((await rows(t.id)).length).toBe(before);
    await expectStorageConsistent(t.id);
    const ok = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'danach.pdf', type: 'application/pdf', bytes: await pdf() }]);
    expect(ok.status).toBe(201);
  });

  it('removes the blob again when the transaction that records it fails', async () => {
    await admin.query(`CREATE OR REPLACE FUNCTION test_refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await admin.query(`CREATE TRIGGER test_refuse_file BEFORE INSERT ON file_versions FOR EACH ROW WHEN (NEW.file_name = 'db-refuses-this.pdf') EXECUTE FUNCTION test_refuse_file()`);
    try {
      const before = (await rows(t.id)).length;
      const r = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'db-refuses-this.pdf', type: 'application/pdf', bytes: await pdf() }]);
      expect(r.status).toBeGreaterThanOrEqual(500);
      expect((await rows(t.id)).length).toBe(before);
      expect((await admin.query(`SELECT count(*)::int AS n FROM files WHERE tenant_id = $1 AND name = 'db-refuses-this'`, [t.id])).rows[0].n).toBe(0);
      await expectStorageConsistent(t.id);
    } finally {
      await admin.query('DROP TRIGGER test_refuse_file ON file_versions');
      await admin.query('DROP FUNCTION test_refuse_file()');
    }
  });

  it('takes only images as a person’s photo; a second photo is a new version', async () => {
    const path = FileRoutes.personPhoto(t.slug, t.person);
    const refused = await upload(path, await token(t), [{ name: 'foto.pdf', type: 'application/pdf', bytes: await pdf() }]);
    expect(refused.status).toBe(415);
    const first = await upload(path, await token(t), [{ name: 'Maria.png', type: 'image/png', bytes: png() }]);
    expect(first.status).toBe(201);
    const second = await upload(path, await token(t), [{ name: 'Maria neu.jpg', type: 'image/jpeg', bytes: jpeg() }]);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, currentVersion: 2, mimeType: 'image/jpeg' });
    expect((await admin.query('SELECT photo_file_id FROM persons WHERE id = $1', [t.person])).rows[0].photo_file_id).toBe(first.body.id);
  });

  it('removes a person’s photo with If-Match on the file (the office person page’s “Foto entfernen”): audited, then none; members 403, another authority 404, stale 412', async () => {
    const path = FileRoutes.personPhoto(t.slug, t.person);
    const up = await upload(path, await token(t), [{ name: 'Maria.png', type: 'image/png', bytes: png() }]);
    expect(up.status).toBe(201);
    const photo = up.body as FileDto;
    const target = FileRoutes.file(t.slug, photo.id);
    const ifMatch = { 'if-match': `"${photo.version}"` };
    expect((await call('DELETE', FileRoutes.file(other.slug, photo.id), await token(other), { headers: ifMatch })).status).toBe(404);
    expect([403, 404]).toContain((await call('DELETE', target, await token(other), { headers: ifMatch })).status);
    expect((await call('DELETE', target, await token(t, 'member'), { headers: ifMatch })).status).toBe(403);
    const stale = await call('DELETE', target, await token(t), { headers: { 'if-match': `"${photo.version + 7}"` } });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe(ProblemType.staleVersion);
    expect((await admin.query('SELECT photo_file_id FROM persons WHERE id = $1', [t.person])).rows[0].photo_file_id).toBe(photo.id);

    expect((await call('DELETE', target, await token(t), { headers: ifMatch })).status).toBe(204);
    expect((await admin.query('SELECT photo_file_id FROM persons WHERE id = $1', [t.person])).rows[0].photo_file_id).toBeNull();
    const audit = await admin.query(`SELECT actor_name FROM audit_events WHERE tenant_id = $1 AND action = 'file.deleted' AND entity_id = $2`, [t.id, photo.id]);
    expect(audit.rows).toEqual([{ actor_name: 'clerk Schreiber' }]);
    expect((await call('GET', FileRoutes.fileContent(t.slug, photo.id), await token(t))).status).toBe(404);
    // The next upload is a new photo (a new file), not a version of the removed one.
    const again = await upload(path, await token(t), [{ name: 'Maria 2026.jpg', type: 'image/jpeg', bytes: jpeg() }]);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(photo.id);
    expect(again.body.currentVersion).toBe(1);
    expect((await admin.query('SELECT photo_file_id FROM persons WHERE id = $1', [t.person])).rows[0].photo_file_id).toBe(again.body.id);
  });

  it('refuses uploads by members (403) and to owners of another authority (404)', async () => {
    const byMember = await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOwnCommittee }), await token(t, 'member'), [{ name: 'a.pdf', type: 'application/pdf', bytes: await pdf() }]);
    expect(byMember.status).toBe(403);
    const foreign = await upload(FileRoutes.ownerFiles(other.slug, { kind: 'paper', id: t.paperOwnCommittee }), await token(other), [{ name: 'a.pdf', type: 'application/pdf', bytes: await pdf() }]);
    expect(foreign.status).toBe(404);
    await expectStorageConsistent(other.id);
  });
});

describe('versions and edits', () => {
  let file: FileDto;
  let v1: Buffer;
  let v2: Buffer;

  beforeAll(async () => {
    v1 = await pdf(1, 'Fassung eins');
    v2 = await pdf(2, 'Fassung zwei');
    file = (await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'Änderungsantrag Grünfläche.pdf', type: 'application/pdf', bytes: v1 }], { name: 'Änderungsantrag' })).body;
  });

  it('adds version 2 with If-Match and keeps version 1 downloadable', async () => {
    const path = FileRoutes.fileVersions(t.slug, file.id);
    const without = await upload(path, await token(t), [{ name: 'x.pdf', type: 'application/pdf', bytes: v2 }]);
    expect(without.status).toBe(428);
    const stale = await upload(path, await token(t), [{ name: 'x.pdf', type: 'application/pdf', bytes: v2 }], {}, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ id: file.id, version: 1 });
    const r = await upload(path, await token(t), [{ name: 'Änderungsantrag Grünfläche v2.pdf', type: 'application/pdf', bytes: v2 }], {}, { 'if-match': `"${file.version}"` });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ currentVersion: 2, version: 2, size: v2.length });
    const detail = await call('GET', FileRoutes.file(t.slug, file.id), await token(t));
    expect(detail.headers.get('etag')).toBe('"2"');
    expect((detail.body as FileDetailDto).versions.map((v) => [v.number, v.fileName])).toEqual([
      [2, 'Änderungsantrag Grünfläche v2.pdf'],
      [1, 'Änderungsantrag Grünfläche.pdf'],
    ]);
    const current = await call('GET', FileRoutes.fileContent(t.slug, file.id), await token(t));
    expect(current.bytes.equals(v2)).toBe(true);
    const old = await call('GET', `${FileRoutes.fileContent(t.slug, file.id)}?version=1`, await token(t));
    expect(old.bytes.equals(v1)).toBe(true);
    expect(old.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Änderungsantrag Grünfläche.pdf')}`);
    expect((await call('GET', `${FileRoutes.fileContent(t.slug, file.id)}?version=9`, await token(t))).status).toBe(404);
    const events = await admin.query(`SELECT payload FROM outbox_events WHERE topic = 'file.text-extraction-requested' AND payload->>'fileId' = $1 ORDER BY created_at`, [file.id]);
    expect(events.rows.map((e) => e.payload.versionNumber)).toEqual([1, 2]);
    file = r.body;
  });

  it('lets only one of two concurrent new versions over the same version win; the loser leaves no blob', async () => {
    const path = FileRoutes.fileVersions(t.slug, file.id);
    const send = async (label: string) => upload(path, await token(t), [{ name: `${label}.pdf`, type: 'application/pdf', bytes: await pdf(1, label) }], {}, { 'if-match': `"${file.version}"` });
    const results = await Promise.all([send('Gleichzeitig A'), send('Gleichzeitig B')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 412]);
    const winner = results.find((r) => r.status === 201)!.body as FileDto;
    expect(winner.currentVersion).toBe(file.currentVersion + 1);
    await expectStorageConsistent(t.id);
    file = winner;
  });

  it('renames and unpublishes with If-Match (412 on a stale version), audited', async () => {
    const path = FileRoutes.file(t.slug, file.id);
    expect((await call('PATCH', path, await token(t), { body: { name: 'Neu' } })).status).toBe(428);
    expect((await call('PATCH', path, await token(t), { body: { name: 'Neu' }, headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect((await call('PATCH', path, await token(t), { body: { colour: 'rot' }, headers: { 'if-match': `"${file.version}"` } })).status).toBe(400);
    const r = await call('PATCH', path, await token(t), { body: { name: 'Änderungsantrag (Fassung 2)', public: false }, headers: { 'if-match': `"${file.version}"` } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Änderungsantrag (Fassung 2)', public: false, version: file.version + 1 });
    const main = await call('PATCH', path, await token(t), { body: { main: true }, headers: { 'if-match': `"${r.body.version}"` } });
    expect(main.body).toMatchObject({ main: true, version: r.body.version + 1 });
    expect((await admin.query('SELECT main_file_id FROM papers WHERE id = $1', [t.paperOtherCommittee])).rows[0].main_file_id).toBe(file.id);
    r.body = main.body;
    const audit = await admin.query(`SELECT changes FROM audit_events WHERE action = 'file.updated' AND entity_id = $1 ORDER BY occurred_at`, [file.id]);
    expect(audit.rows.map((a) => a.changes)).toEqual([
      { name: { before: 'Änderungsantrag', after: 'Änderungsantrag (Fassung 2)' }, public: { before: true, after: false } },
      { main: { before: false, after: true } },
    ]);
    file = r.body;
  });

  it('soft-deletes with If-Match; the file is then gone (404) but its row stays', async () => {
    const extra = (await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'weg.pdf', type: 'application/pdf', bytes: await pdf() }], { main: 'true' })).body as FileDto;
    const path = FileRoutes.file(t.slug, extra.id);
    expect((await call('DELETE', path, await token(t))).status).toBe(428);
    expect((await call('DELETE', path, await token(t), { headers: { 'if-match': '"1"' } })).status).toBe(204);
    expect((await call('GET', path, await token(t))).status).toBe(404);
    expect((await call('GET', FileRoutes.fileContent(t.slug, extra.id), await token(t))).status).toBe(404);
    expect((await admin.query('SELECT deleted_at IS NOT NULL AS gone FROM files WHERE id = $1', [extra.id])).rows[0].gone).toBe(true);
    expect((await admin.query('SELECT main_file_id FROM papers WHERE id = $1', [t.paperOtherCommittee])).rows[0].main_file_id).toBeNull();
    const list = await call('GET', FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t));
    expect((list.body.data as FileDto[]).map((f) => f.id)).not.toContain(extra.id);
  });
});

describe('downloads', () => {
  let file: FileDto;
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = await pdf(4, 'Bebauungsplan Nr. 12 „Am Mühlenteich“');
    file = (await upload(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), await token(t), [{ name: 'Bebauungsplan Mühlenteich – Begründung.pdf', type: 'application/pdf', bytes }], { public: 'true' })).body;
  });

  it('sends inline by default, attachment with ?download=1, the original name per RFC 6266/5987, nosniff', async () => {
    const inline = await call('GET', file.accessUrl, await token(t));
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = inline.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^inline; filename="Bebauungsplan M\?hlenteich \? Begr\?ndung\.pdf"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''Bebauungsplan%20M%C3%BChlenteich%20%E2%80%93%20Begr%C3%BCndung.pdf`);
    expect(inline.headers.get('cache-control')).toContain('no-store');
    const attachment = await call('GET', file.downloadUrl, await token(t));
    expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(attachment.bytes.equals(bytes)).toBe(true);
  });

  it('answers byte ranges exactly (206), 416 when unsatisfiable, the whole file for several ranges', async () => {
    const r = await call('GET', file.accessUrl, await token(t), { headers: { range: 'bytes=10-99' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 10-99/${bytes.length}`);
    expect(r.bytes.equals(bytes.subarray(10, 100))).toBe(true);
    const tail = await call('GET', file.accessUrl, await token(t), { headers: { range: 'bytes=-20' } });
    expect(tail.bytes.equals(bytes.subarray(bytes.length - 20))).toBe(true);
    const beyond = await call('GET', file.accessUrl, await token(t), { headers: { range: `bytes=${bytes.length + 10}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const several = await call('GET', file.accessUrl, await token(t), { headers: { range: 'bytes=0-9,500-599' } });
    expect(several.status).toBe(200);
    expect(several.bytes.equals(bytes)).toBe(true);
  });

  it('gives an ETag from the SHA-512 and 304 for If-None-Match; HEAD sends the headers only', async () => {
    const first = await call('GET', file.accessUrl, await token(t));
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"sha512-${file.sha512Checksum.slice(0, 32)}"`);
    const again = await call('GET', file.accessUrl, await token(t), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await call('HEAD', file.accessUrl, await token(t));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.bytes.length).toBe(0);
  });

  it('serves a public file of a public paper on the portal, with public cache headers', async () => {
    const portal = await call('GET', FileRoutes.portalFileContent(t.slug, file.id), null);
    expect(portal.status).toBe(200);
    expect(portal.bytes.equals(bytes)).toBe(true);
    expect(portal.headers.get('cache-control')).toBe('public, no-cache');
    const etag = portal.headers.get('etag')!;
    expect((await call('GET', FileRoutes.portalFileContent(t.slug, file.id), null, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const range = await call('GET', FileRoutes.portalFileContent(t.slug, file.id), null, { headers: { range: 'bytes=0-3' } });
    expect(range.bytes.toString('latin1')).toBe('%PDF');
  });
});

describe('who may read a file (404, never 403)', () => {
  const files: Record<string, FileDto> = {};

  beforeAll(async () => {
    const up = async (key: string, ownerRef: Parameters<typeof FileRoutes.ownerFiles>[1], isPublic: boolean) => {
      files[key] = (await upload(FileRoutes.ownerFiles(t.slug, ownerRef), await token(t), [{ name: `${key}.pdf`, type: 'application/pdf', bytes: await pdf() }], { public: String(isPublic) })).body;
    };
    await up('publicOfPublicPaper', { kind: 'paper', id: t.paperOtherCommittee }, true);
    await up('nonPublicOfOtherCommittee', { kind: 'paper', id: t.paperOtherCommittee }, false);
    await up('ofNonPublicPaperOwnCommittee', { kind: 'paper', id: t.paperOwnCommittee }, true);
    await up('ofDraft', { kind: 'paper', id: t.draftPaper }, true);
    await up('ofNonPublicItem', { kind: 'agenda-item', id: t.agendaItem }, true);
  });

  const status = async (path: string, bearer: string | null) => (await call('GET', path, bearer)).status;

  it('lets clerks read every file', async () => {
    for (const f of Object.values(files)) expect(await status(f.accessUrl, await token(t))).toBe(200);
  });

  it('lets a member read public files and the non-public ones of their own bodies only', async () => {
    const member = await token(t, 'member');
    expect(await status(files['publicOfPublicPaper']!.accessUrl, member)).toBe(200);
    expect(await status(files['ofNonPublicPaperOwnCommittee']!.accessUrl, member)).toBe(200);
    expect(await status(files['nonPublicOfOtherCommittee']!.accessUrl, member)).toBe(404);
    expect(await status(FileRoutes.file(t.slug, files['nonPublicOfOtherCommittee']!.id), member)).toBe(404);
    expect(await status(files['ofDraft']!.accessUrl, member)).toBe(404);
    expect(await status(files['ofNonPublicItem']!.accessUrl, member)).toBe(404);
    const list = await call('GET', FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.paperOtherCommittee }), member);
    expect((list.body.data as FileDto[]).map((f) => f.id)).not.toContain(files['nonPublicOfOtherCommittee']!.id);
    expect(await status(FileRoutes.ownerFiles(t.slug, { kind: 'paper', id: t.draftPaper }), member)).toBe(404);
  });

  it('shows a member account without a Person no non-public file of a committee', async () => {
    expect(await status(files['ofNonPublicPaperOwnCommittee']!.accessUrl, await token(t, 'outsider'))).toBe(404);
  });

  it('answers 404 for a file of another authority, also to its clerks', async () => {
    expect(await status(FileRoutes.fileContent(other.slug, files['publicOfPublicPaper']!.id), await token(other))).toBe(404);
    expect(await status(FileRoutes.file(other.slug, files['publicOfPublicPaper']!.id), await token(other))).toBe(404);
    expect(await status(FileRoutes.portalFileContent(other.slug, files['publicOfPublicPaper']!.id), null)).toBe(404);
  });

  it('gives the portal pages the public files of public owners only, by owner, with portal URLs', async () => {
    const byOwner = await app.get(TenantContext).run({ id: t.id, slug: t.slug }, () =>
      app.get(TenantDatabase).transaction((tx) => app.get(FilesService).publicFilesByOwner(tx, 'paper', [t.paperOtherCommittee, t.paperOwnCommittee, t.draftPaper])),
    );
    expect([...byOwner.keys()]).toEqual([t.paperOtherCommittee]);
    const ids = byOwner.get(t.paperOtherCommittee)!.map((f) => f.id);
    expect(ids).toContain(files['publicOfPublicPaper']!.id);
    expect(ids).not.toContain(files['nonPublicOfOtherCommittee']!.id);
    expect(byOwner.get(t.paperOtherCommittee)!.every((f) => f.accessUrl.startsWith(`/api/portal/${t.slug}/files/`))).toBe(true);
  });

  it('serves on the portal only public files of public owners', async () => {
    expect(await status(FileRoutes.portalFileContent(t.slug, files['publicOfPublicPaper']!.id), null)).toBe(200);
    expect(await status(FileRoutes.portalFileContent(t.slug, files['nonPublicOfOtherCommittee']!.id), null)).toBe(404);
    expect(await status(FileRoutes.portalFileContent(t.slug, files['ofNonPublicPaperOwnCommittee']!.id), null)).toBe(404);
    expect(await status(FileRoutes.portalFileContent(t.slug, files['ofDraft']!.id), null)).toBe(404);
    expect(await status(FileRoutes.portalFileContent(t.slug, files['ofNonPublicItem']!.id), null)).toBe(404);
  });
});

describe('orphan sweep', () => {
  it('removes old blobs no version refers to, keeps referenced and recent ones', async () => {
    const orphan = join(storageDir, t.id, randomUUID());
    const recent = join(storageDir, t.id, randomUUID());
    const temp = join(storageDir, t.id, `.upload-${randomUUID()}`);
    for (const p of [orphan, recent, temp]) await writeFile(p, 'x');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(orphan, old, old);
    await utimes(temp, old, old);
    const referenced = (await rows(t.id)).map((r) => join(storageDir, r.storage_key));
    for (const p of referenced) await utimes(p, old, old);
    const result = await app.get(OrphanBlobSweeper).sweep();
    expect(result.removed).toBeGreaterThanOrEqual(1);
    const left = (await readdir(join(storageDir, t.id))).map((n) => join(storageDir, t.id, n));
    expect(left).not.toContain(orphan);
    expect(left).not.toContain(temp);
    expect(left).toContain(recent);
    expect(left).toEqual(expect.arrayContaining(referenced));
    await rm(recent);
  });
});

describe('text extraction state (office only)', () => {
  it('shows the office pending, done (with method, pages and the page limit) and failed (with the reason); the portal never', async () => {
    const ownerRef = { kind: 'paper', id: t.paperOtherCommittee } as const;
    const up = await upload(FileRoutes.ownerFiles(t.slug, ownerRef), await token(t), [{ name: 'Scan.pdf', type: 'application/pdf', bytes: await pdf() }], { public: 'true' });
    const file = up.body as FileDto;
    expect(file.textExtraction).toEqual({ state: 'pending', method: null, pages: null, pagesRead: null, reason: null });
    const officeState = async () => ((await call('GET', FileRoutes.ownerFiles(t.slug, ownerRef), await token(t))).body.data as FileDto[]).find((f) => f.id === file.id)!.textExtraction;

    // What the worker writes: done by OCR, cut at the page limit.
    await admin.query(`UPDATE file_versions SET text = 'Stellungnahme', text_extracted_at = now(), text_extraction_method = 'ocr', text_page_count = 400, text_extraction_error = 'page-limit: read 300 of 400 pages' WHERE file_id = $1`, [file.id]);
    expect(await officeState()).toEqual({ state: 'done', method: 'ocr', pages: 400, pagesRead: 300, reason: null });
    const detail = (await call('GET', FileRoutes.file(t.slug, file.id), await token(t))).body as FileDetailDto;
    expect(detail.textExtraction).toMatchObject({ state: 'done', method: 'ocr' });

    await admin.query(`UPDATE file_versions SET text = NULL, text_extracted_at = NULL, text_extraction_method = NULL, text_page_count = NULL, text_extraction_error = 'pdf-broken: pdfinfo exit 1: Syntax Error' WHERE file_id = $1`, [file.id]);
    expect(await officeState()).toEqual({ state: 'failed', method: null, pages: null, pagesRead: null, reason: 'pdf-broken: pdfinfo exit 1: Syntax Error' });

    const portal = await app.get(TenantContext).run({ id: t.id, slug: t.slug }, () => app.get(TenantDatabase).transaction((tx) => app.get(FilesService).publicFilesByOwner(tx, 'paper', [t.paperOtherCommittee])));
    const onPortal = portal.get(t.paperOtherCommittee)!.find((f) => f.id === file.id)!;
    expect(onPortal).toBeDefined();
    expect('textExtraction' in onPortal).toBe(false);
  });
});
