import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '@ratsinfo/api-core';
import { ALLOWED_FILE_TYPES, type AllowedFileType, formatFileSize } from '@ratsinfo/contracts';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FileStorage } from './file-storage';

/** Bytes kept for sniffing: enough for file-type to walk the first entries of an Office/ODF zip. */
const SNIFF_BYTES = 64 * 1024;

export interface UploadLimits {
  maxBytes: number;
  /** The sniffed types this upload may have. */
  allowed: readonly AllowedFileType[];
}

export interface ReceivedUpload {
  key: string;
  /** The original name, made safe (no path parts or control characters, bounded). */
  fileName: string;
  mimeType: AllowedFileType;
  size: number;
  sha512: string;
  /** Text fields of the form, as sent (validated by the caller). */
  fields: Record<string, string>;
}

const brokenBody = () => new ValidationError([{ name: 'body', reason: 'is not a complete multipart/form-data body' }]);

/**
 * Reads a multipart/form-data request as it arrives: the one file part goes straight to the
 * storage under `key` (never into memory), its SHA-512 and size computed on the way, its first
 * bytes kept for sniffing. The size limit stops the upload the moment it is crossed. On any
 * failure (too large, a second file, a broken or truncated body, a type that does not match)
 * the blob is removed before the promise rejects, so nothing is left behind.
 */
export function receiveUpload(req: Request, storage: FileStorage, key: string, limits: UploadLimits): Promise<ReceivedUpload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the file as multipart/form-data with exactly one file part.');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: limits.maxBytes, files: 1, fields: 20, parts: 22, fieldSize: 2000, fieldNameSize: 100 },
    });
  } catch {
    throw new ValidationError([{ name: 'Content-Type', reason: 'must be multipart/form-data with a boundary' }]);
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let settled = false;
    let stored: Promise<number> | null = null;
    let fileName = '';
    let claimedType = '';
    const hash = createHash('sha512');
    const head: Buffer[] = [];
    let headBytes = 0;
    let tap: Transform | null = null;
    // Sniffed as soon as the first bytes are in, so a forged file is refused without storing the rest.
    let sniffed: Promise<AllowedFileType> | null = null;
    const sniffHead = () => {
      sniffed ??= sniff(Buffer.concat(head).subarray(0, SNIFF_BYTES), fileName, claimedType, limits.allowed);
      return sniffed;
    };

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      // Stop parsing; the rest of the body is read and dropped so the client gets our answer.
      req.unpipe(parser);
      req.resume();
      tap?.destroy(error);
      const cleanup = stored ? stored.then(() => storage.delete(key), () => storage.delete(key)) : Promise.resolve();
      cleanup.then(
        () => reject(error),
        () => reject(error),
      );
    };

    parser.on('file', (name, stream, info) => {
      if (settled) {
        stream.resume();
        return;
      }
      fileName = safeFileName(info.filename);
      claimedType = (info.mimeType ?? '').toLowerCase();
      tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          if (headBytes < SNIFF_BYTES) {
            head.push(chunk);
            headBytes += chunk.length;
            if (headBytes >= SNIFF_BYTES) sniffHead().catch((e: Error) => fail(e));
          }
          callback(null, chunk);
        },
      });
      const t = tap;
      // Its failures reach us through the storage's promise; the stream may fail before the storage has attached to it.
      t.on('error', () => undefined);
      stream.on('limit', () =>
        fail(new PayloadTooLargeError(`"${fileName}" is larger than the limit of ${formatFileSize(limits.maxBytes, 'en-GB')} (${limits.maxBytes} bytes).`)),
      );
      stream.on('error', (e: Error) => t.destroy(e));
      stream.pipe(t);
      stored = storage.put(key, t);
      // A storage failure (disk full) is ours, not the client's: surface it as it is.
      stored.catch((e: Error) => fail(e));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return fail(new ValidationError([{ name: name.slice(0, 100), reason: 'is too long' }]));
      if (name in fields) return fail(new ValidationError([{ name, reason: 'is given more than once' }]));
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(new ValidationError([{ name: 'file', reason: 'send exactly one file per upload' }])));
    parser.on('fieldsLimit', () => fail(new ValidationError([{ name: 'body', reason: 'has too many fields' }])));
    parser.on('partsLimit', () => fail(new ValidationError([{ name: 'body', reason: 'has too many parts' }])));
    parser.on('error', () => fail(brokenBody()));
    req.on('close', () => {
      if (!req.complete) fail(brokenBody());
    });
    parser.on('close', () => {
      if (settled) return;
      if (!stored) return fail(new ValidationError([{ name: 'file', reason: 'is required: send exactly one file part' }]));
      stored.then(
        async (size) => {
          if (settled) return;
          try {
            const mimeType = await sniffHead();
            if (settled) return;
            settled = true;
            resolve({ key, fileName, mimeType, size, sha512: hash.digest('hex'), fields });
          } catch (e) {
            fail(e as Error);
          }
        },
        () => undefined,
      );
    });
    req.pipe(parser);
  });
}

const MIME_ALIASES: Record<AllowedFileType, readonly string[]> = {
  'application/pdf': ['application/x-pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['application/zip', 'application/x-zip-compressed'],
  'application/vnd.oasis.opendocument.text': ['application/zip', 'application/x-zip-compressed'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['application/zip', 'application/x-zip-compressed'],
  'application/vnd.oasis.opendocument.spreadsheet': ['application/zip', 'application/x-zip-compressed'],
  'image/png': ['image/x-png'],
  'image/jpeg': ['image/jpg', 'image/pjpeg'],
};

/**
 * The type of the bytes, never the client's word for it: it must be on the allow-list, and the
 * name's extension and the part's Content-Type (unless the browser did not know and sent
 * application/octet-stream) must agree with it, or the upload is refused naming the file.
 */
export async function sniff(head: Buffer, fileName: string, claimedType: string, allowed: readonly AllowedFileType[]): Promise<AllowedFileType> {
  const detected = head.length ? await fileTypeFromBuffer(head).catch(() => undefined) : undefined;
  const accepted = allowed.map((t) => ALLOWED_FILE_TYPES[t].label).join(', ');
  const mime = detected?.mime as string | undefined;
  if (!mime || !(allowed as readonly string[]).includes(mime)) {
    throw new UnsupportedMediaTypeError(`"${fileName}" is not an accepted file type (its content is ${mime ?? 'of an unknown type'}). Accepted: ${accepted}.`);
  }
  const type = mime as AllowedFileType;
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (extension && !(ALLOWED_FILE_TYPES[type].extensions as readonly string[]).includes(extension)) {
    throw new UnsupportedMediaTypeError(`"${fileName}" is named .${extension}, but its content is ${ALLOWED_FILE_TYPES[type].label}.`);
  }
  if (claimedType && claimedType !== 'application/octet-stream' && claimedType !== type && !MIME_ALIASES[type].includes(claimedType)) {
    throw new UnsupportedMediaTypeError(`"${fileName}" was sent as ${claimedType}, but its content is ${ALLOWED_FILE_TYPES[type].label}.`);
  }
  return type;
}

/**
 * The original name as it may be stored and shown: the last path part only (browsers on Windows
 * used to send C:\…), no control characters, NFC, at most 255 characters with the extension
 * kept. Never used for the storage path.
 */
export function safeFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // C0, DEL, C1 and the bidirectional overrides that can disguise an extension.
  name = [...name].filter((ch) => !isUnsafeCharacter(ch.charCodeAt(0))).join('').trim();
  if (name === '' || name === '.' || name === '..') name = 'Datei';
  if (name.length > 255) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 255 - extension.length) + extension;
  }
  return name;
}

function isUnsafeCharacter(c: number): boolean {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}
