import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from 'pg';
import { asTenant, connect, startWorkerProcess, testEnv, wordsFound, type WorkerProcess } from '@ratsinfo/api-testing';

/**
 * The demo seed's scanned letters (tools/db/seed/demo-scans.mts), read by the built worker: the
 * seed stores each authority's letter as page images only (no text) and writes a
 * `file.text-extraction-requested` event with it; a worker then reads the German text by OCR.
 * The test stack is seeded, so the scans and their events are there. Another suite's worker may
 * have read them already (every worker relays every tenant's events): that is accepted, the text
 * is checked all the same.
 */
describe('worker process: the demo seed’s scanned letters', () => {
  const TOPIC = 'file.text-extraction-requested';
  /** DEMO_SCAN_WORDS of the seed module (an ES module run by Node itself, as the seed is). */
  const scanWords: Record<string, { distinctive: string; words: string[] }> = JSON.parse(
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(join(__dirname, '../../../tools/db/seed/demo-scans.mts')).href)}); process.stdout.write(JSON.stringify(m.DEMO_SCAN_WORDS));`,
    ]).toString(),
  );
  let owner: Client;
  let worker: WorkerProcess | undefined;

  interface ScanVersion {
    file_id: string;
    number: number;
    text: string | null;
    text_extracted_at: Date | null;
    text_extraction_method: string | null;
    text_extraction_error: string | null;
    text_page_count: number | null;
  }

  /** The tenant's seeded scan, read as the tenant (row-level security applies to the owner too). */
  const scanOf = (tenantId: string) =>
    asTenant(owner, tenantId, async () =>
      (
        await owner.query<ScanVersion>(
          `SELECT v.file_id::text AS file_id, v.number, v.text, v.text_extracted_at, v.text_extraction_method, v.text_extraction_error, v.text_page_count
             FROM file_versions v WHERE v.file_name = 'Stellungnahme-Scan.pdf' AND v.mime_type = 'application/pdf'`,
        )
      ).rows,
    );

  interface Request {
    id: string;
    created_at: Date;
    processed_at: Date | null;
    dead_at: Date | null;
    last_error: string | null;
  }

  const requestsFor = (tenantId: string, v: ScanVersion) =>
    asTenant(owner, tenantId, async () =>
      (
        await owner.query<Request>(`SELECT id::text AS id, created_at, processed_at, dead_at, last_error FROM outbox_events WHERE topic = $1 AND payload = $2::jsonb`, [
          TOPIC,
          JSON.stringify({ fileId: v.file_id, versionNumber: v.number }),
        ])
      ).rows,
    );

  /** All requests the seed wrote for the tenant (one transaction, so one created_at): open and dead ones. */
  const seedBatch = (tenantId: string, createdAt: Date) =>
    asTenant(owner, tenantId, async () =>
      (
        await owner.query<{ total: number; open: number; dead: string[] }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL)::int AS open,
                  coalesce(array_agg(last_error) FILTER (WHERE dead_at IS NOT NULL), '{}') AS dead
             FROM outbox_events WHERE topic = $1 AND created_at = $2`,
          [TOPIC, createdAt],
        )
      ).rows[0]!,
    );

  beforeAll(async () => {
    owner = await connect(testEnv().ownerUrl);
  });

  afterAll(async () => {
    await worker?.stop();
    await owner.end();
  });

  it('reads every authority’s scanned letter by OCR: most of its German words, and the word that only the scan contains', async () => {
    const { rows: tenants } = await owner.query<{ id: string; slug: string }>(`SELECT id::text AS id, slug FROM tenants WHERE slug = ANY($1) ORDER BY slug`, [Object.keys(scanWords)]);
    expect(tenants.map((t) => t.slug)).toEqual(Object.keys(scanWords).sort());

    // The seed stored the scan without text and asked for its extraction, once.
    const scans = new Map<string, ScanVersion>();
    const seededAt = new Map<string, Date>();
    for (const t of tenants) {
      const rows = await scanOf(t.id);
      expect({ slug: t.slug, scans: rows.length }).toEqual({ slug: t.slug, scans: 1 });
      scans.set(t.slug, rows[0]!);
      const requests = await requestsFor(t.id, rows[0]!);
      expect({ slug: t.slug, requests: requests.length, dead: requests.filter((r) => r.dead_at).map((r) => r.last_error) }).toEqual({ slug: t.slug, requests: 1, dead: [] });
      seededAt.set(t.slug, requests[0]!.created_at);
      // with it, the site plans' requests (PNG, no text either)
      expect((await seedBatch(t.id, requests[0]!.created_at)).total).toBeGreaterThan(1);
    }

    worker = await startWorkerProcess({ env: { EXTRACTION_TIMEOUT_MS: '300000' } });
    // Behind them in the queue: the other seeded files (site plans) and whatever other suites left.
    const end = Date.now() + 540_000;
    for (const t of tenants) {
      let v = scans.get(t.slug)!;
      while (v.text_extracted_at === null && v.text_extraction_error === null) {
        if (Date.now() > end) throw new Error(`${t.slug}: the scan was not read in time; last: ${JSON.stringify(v)}\n${worker.output().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 500));
        v = (await scanOf(t.id))[0]!;
      }
      const { distinctive, words } = scanWords[t.slug]!;
      const text = v.text ?? '';
      expect({ slug: t.slug, method: v.text_extraction_method, error: v.text_extraction_error, pages: v.text_page_count }).toEqual({ slug: t.slug, method: 'ocr', error: null, pages: 1 });
      expect({ slug: t.slug, distinctive: wordsFound(text, [distinctive]) }).toEqual({ slug: t.slug, distinctive: 1 });
      const found = wordsFound(text, words);
      if (found < 0.8) throw new Error(`${t.slug}: OCR found ${Math.round(found * 100)} % of ${words.length} words; missing: ${words.filter((w) => wordsFound(text, [w]) === 0).join(', ')}\n${text}`);
    }
    // And all the seed's requests are done (completed by the relay once the text was stored),
    // none dead; so the suites after this one do not find the seed's OCR work in their queue.
    for (const t of tenants) {
      for (;;) {
        const batch = await seedBatch(t.id, seededAt.get(t.slug)!);
        expect({ slug: t.slug, dead: batch.dead }).toEqual({ slug: t.slug, dead: [] });
        if (batch.open === 0) break;
        if (Date.now() > end) throw new Error(`${t.slug}: ${batch.open} of the seed's extraction requests not done in time\n${worker.output().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }, 600_000);
});
