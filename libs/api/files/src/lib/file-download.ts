import type { create as createContentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import rangeParser from 'range-parser';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, FileStorage } from './file-storage';

export interface DownloadableVersion {
  fileName: string;
  mimeType: string;
  size: number;
  sha512: string;
  storageKey: string;
}

/**
 * The policy of a served file: it loads nothing and may not be framed. Chromium refuses to start
 * its PDF viewer in a CSP-sandboxed document, so PDFs go without `sandbox`; every other type (we
 * accept only images and Office documents, but a browser may still try to render one) gets it.
 */
const BASE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const cspFor = (mimeType: string) => (mimeType === 'application/pdf' ? BASE_CSP : `${BASE_CSP}; sandbox`);

/**
 * `content-disposition` 3 is ESM-only. Node's own require (which loads ESM since Node 22),
 * reached through getBuiltinModule, keeps it away from test module loaders that only handle
 * CommonJS (as for the Keycloak admin client).
 */
let contentDispositionFn: typeof createContentDisposition | undefined;
function contentDisposition(fileName: string, options: { type: 'inline' | 'attachment' }): string {
  if (!contentDispositionFn) {
    const { createRequire } = process.getBuiltinModule('node:module');
    contentDispositionFn = (createRequire(`${process.cwd()}/`)('content-disposition') as { create: typeof createContentDisposition }).create;
  }
  return contentDispositionFn(fileName, options);
}

/** Strong ETag of a version: its SHA-512 (a prefix is unique enough and keeps the header short). */
export function contentEtag(sha512: string): string {
  return `"sha512-${sha512.slice(0, 32)}"`;
}

function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a file version: the original name per RFC 6266/5987 (`filename*=UTF-8''…` for umlauts),
 * inline or as attachment, the sniffed type with nosniff, an ETag from the checksum
 * (If-None-Match → 304), byte ranges (206, 416; several ranges get the whole file), HEAD.
 */
export async function sendFileVersion(req: Request, res: Response, storage: FileStorage, v: DownloadableVersion, options: { attachment: boolean; cacheControl: string }): Promise<void> {
  const etag = contentEtag(v.sha512);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', options.cacheControl);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', cspFor(v.mimeType));
  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  let range: ByteRange | undefined;
  const rangeHeader = req.headers.range;
  // If-Range with another tag: the client's part is of other bytes, so it gets the whole file.
  const ifRange = req.get('if-range');
  if (rangeHeader && (!ifRange || ifRange.trim() === etag)) {
    const parsed = rangeParser(v.size, rangeHeader, { combine: true });
    if (parsed === -1) {
      res.setHeader('Content-Range', `bytes */${v.size}`);
      res.status(416).end();
      return;
    }
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1 && parsed[0]) range = parsed[0];
  }
  // Opened before any header of the answer is decided: a missing blob becomes a clean problem answer.
  let body: Readable | null = null;
  try {
    if (req.method !== 'HEAD' && v.size > 0) body = await storage.get(v.storageKey, range);
  } catch (e) {
    // A row without its bytes is our fault (logged as a 500); the error must not look cacheable.
    res.removeHeader('ETag');
    throw e;
  }
  res.setHeader('Content-Type', v.mimeType);
  res.setHeader('Content-Disposition', contentDisposition(v.fileName, { type: options.attachment ? 'attachment' : 'inline' }));
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${v.size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(v.size));
  }
  if (!body) {
    res.end();
    return;
  }
  try {
    await pipeline(body, res);
  } catch {
    // The client went away mid-download: nothing to answer any more.
  }
}
