import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenPdf, manyPagesPdf, minimalDocx, SCAN_TEXT, SCAN_WORDS, scannedPdf, scannedPng, textPdf, wordsFound } from '@ratsinfo/api-testing';
import { ExtractionFailure } from './limited-process';
import { DOCX_MIME, extractText, type ExtractionOptions } from './text-extractor';

/**
 * The extraction with the real programs (poppler-utils, tesseract-ocr with German), on documents
 * made for the purpose: text layer, scan, DOCX, and files meant to hurt (broken, huge, slow,
 * crashing the parser). Every test also checks that nothing is left in the temporary folder.
 */
describe('extractText (real poppler and tesseract)', () => {
  let dir: string;
  let temp: string;
  const opts = (o: Partial<ExtractionOptions> = {}): ExtractionOptions => ({ maxPages: 300, timeoutMs: 120_000, tempRoot: temp, ...o });
  const file = async (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ratsinfo-extraction-spec-'));
  });
  beforeEach(async () => {
    temp = await mkdtemp(join(dir, 'temp-'));
  });
  afterEach(async () => {
    // Every run removes its work folder, whatever happened.
    expect(await readdir(temp)).toEqual([]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the text layer of a PDF with pdftotext, umlauts and ß intact, and counts the pages', async () => {
    const path = await file('text.pdf', await textPdf([SCAN_TEXT, ['Zweite Seite: Haushaltssatzung für das Jahr 2027']]));
    const r = await extractText(path, 'application/pdf', opts());
    expect(r).toMatchObject({ method: 'pdftotext', pages: 2, note: null });
    expect(wordsFound(r.text, SCAN_WORDS)).toBe(1);
    expect(r.text).toContain('Haushaltssatzung für das Jahr 2027');
    // Pages are separated by form feeds.
    expect(r.text.split('\f')).toHaveLength(2);
  });

  it('reads a scan (image-only PDF) with OCR: most of the German words are found', async () => {
    const path = await file('scan.pdf', await scannedPdf([SCAN_TEXT, SCAN_TEXT.slice(2, 7)]));
    // The fixture really has no text layer.
    expect(execFileSync('pdftotext', [path, '-']).toString().trim()).toBe('');
    const started = Date.now();
    const pages: number[] = [];
    const r = await extractText(path, 'application/pdf', opts({ onOcrPage: (p) => pages.push(p) }));
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`OCR: 2 pages in ${seconds.toFixed(1)} s (${(seconds / 2).toFixed(1)} s per page)\n`);
    expect(r).toMatchObject({ method: 'ocr', pages: 2, note: null });
    expect(pages).toEqual([1, 2]);
    expect(wordsFound(r.text, SCAN_WORDS)).toBeGreaterThanOrEqual(0.8);
    expect(r.text.split('\f')).toHaveLength(2);
  });

  it('reads a photographed page (PNG) with OCR', async () => {
    const path = await file('scan.png', await scannedPng(SCAN_TEXT));
    const r = await extractText(path, 'image/png', opts());
    expect(r).toMatchObject({ method: 'ocr', pages: 1 });
    expect(wordsFound(r.text, SCAN_WORDS)).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a DOCX with mammoth in a child process', async () => {
    const path = await file('antrag.docx', minimalDocx(['Antrag der Fraktion', 'Die Straßenbäume an der Schulstraße bleiben erhalten.']));
    const r = await extractText(path, DOCX_MIME, opts());
    expect(r).toMatchObject({ method: 'docx', pages: null, note: null });
    expect(r.text).toContain('Antrag der Fraktion');
    expect(r.text).toContain('Die Straßenbäume an der Schulstraße bleiben erhalten.');
  });

  it('gives types without a reader (ODS) method none and no text', async () => {
    const path = await file('tabelle.ods', minimalDocx(['egal']));
    await expect(extractText(path, 'application/vnd.oasis.opendocument.spreadsheet', opts())).resolves.toEqual({ method: 'none', text: '', pages: null, note: null });
  });

  it('fails a broken PDF (PDF header, random bytes) with a short reason, and this process lives on', async () => {
    const path = await file('broken.pdf', brokenPdf());
    const e = await extractText(path, 'application/pdf', opts()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExtractionFailure);
    expect((e as ExtractionFailure).reason).toMatch(/^pdf-broken: pdfinfo exit \d+: /);
    expect((e as ExtractionFailure).reason.length).toBeLessThan(300);
  });

  it('fails a broken DOCX (not a zip) as docx-broken', async () => {
    const path = await file('broken.docx', brokenPdf(2048));
    const e = await extractText(path, DOCX_MIME, opts()).catch((x: unknown) => x);
    expect((e as ExtractionFailure).reason).toMatch(/^docx-broken: mammoth exit 2: /);
  });

  it('stops a 400-page PDF at the page limit: the text of the first 50 pages, and a note', async () => {
    const path = await file('huge.pdf', await manyPagesPdf(400));
    const started = Date.now();
    const r = await extractText(path, 'application/pdf', opts({ maxPages: 50, timeoutMs: 30_000 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r).toMatchObject({ method: 'pdftotext', pages: 400, note: 'page-limit: read 50 of 400 pages' });
    expect(r.text.split('\f')).toHaveLength(50);
    expect(r.text).toContain('Seite 50 von 400');
    expect(r.text).not.toContain('Seite 51 von 400');
  });

  it('stops OCR at the page limit too', async () => {
    const path = await file('scan3.pdf', await scannedPdf([['Erste Seite'], ['Zweite Seite'], ['Dritte Seite']], 100));
    const r = await extractText(path, 'application/pdf', opts({ maxPages: 1, ocrDpi: 150 }));
    expect(r).toMatchObject({ method: 'ocr', pages: 3, note: 'page-limit: read 1 of 3 pages' });
    expect(r.text).toContain('Erste');
    expect(r.text).not.toContain('Dritte');
  });

  it('kills a run that passes the deadline (the whole process group) and leaves no temporary files', async () => {
    // Eight pages of OCR take several seconds even on a fast machine; the deadline is one second.
    const path = await file('slow-scan.pdf', await scannedPdf(Array.from({ length: 8 }, () => SCAN_TEXT)));
    const started = Date.now();
    const e = await extractText(path, 'application/pdf', opts({ timeoutMs: 1000, tempRoot: temp })).catch((x: unknown) => x);
    const took = Date.now() - started;
    expect((e as ExtractionFailure).reason).toBe('timeout: after 1 s');
    expect(took).toBeLessThan(6000);
    // No OCR or render process of this run survives.
    await new Promise((r) => setTimeout(r, 200));
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(temp);
  });

  it('records a parser that crashes (killed by a signal) as crashed', async () => {
    const crasher = join(dir, 'crashing-pdftotext');
    await writeFile(crasher, '#!/bin/sh\nkill -SEGV $$\n');
    await chmod(crasher, 0o755);
    const path = await file('text2.pdf', await textPdf([['Hallo']]));
    const e = await extractText(path, 'application/pdf', opts({ tools: { pdftotext: crasher } })).catch((x: unknown) => x);
    expect((e as ExtractionFailure).reason).toBe(`crashed: pdftotext killed by SIGSEGV`);
  });

  it('fails a parser that exceeds the memory limit, instead of taking memory from the worker', async () => {
    const path = await file('scan-mem.pdf', await scannedPdf([SCAN_TEXT]));
    // 40 MiB address space: a 300-dpi page bitmap and tesseract's models do not fit.
    const e = await extractText(path, 'application/pdf', opts({ memoryKb: 40 * 1024 })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExtractionFailure);
    expect((e as ExtractionFailure).kind).toMatch(/^(pdf-broken|ocr-failed|crashed)$/);
  });

  it('throws (for a retry) when a program is not installed: our fault, not the file', async () => {
    const path = await file('text3.pdf', await textPdf([['Hallo']]));
    const e = await extractText(path, 'application/pdf', opts({ tools: { pdfinfo: 'ratsinfo-no-such-program' } })).catch((x: unknown) => x);
    expect(e).not.toBeInstanceOf(ExtractionFailure);
    expect((e as Error).message).toMatch(/extraction tool missing: ratsinfo-no-such-program/);
  });
});
