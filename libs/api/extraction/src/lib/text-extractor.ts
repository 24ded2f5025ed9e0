import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractionFailure, failureOf, firstLine, runLimited } from './limited-process';

/** How a text was read (file_versions.text_extraction_method). */
export type ExtractionMethod = 'pdftotext' | 'ocr' | 'docx' | 'none';

export interface ExtractionResult {
  method: ExtractionMethod;
  /** The text (pages separated by form feeds); empty for 'none'. */
  text: string;
  /** Pages of the document (all of them, also beyond the page limit); null when the type has no pages. */
  pages: number | null;
  /** A note that is not a failure: the page limit cut the document ("page-limit: read 50 of 400 pages"). */
  note: string | null;
}

export interface ExtractionOptions {
  /** Pages read at most (EXTRACTION_MAX_PAGES); the rest is left out and noted. */
  maxPages: number;
  /** The whole extraction, all child processes together (EXTRACTION_TIMEOUT_MS). */
  timeoutMs: number;
  /** Where the per-job temporary folder goes (default: the OS temp dir). */
  tempRoot?: string;
  /** Address-space limit per child in KiB (default 2 GiB). */
  memoryKb?: number;
  /** Program names or paths (tests put a crashing stand-in here). */
  tools?: Partial<Record<'pdfinfo' | 'pdftotext' | 'pdftoppm' | 'tesseract', string>>;
  /** OCR resolution (dpi), default 300. */
  ocrDpi?: number;
  /** Called after each OCR page (progress, tests). */
  onOcrPage?: (page: number, of: number) => void;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const OCR_IMAGE_MIMES = new Set(['image/png', 'image/jpeg']);
/** Below this many non-space characters per page (on average) a PDF's text layer counts as missing: a scan. */
export const MIN_CHARS_PER_PAGE = 20;
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const DEFAULT_MEMORY_KB = 2 * 1024 * 1024;

/**
 * Reads the text of one file on disk, every parser in a child process with a hard deadline and a
 * memory limit (limited-process.ts). Resolves with the text, or rejects with ExtractionFailure
 * (the file's fault: recorded, not retried) or any other error (ours: the job retries).
 *
 * - PDF: `pdfinfo` (page count), `pdftotext -layout` up to the page limit; a text layer with fewer
 *   than MIN_CHARS_PER_PAGE visible characters per page is a scan: each page rendered with
 *   `pdftoppm` (gray, 300 dpi) and read by `tesseract -l deu`, one page at a time (the page image
 *   is removed before the next page), pages joined by form feeds.
 * - DOCX: mammoth's raw text, in a Node child with a heap limit.
 * - PNG/JPEG: `tesseract -l deu` directly, one page.
 * - ODT, XLSX, ODS and anything else: method 'none' (no text; nothing to search for in a table
 *   of figures, and ODT uploads are rare enough to add when asked for).
 *
 * The job's temporary folder (under `tempRoot`) is removed in every case, also after a timeout.
 */
export async function extractText(path: string, mimeType: string, opts: ExtractionOptions): Promise<ExtractionResult> {
  const deadline = Date.now() + opts.timeoutMs;
  const work = await mkdtemp(join(opts.tempRoot ?? tmpdir(), 'ratsinfo-extract-'));
  try {
    if (mimeType === 'application/pdf') return await extractPdf(path, work, deadline, opts);
    if (mimeType === DOCX_MIME) return await extractDocx(path, work, deadline, opts);
    if (OCR_IMAGE_MIMES.has(mimeType)) {
      const text = await ocrImage(path, work, deadline, opts);
      return { method: 'ocr', text, pages: 1, note: null };
    }
    return { method: 'none', text: '', pages: null, note: null };
  } catch (e) {
    if (e instanceof ExtractionFailure && e.kind === 'timeout') throw new ExtractionFailure('timeout', `after ${Math.round(opts.timeoutMs / 1000)} s`);
    throw e;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function tool(opts: ExtractionOptions, name: 'pdfinfo' | 'pdftotext' | 'pdftoppm' | 'tesseract'): string {
  return opts.tools?.[name] ?? name;
}

async function extractPdf(path: string, work: string, deadline: number, opts: ExtractionOptions): Promise<ExtractionResult> {
  const memoryKb = opts.memoryKb ?? DEFAULT_MEMORY_KB;
  const info = await runLimited({ command: tool(opts, 'pdfinfo'), args: [path], deadline, memoryKb, cwd: work, maxOutputBytes: 1024 * 1024 });
  if (info.signal || info.code !== 0) throw failureOf('pdfinfo', info, 'pdf-broken');
  const pagesMatch = /^Pages:\s+(\d+)/m.exec(info.stdout.toString('utf8'));
  const pages = pagesMatch ? Number(pagesMatch[1]) : 0;
  if (pages < 1) throw new ExtractionFailure('pdf-broken', 'no pages');
  const read = Math.min(pages, opts.maxPages);
  const note = read < pages ? `page-limit: read ${read} of ${pages} pages` : null;

  const layer = await runLimited({
    command: tool(opts, 'pdftotext'),
    args: ['-layout', '-enc', 'UTF-8', '-f', '1', '-l', String(read), path, '-'],
    deadline,
    memoryKb,
    cwd: work,
    maxOutputBytes: MAX_TEXT_BYTES,
  });
  if (layer.signal || layer.code !== 0) throw failureOf('pdftotext', layer, 'pdf-broken');
  const text = clean(layer.stdout.toString('utf8'));
  if (visibleChars(text) >= MIN_CHARS_PER_PAGE * read) return { method: 'pdftotext', text, pages, note };

  // A scan: OCR page by page.
  const texts: string[] = [];
  for (let page = 1; page <= read; page++) {
    const base = join(work, `page-${page}`);
    const render = await runLimited({
      command: tool(opts, 'pdftoppm'),
      args: ['-r', String(opts.ocrDpi ?? 300), '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', path, base],
      deadline,
      memoryKb,
      cwd: work,
      maxOutputBytes: 1024 * 1024,
    });
    if (render.signal || render.code !== 0) throw failureOf('pdftoppm', render, 'pdf-broken');
    texts.push(await ocrImage(`${base}.png`, work, deadline, opts));
    await unlink(`${base}.png`).catch(() => undefined);
    opts.onOcrPage?.(page, read);
  }
  return { method: 'ocr', text: texts.join('\f'), pages, note };
}

async function ocrImage(image: string, work: string, deadline: number, opts: ExtractionOptions): Promise<string> {
  const r = await runLimited({
    command: tool(opts, 'tesseract'),
    args: [image, '-', '-l', 'deu', '--psm', '3'],
    deadline,
    memoryKb: opts.memoryKb ?? DEFAULT_MEMORY_KB,
    cwd: work,
    // One thread per page: the machine's other jobs need the cores too, and it is not slower overall.
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxOutputBytes: MAX_TEXT_BYTES,
  });
  if (r.signal || r.code !== 0) throw failureOf('tesseract', r, 'ocr-failed');
  return clean(r.stdout.toString('utf8'));
}

/**
 * mammoth (DOCX → raw text) in a Node child: a zip bomb or a pathological document costs that
 * process, not the worker. The script is inline; mammoth is resolved from where this process
 * resolves its packages.
 */
const DOCX_SCRIPT = `
const { createRequire } = require('node:module');
const [base, file] = process.argv.slice(1);
let mammoth;
for (const from of [base, process.env.RATSINFO_RESOLVE_FROM]) {
  if (!from) continue;
  try { mammoth = createRequire(from)('mammoth'); break; } catch {}
}
if (!mammoth) { process.stderr.write('mammoth not found\\n'); process.exit(127); }
mammoth.extractRawText({ path: file }).then(
  (r) => process.stdout.write(r.value),
  (e) => { process.stderr.write(String(e && e.message || e).split('\\n')[0] + '\\n'); process.exit(2); },
);
`;

async function extractDocx(path: string, work: string, deadline: number, opts: ExtractionOptions): Promise<ExtractionResult> {
  const heapMb = Math.max(64, Math.floor((opts.memoryKb ?? DEFAULT_MEMORY_KB) / 1024 / 2));
  const r = await runLimited({
    command: process.execPath,
    args: [`--max-old-space-size=${heapMb}`, '-e', DOCX_SCRIPT, resolveBase(), path],
    deadline,
    cwd: work,
    maxOutputBytes: MAX_TEXT_BYTES,
    env: { ...process.env, RATSINFO_RESOLVE_FROM: join(process.cwd(), 'package.json') },
  });
  if (r.code === 127 && /mammoth not found/.test(r.stderr)) throw new Error(`extraction tool missing: mammoth (${firstLine(r.stderr)})`);
  if (r.signal || r.code !== 0) throw failureOf('mammoth', r, 'docx-broken');
  return { method: 'docx', text: clean(r.stdout.toString('utf8')), pages: null, note: null };
}

/** A file path next to which `node_modules` is found: the main script of this process. */
function resolveBase(): string {
  return process.argv[1] ?? join(process.cwd(), 'package.json');
}

/** PostgreSQL text cannot hold NUL; trailing blanks per line and the final form feed carry nothing. */
function clean(text: string): string {
  return text
    .replaceAll('\u0000', '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\f+$/, '')
    .trim();
}

function visibleChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}
