import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { DatabaseModule } from '@ratsinfo/api-database';
import { FileStorage, LocalFolderStorage } from '@ratsinfo/api-files';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
import type { Client } from 'pg';
import { execFileSync } from 'node:child_process';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BundleLimits } from './bundle-pdf';
import { BUNDLE_LIMITS, MeetingBundleGenerator } from './bundle-generator';

/**
 * Bundles built from real stored PDFs in the real database (as the application role, under RLS):
 * page count, the agenda's page numbers (read back with pdftotext), the outline, what the public
 * variant leaves out, idempotence, and a broken document.
 */
describe('MeetingBundleGenerator', () => {
  let owner: Client;
  let admin: Client;
  let tenant: Awaited<ReturnType<typeof createTenantWithRows>>;
  let storage: FileStorage;
  let generator: MeetingBundleGenerator;
  let context: TenantContext;
  let dir: string;
  let close: () => Promise<void>;
  const limits: BundleLimits = { maxPages: 2000, maxSourceBytes: 300 * 1024 ** 2 };
  let meetingId: string;
  let organizationId: string;
  let paperTypeId: string;

  const asTenant = <T>(fn: () => Promise<T>) => context.run({ id: tenant.id, slug: tenant.slug }, fn);

  async function pdf(label: string, pages: number): Promise<Buffer> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`${label} Seite ${i}`, { x: 50, y: 780, size: 14, font });
    return Buffer.from(await doc.save());
  }

  async function storeBlob(bytes: Buffer): Promise<{ key: string; sha512: string }> {
    const key = `${tenant.id}/${randomUUID()}`;
    await storage.put(key, Readable.from(bytes));
    return { key, sha512: createHash('sha512').update(bytes).digest('hex') };
  }

  /** A paper with `bytes` as its main file, on the meeting's agenda at `order`. */
  async function item(o: { order: number; number: string; name: string; public?: boolean; paperPublic?: boolean; filePublic?: boolean; bytes?: Buffer; fileName?: string; mimeType?: string }): Promise<{ itemId: string; paperId: string; fileId: string | null }> {
    const paperId = randomUUID();
    await admin.query(
      `INSERT INTO papers (id, tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, $3, $4, 2026, $5, $6, '2026-11-02', $7, 'released')`,
      [paperId, tenant.id, paperTypeId, `BV/${o.order}${randomInt(1000, 9999)}/2026`, randomInt(1, 1_000_000), `Vorlage ${o.name}`, o.paperPublic ?? true],
    );
    const consultationId = randomUUID();
    await admin.query(`INSERT INTO consultations (id, tenant_id, paper_id, organization_id, position, authoritative) VALUES ($1, $2, $3, $4, 1, true)`, [consultationId, tenant.id, paperId, organizationId]);
    const itemId = randomUUID();
    await admin.query(`INSERT INTO agenda_items (id, tenant_id, meeting_id, "order", number, name, public, consultation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      itemId,
      tenant.id,
      meetingId,
      o.order,
      o.number,
      o.name,
      o.public ?? true,
      consultationId,
    ]);
    let fileId: string | null = null;
    if (o.bytes) {
      fileId = randomUUID();
      const blob = await storeBlob(o.bytes);
      await admin.query(`INSERT INTO files (id, tenant_id, name, paper_id, public) VALUES ($1, $2, 'Vorlage', $3, $4)`, [fileId, tenant.id, paperId, o.filePublic ?? true]);
      await admin.query(`INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 1, $3, $4, $5, $6, $7)`, [
        tenant.id,
        fileId,
        o.fileName ?? 'Vorlage.pdf',
        o.mimeType ?? 'application/pdf',
        o.bytes.byteLength,
        blob.sha512,
        blob.key,
      ]);
      await admin.query(`UPDATE papers SET main_file_id = $1 WHERE id = $2`, [fileId, paperId]);
    }
    return { itemId, paperId, fileId };
  }

  async function bundleRow(variant: 'public' | 'full') {
    const { rows } = await admin.query<{ storage_key: string | null; page_count: number | null; sha512: string | null; size: string | null; source_hash: string | null; error: string | null }>(
      `SELECT storage_key, page_count, sha512, size, source_hash, error FROM meeting_bundles WHERE meeting_id = $1 AND variant = $2`,
      [meetingId, variant],
    );
    return rows[0];
  }

  async function bundleBytes(variant: 'public' | 'full'): Promise<Buffer> {
    const row = await bundleRow(variant);
    if (!row?.storage_key) throw new Error(`no ${variant} bundle`);
    const chunks: Buffer[] = [];
    for await (const c of await storage.get(row.storage_key)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async function pageText(bytes: Buffer, page: number): Promise<string> {
    const file = join(dir, `check-${randomUUID()}.pdf`);
    await import('node:fs/promises').then((fs) => fs.writeFile(file, bytes));
    try {
      return execFileSync('pdftotext', ['-q', '-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
    } finally {
      await rm(file, { force: true });
    }
  }

  /** The outline as [title, 1-based page] pairs, read from the low-level objects. */
  async function outline(bytes: Buffer): Promise<[string, number][]> {
    const doc = await PDFDocument.load(bytes);
    const pageRefs = doc.getPages().map((p) => p.ref.toString());
    const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const out: [string, number][] = [];
    let ref = root.get(PDFName.of('First'));
    while (ref instanceof PDFRef) {
      const item = doc.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'), PDFHexString).decodeText();
      const dest = item.lookup(PDFName.of('Dest'), PDFArray).get(0);
      out.push([title, pageRefs.indexOf(dest.toString()) + 1]);
      ref = item.get(PDFName.of('Next'));
    }
    return out;
  }

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    admin = await connect(env.adminUrl);
    tenant = await createTenantWithRows(owner, 'bundles');
    dir = await mkdtemp(join(tmpdir(), 'bundles-'));
    organizationId = tenant.graph['organizations'] ?? '';
    paperTypeId = tenant.graph['paper_types'] ?? '';
    meetingId = randomUUID();
    await admin.query(`INSERT INTO meetings (id, tenant_id, organization_id, name, start, "end", location_id) VALUES ($1, $2, $3, 'Sitzung des Bauausschusses', '2031-03-13T16:00:00Z', '2031-03-13T18:30:00Z', $4)`, [
      meetingId,
      tenant.id,
      organizationId,
      tenant.graph['locations'],
    ]);
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', FILE_STORAGE_DIR: dir })), DatabaseModule],
      providers: [MeetingBundleGenerator, { provide: FileStorage, useClass: LocalFolderStorage }, { provide: BUNDLE_LIMITS, useValue: limits }],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    generator = app.get(MeetingBundleGenerator);
    storage = app.get(FileStorage);
    context = app.get(TenantContext);
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await deleteTenant(owner, tenant.id);
    await owner.end();
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  });

  const items: Record<string, { itemId: string; paperId: string; fileId: string | null }> = {};

  it('builds both bundles: cover, agenda with the right page numbers, documents in agenda order, one bookmark per document', async () => {
    items['a'] = await item({ order: 1, number: 'Ö 1', name: 'Bebauungsplan „Am Mühlenteich“', bytes: await pdf('Mühlenteich', 3) });
    items['b'] = await item({ order: 2, number: 'Ö 2', name: 'Straßenausbaubeiträge', bytes: await pdf('Strassen', 2) });
    items['free'] = await item({ order: 3, number: 'Ö 3', name: 'Anfragen ohne Dokument' });
    items['closed'] = await item({ order: 4, number: 'N 1', name: 'Grundstücksverkauf Flur 7', public: false, paperPublic: false, bytes: await pdf('Grundstueck', 4) });
    items['hiddenFile'] = await item({ order: 5, number: 'Ö 4', name: 'Haushalt mit nichtöffentlicher Anlage', bytes: await pdf('Haushaltsanlage', 5), filePublic: false });

    expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'generated', full: 'generated' });

    // public: cover + 1 agenda page + 3 + 2 (the non-public item and the non-public main file are left out)
    const pub = await bundleBytes('public');
    expect((await bundleRow('public'))?.page_count).toBe(1 + 1 + 3 + 2);
    expect((await PDFDocument.load(pub)).getPageCount()).toBe(7);
    const cover = await pageText(pub, 1);
    expect(cover).toContain('Öffentliche Sitzungsmappe');
    expect(cover).toContain('Sitzung des Bauausschusses');
    expect(cover).toContain('Donnerstag, 13. März 2031, 17:00–19:30 Uhr'); // Berlin time (UTC+1 in March)
    expect(cover).toContain('Testgemeinde bundles');
    const agenda = await pageText(pub, 2);
    expect(agenda).toMatch(/Ö ?1\s+Bebauungsplan „Am Mühlenteich“\s+3/);
    expect(agenda).toMatch(/Ö ?2\s+Straßenausbaubeiträge\s+6/);
    expect(agenda).toMatch(/Ö ?3\s+Anfragen ohne Dokument\s+–/);
    expect(agenda).not.toContain('Grundstücksverkauf');
    expect(await pageText(pub, 3)).toContain('Mühlenteich Seite 1');
    expect(await pageText(pub, 6)).toContain('Strassen Seite 1');
    for (let p = 1; p <= 7; p++) expect(await pageText(pub, p)).not.toMatch(/Grundstueck|Haushaltsanlage/);
    expect(await outline(pub)).toEqual([
      ['Tagesordnung', 2],
      ['Ö 1 Bebauungsplan „Am Mühlenteich“', 3],
      ['Ö 2 Straßenausbaubeiträge', 6],
    ]);

    // full: every item and file; public items first, as the agenda orders them
    const full = await bundleBytes('full');
    expect((await bundleRow('full'))?.page_count).toBe(1 + 1 + 3 + 2 + 4 + 5);
    expect(await pageText(full, 1)).toContain('Sitzungsmappe (mit nichtöffentlichem Teil)');
    const fullAgenda = await pageText(full, 2);
    expect(fullAgenda).toMatch(/N ?1\s+Grundstücksverkauf Flur 7\s+8/);
    expect(fullAgenda).toMatch(/Ö ?4\s+Haushalt mit nichtöffentlicher Anlage\s+12/);
    expect(await pageText(full, 8)).toContain('Grundstueck Seite 1');
    expect(await pageText(full, 12)).toContain('Haushaltsanlage Seite 1');
    expect((await outline(full)).map(([, page]) => page)).toEqual([2, 3, 6, 8, 12]);
  });

  it('does nothing when the sources are unchanged (same hash: no new blob)', async () => {
    const before = await bundleRow('public');
    const blobs = (await readdir(join(dir, tenant.id))).length;
    expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'unchanged', full: 'unchanged' });
    expect(await bundleRow('public')).toEqual(before);
    expect((await readdir(join(dir, tenant.id))).length).toBe(blobs);
  });

  it('a non-public change regenerates only the full bundle and removes its previous blob', async () => {
    const pub = await bundleRow('public');
    const full = await bundleRow('full');
    await admin.query(`UPDATE agenda_items SET name = 'Grundstücksverkauf Flur 8' WHERE id = $1`, [items['closed']?.itemId]);
    expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'unchanged', full: 'generated' });
    expect(await bundleRow('public')).toEqual(pub);
    const now = await bundleRow('full');
    expect(now?.storage_key).not.toBe(full?.storage_key);
    expect(await storage.stat(full?.storage_key ?? '')).toBeNull();
    expect(await storage.stat(now?.storage_key ?? '')).not.toBeNull();
  });

  it('puts a placeholder page in place of a broken PDF and of a file that is not a PDF, and still builds the bundle', async () => {
    items['broken'] = await item({ order: 6, number: 'Ö 5', name: 'Kaputtes Dokument', bytes: Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF') });
    items['docx'] = await item({
      order: 7,
      number: 'Ö 6',
      name: 'Stellungnahme als Word-Datei',
      bytes: Buffer.from('PK\u0003\u0004 not a real docx'),
      fileName: 'Stellungnahme.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect((await asTenant(() => generator.generate(meetingId))).public).toBe('generated');
    const pub = await bundleBytes('public');
    // cover + agenda + 3 + 2 + 1 placeholder + 1 placeholder
    expect((await bundleRow('public'))?.page_count).toBe(9);
    expect(await pageText(pub, 8)).toContain('Dokument konnte nicht eingebunden werden');
    expect(await pageText(pub, 9)).toContain('Stellungnahme.docx');
    expect((await outline(pub)).slice(-2)).toEqual([
      ['Ö 5 Kaputtes Dokument', 8],
      ['Ö 6 Stellungnahme als Word-Datei', 9],
    ]);
    expect((await bundleRow('public'))?.error).toBeNull();
  });

  it('records an error instead of a bundle beyond the page limit, and does not retry the same sources', async () => {
    limits.maxPages = 10;
    try {
      await admin.query(`UPDATE meetings SET name = 'Sitzung des Bauausschusses (zu groß)' WHERE id = $1`, [meetingId]);
      expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'generated', full: 'failed' });
      const full = await bundleRow('full');
      expect(full?.storage_key).toBeNull();
      expect(full?.error).toMatch(/^too-large: .*10 pages/);
      expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'unchanged', full: 'unchanged' });
    } finally {
      limits.maxPages = 2000;
    }
  });

  it('removes the bundles of a deleted meeting', async () => {
    const keys = [(await bundleRow('public'))?.storage_key];
    await admin.query(`UPDATE meetings SET deleted_at = now() WHERE id = $1`, [meetingId]);
    expect(await asTenant(() => generator.generate(meetingId))).toEqual({ public: 'removed', full: 'removed' });
    expect(await bundleRow('public')).toBeUndefined();
    expect(await storage.stat(keys[0] ?? '')).toBeNull();
  });
});
