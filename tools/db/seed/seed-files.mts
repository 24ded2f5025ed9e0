/**
 * The demo's file bytes: rendered from their specs (demo-documents.mts) and written into the local
 * file storage at `${FILE_STORAGE_DIR}/<tenant uuid>/<uuid>`, the storage key of the version row.
 *
 * Like an upload, a blob is on disk before its row commits: written to a temporary name in the
 * same folder, then renamed into place, so a reader never sees half a file. A blob that is already
 * there is left alone (the bytes are deterministic), so a second seed run writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderDocument } from './demo-documents.mts';
import type { DocumentSpec, RenderedDocument } from './demo-documents.mts';
import type { DemoDocument } from './demo-papers.mts';

export interface FileVersionRow {
  id: string;
  tenant_id: string;
  file_id: string;
  number: number;
  file_name: string;
  mime_type: string;
  size: number;
  sha512: string;
  storage_key: string;
  text: string | null;
  text_extracted_at: string | null;
  uploaded_by_name: string;
}

export interface RenderedFile {
  document: DemoDocument;
  bytes: Uint8Array;
  row: FileVersionRow;
}

export const sha512Hex = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------
// Render cache: rendering ~500 PDFs costs seconds (a scanned letter alone, with pdftoppm, a second
// or more), and every test run seeds a fresh stack. The bytes are a pure function of the spec and
// the renderer (for scans also poppler's version), so they are kept in a folder outside the
// repository (os.tmpdir(); RATSINFO_DEMO_FILES_CACHE to move it, "off" to disable) under a hash of
// both. Entries are checked against their recorded SHA-512 on reading; unused ones expire.
// ---------------------------------------------------------------------------------------------

const CACHE_SETTING = process.env['RATSINFO_DEMO_FILES_CACHE'];
const CACHE_DIR = CACHE_SETTING === 'off' ? null : (CACHE_SETTING || join(tmpdir(), 'ratsinfo-demo-files'));
const CACHE_MAX_AGE_MS = 14 * 86_400_000;
let rendererVersion: string | undefined;

let popplerVersion: string | undefined;

function cacheKey(spec: DocumentSpec): string {
  rendererVersion ??= createHash('sha256')
    .update(readFileSync(new URL('./demo-documents.mts', import.meta.url)))
    .update(readFileSync(new URL('./demo-ids.mts', import.meta.url)))
    .update(readFileSync(new URL('../../../node_modules/pdf-lib/package.json', import.meta.url)))
    .update(readFileSync(new URL('../../../node_modules/fflate/package.json', import.meta.url)))
    .digest('hex');
  const hash = createHash('sha256').update(rendererVersion).update(JSON.stringify(spec));
  // A scan's pixels are poppler's rendering (pdftoppm): another version may draw other bytes.
  if (spec.kind === 'scan-pdf') hash.update((popplerVersion ??= pdftoppmVersion()));
  return hash.digest('hex');
}

/** `pdftoppm -v` (it prints to stderr); "missing" without poppler (rendering then says what to install). */
function pdftoppmVersion(): string {
  const r = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  return r.error ? 'missing' : `${r.stdout}${r.stderr}`.trim();
}

interface CacheMeta {
  mimeType: string;
  text: string | null;
  sha512: string;
}

async function fromCache(key: string): Promise<RenderedDocument | null> {
  if (!CACHE_DIR) return null;
  try {
    const [bytes, meta] = await Promise.all([readFile(join(CACHE_DIR, key)), readFile(join(CACHE_DIR, `${key}.json`), 'utf8')]);
    const m = JSON.parse(meta) as CacheMeta;
    if (sha512Hex(bytes) !== m.sha512) return null;
    const now = new Date();
    await utimes(join(CACHE_DIR, `${key}.json`), now, now).catch(() => undefined);
    return { bytes: new Uint8Array(bytes), mimeType: m.mimeType, text: m.text };
  } catch {
    return null;
  }
}

async function toCache(key: string, doc: RenderedDocument, sha512: string): Promise<void> {
  if (!CACHE_DIR) return;
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    const temp = join(CACHE_DIR, `${key}.${randomUUID()}.tmp`);
    await writeFile(temp, doc.bytes);
    await rename(temp, join(CACHE_DIR, key));
    const meta: CacheMeta = { mimeType: doc.mimeType, text: doc.text, sha512 };
    await writeFile(`${temp}.json`, JSON.stringify(meta));
    await rename(`${temp}.json`, join(CACHE_DIR, `${key}.json`));
  } catch {
    // a cache that cannot be written only costs time
  }
}

/** Removes entries not used for two weeks; at most once a day. */
export async function pruneRenderCache(): Promise<void> {
  if (!CACHE_DIR) return;
  const marker = join(CACHE_DIR, '.pruned');
  try {
    if (Date.now() - (await stat(marker)).mtimeMs < 86_400_000) return;
  } catch {
    // never pruned (or no cache yet)
  }
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(marker, '');
    for (const name of await readdir(CACHE_DIR)) {
      if (!name.endsWith('.json')) continue;
      const meta = join(CACHE_DIR, name);
      if (Date.now() - (await stat(meta)).mtimeMs > CACHE_MAX_AGE_MS) {
        await rm(join(CACHE_DIR, name.slice(0, -'.json'.length)), { force: true });
        await rm(meta, { force: true });
      }
    }
  } catch {
    // best effort
  }
}

export async function renderFile(document: DemoDocument, extractedAt: string): Promise<RenderedFile> {
  const spec = document.spec();
  const key = cacheKey(spec);
  const cached = await fromCache(key);
  const rendered = cached ?? (await renderDocument(spec));
  const { bytes, mimeType, text } = rendered;
  if (!cached) await toCache(key, rendered, sha512Hex(bytes));
  return {
    document,
    bytes,
    row: {
      id: document.version_id,
      tenant_id: document.tenant_id,
      file_id: document.file_id,
      number: document.number,
      file_name: document.file_name,
      mime_type: mimeType,
      size: bytes.length,
      sha512: sha512Hex(bytes),
      storage_key: document.storage_key,
      // What the text extraction would find: the seed drew it, so it knows it. A scanned letter
      // and a site plan have none: the worker's OCR reads them (seed.mts requests it).
      text,
      text_extracted_at: text === null ? null : extractedAt,
      uploaded_by_name: document.uploaded_by_name,
    },
  };
}

export function blobPath(storageDir: string, storageKey: string): string {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
  return join(storageDir, ...storageKey.split('/'));
}

/** Size of the blob on disk, or null when there is none. */
export async function blobSize(storageDir: string, storageKey: string): Promise<number | null> {
  try {
    return (await stat(blobPath(storageDir, storageKey))).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes the blob under a temporary name and renames it into place, so a reader never sees half a
 * file. Unlike an upload it is not fsynced: ~500 syncs would cost the seed seconds, and a blob lost
 * to a crash is written again by the next seed run (restoreMissingBlobs compares presence and size).
 */
export async function writeBlob(storageDir: string, storageKey: string, bytes: Uint8Array): Promise<void> {
  const target = blobPath(storageDir, storageKey);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, bytes, { flag: 'wx', mode: 0o640 });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function removeBlob(storageDir: string, storageKey: string): Promise<void> {
  await rm(blobPath(storageDir, storageKey), { force: true });
}

/** Runs `fn` over `items`, at most `limit` at a time (file system latency overlaps, CPU work does not). */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
