import { ProblemType } from '@ratsinfo/contracts';
import { isApiError } from '@ratsinfo/web-data-access';

/** A translation key with its parameters. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/** `1,5 MB`: sizes as a German reader expects them. */
export function formatSize(bytes: number, locale = 'de-DE'): string {
  const units = ['Byte', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

const TYPE_KEYS: Readonly<Record<string, string>> = {
  /** t(files.types.pdf, files.types.docx, files.types.odt, files.types.xlsx, files.types.ods, files.types.png, files.types.jpeg, files.types.other) */
  'application/pdf': 'files.types.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'files.types.docx',
  'application/vnd.oasis.opendocument.text': 'files.types.odt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'files.types.xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'files.types.ods',
  'image/png': 'files.types.png',
  'image/jpeg': 'files.types.jpeg',
};

/** The kind of file in words ("PDF", "Word"). */
export function typeKey(mimeType: string): string {
  return TYPE_KEYS[mimeType] ?? 'files.types.other';
}

/**
 * What to tell a clerk about a failed file operation, in their language: the API's problems
 * (413 with the limit, 415, a stale version, …) are English for developers; the name of the file
 * is known here.
 */
/** t(files.errors.stale, files.errors.notFound, files.errors.forbidden, files.errors.network, files.errors.unknown) */
export function fileErrorMessage(error: unknown, fileName: string, options: { photo?: boolean } = {}): Message {
  if (!isApiError(error)) return { key: 'files.errors.unknown' };
  const type = error.problem?.type;
  if (error.status === 413 || type === ProblemType.payloadTooLarge) {
    const limit = /\((\d+) bytes\)/.exec(error.problem?.detail ?? '')?.[1];
    /** t(files.errors.tooLarge, files.errors.tooLargeNoLimit) */
    return limit ? { key: 'files.errors.tooLarge', params: { name: fileName, limit: formatSize(Number(limit)) } } : { key: 'files.errors.tooLargeNoLimit', params: { name: fileName } };
  }
  if (error.status === 415 || type === ProblemType.unsupportedMediaType) {
    /** t(files.errors.photoType, files.errors.unsupportedType) */
    return { key: options.photo ? 'files.errors.photoType' : 'files.errors.unsupportedType', params: { name: fileName } };
  }
  if (error.status === 412 || type === ProblemType.staleVersion) return { key: 'files.errors.stale' };
  if (error.kind === 'not-found') return { key: 'files.errors.notFound' };
  if (error.kind === 'forbidden' || error.kind === 'unauthorized') return { key: 'files.errors.forbidden' };
  if (error.kind === 'network' || error.kind === 'unavailable' || error.kind === 'rate-limited') return { key: 'files.errors.network' };
  if (error.kind === 'validation') {
    const fields = error.fieldErrors.map((e) => e.name).filter((n) => n !== 'body' && n !== 'file' && n !== 'Content-Type');
    /** t(files.errors.invalidFields, files.errors.invalid) */
    return fields.length ? { key: 'files.errors.invalidFields', params: { fields: fields.join(', ') } } : { key: 'files.errors.invalid', params: { name: fileName } };
  }
  return { key: 'files.errors.unknown' };
}
