import { randomInt, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from 'pg';
import { asTenant, brokenPdf, connect, createTenantWithRows, deleteTenant, SCAN_TEXT, SCAN_WORDS, scannedPdf, startWorkerProcess, testEnv, textPdf, wordsFound, type WorkerProcess } from '@ratsinfo/api-testing';

/**
 * Text extraction in the built worker process, against the test stack: an outbox
 * `file.text-extraction-requested` for a scanned PDF (image only) ends with OCR text on the
 * version; a broken PDF ends as a recorded failure (the event completes, no dead letter) and the
 * worker goes on with the next file. The blobs go where the worker's local storage looks
 * (FILE_STORAGE_DIR, default .data/files from the same working directory).
 */
describe('worker process: text extraction', () => {
  let owner: Client;
  let tenant: { id: string; slug: string; graph: Record<string, string> };
  let worker: WorkerProcess;
  let temp: string;
  const storageDir = resolve(process.env['FILE_STORAGE_DIR'] ?? '.data/files');

  interface VersionRow {
    text: string | null;
    text_extracted_at: Date | null;
    text_extraction_method: string | null;
    text_extraction_error: string | null;
    text_page_count: number | null;
  }

  /** A new version of the fixture file with these bytes in the storage, and its extraction requested through the outbox. */
  async function upload(bytes: Uint8Array, mimeType = 'application/pdf'): Promise<{ number: number; eventId: string }> {
    const storageKey = `${tenant.id}/${randomUUID()}`;
    await mkdir(join(storageDir, tenant.id), { recursive: true });
    await writeFile(join(storageDir, storageKey), bytes);
    const number = randomInt(1_000_000, 2_000_000);
    const fileId = tenant.graph['files'];
    const eventId = await asTenant(
      owner,
      tenant.id,
      async () => {
        await owner.query(
          `INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, $3, 'Anlage.pdf', $4, $5, $6, $7)`,
          [tenant.id, fileId, number, mimeType, bytes.length, 'b'.repeat(128), storageKey],
        );
        const { rows } = await owner.query<{ id: string }>(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'file.text-extraction-requested', $2) RETURNING id`, [
          tenant.id,
          JSON.stringify({ fileId, versionNumber: number }),
        ]);
        return rows[0]!.id;
      },
      true,
    );
    return { number, eventId };
  }

  const version = (number: number) =>
    asTenant(owner, tenant.id, async () => (await owner.query<VersionRow>(`SELECT text, text_extracted_at, text_extraction_method, text_extraction_error, text_page_count FROM file_versions WHERE file_id = $1 AND number = $2`, [tenant.graph['files'], number])).rows[0]!);
  const event = (id: string) =>
    asTenant(owner, tenant.id, async () => (await owner.query<{ processed_at: Date | null; dead_at: Date | null; last_error: string | null }>(`SELECT processed_at, dead_at, last_error FROM outbox_events WHERE id = $1`, [id])).rows[0]!);

  async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (done(v)) return v;
      if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms; last: ${JSON.stringify(v)}\n${worker.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    owner = await connect(testEnv().ownerUrl);
    tenant = await createTenantWithRows(owner, 'extraction');
    temp = await mkdtemp(join(tmpdir(), 'ratsinfo-worker-extraction-'));
    worker = await startWorkerProcess({ env: { EXTRACTION_TEMP_DIR: temp, EXTRACTION_TIMEOUT_MS: '120000' } });
  });

  afterAll(async () => {
    await worker?.stop();
    await deleteTenant(owner, tenant.id);
    await owner.end();
    await rm(join(storageDir, tenant.id), { recursive: true, force: true });
    await rm(temp, { recursive: true, force: true });
  });

  it('reads a scanned PDF by OCR: text with the German words, method ocr, page count; the event completes', async () => {
    const { number, eventId } = await upload(await scannedPdf([SCAN_TEXT]));
    const v = await until('extraction of the scan', () => version(number), (r) => r.text_extracted_at !== null || r.text_extraction_error !== null);
    expect(v).toMatchObject({ text_extraction_method: 'ocr', text_extraction_error: null, text_page_count: 1 });
    expect(v.text_extracted_at).toBeInstanceOf(Date);
    expect(wordsFound(v.text ?? '', SCAN_WORDS)).toBeGreaterThanOrEqual(0.8);
    await until('completion of the event', () => event(eventId), (e) => e.processed_at !== null);
    expect(await event(eventId)).toMatchObject({ dead_at: null });
    expect(await readdir(temp)).toEqual([]);
  });

  it('records a broken PDF as failed without retries, and goes on with the next file (poison does not block)', async () => {
    const broken = await upload(brokenPdf());
    const failed = await until('the broken PDF', () => version(broken.number), (r) => r.text_extraction_error !== null);
    expect(failed).toMatchObject({ text: null, text_extracted_at: null, text_extraction_method: null });
    expect(failed.text_extraction_error).toMatch(/^pdf-broken: pdfinfo exit \d+: /);
    // The event is done (the failure is recorded on the file), not a dead letter, and not retried.
    const e = await until('completion of the broken PDF event', () => event(broken.eventId), (x) => x.processed_at !== null);
    expect(e).toMatchObject({ dead_at: null, last_error: null });

    const next = await upload(await textPdf([['Niederschrift der Sitzung des Bauausschusses']]));
    const ok = await until('the next file', () => version(next.number), (r) => r.text_extracted_at !== null);
    expect(ok).toMatchObject({ text_extraction_method: 'pdftotext', text_extraction_error: null, text_page_count: 1 });
    expect(ok.text).toContain('Niederschrift der Sitzung des Bauausschusses');
    expect(await readdir(temp)).toEqual([]);
  });

  it('does nothing for a version that was read before (a redelivered request keeps the first result)', async () => {
    const first = await upload(await textPdf([['Haushaltssatzung 2027']]));
    const done = await until('the first extraction', () => version(first.number), (r) => r.text_extracted_at !== null);
    // Another request for the same version: completes, changes nothing.
    const again = await asTenant(
      owner,
      tenant.id,
      async () =>
        (await owner.query<{ id: string }>(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'file.text-extraction-requested', $2) RETURNING id`, [tenant.id, JSON.stringify({ fileId: tenant.graph['files'], versionNumber: first.number })])).rows[0]!.id,
      true,
    );
    await until('completion of the repeated event', () => event(again), (x) => x.processed_at !== null);
    expect(await version(first.number)).toEqual(done);
  });
});
