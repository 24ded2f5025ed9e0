import { z } from 'zod';
import { FILE_OWNER_KINDS } from './files-routes';
import { text } from './input';

/**
 * Files (OParl File) of papers, meetings, agenda items and persons: the stable object with its
 * versions, as the back office and the portal read them. Contract between the API (libs/api/files)
 * and the web app (upload and file list components).
 */

/** The media types an upload may have, as sniffed from its bytes, with the file name extensions that may claim each. */
export const ALLOWED_FILE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (DOCX)', extensions: ['docx'] },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument-Text (ODT)', extensions: ['odt'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel (XLSX)', extensions: ['xlsx'] },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument-Tabelle (ODS)', extensions: ['ods'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe'] },
} as const satisfies Record<string, { label: string; extensions: readonly string[] }>;
export type AllowedFileType = keyof typeof ALLOWED_FILE_TYPES;
export const ALLOWED_FILE_MIME_TYPES = Object.keys(ALLOWED_FILE_TYPES) as AllowedFileType[];
/** A person's photo: images only. */
export const PHOTO_MIME_TYPES: readonly AllowedFileType[] = ['image/png', 'image/jpeg'];
/** For `<input type="file" accept>`: the extensions and media types of the allow-list. */
export const FILE_ACCEPT = [...ALLOWED_FILE_MIME_TYPES, ...Object.values(ALLOWED_FILE_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`))].join(',');
export const PHOTO_ACCEPT = 'image/png,image/jpeg,.png,.jpg,.jpeg';


/** One stored version of a file (newest has the highest number). */
export const fileVersionSchema = z.object({
  number: z.number().int().min(1),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().min(0),
  sha512Checksum: z.string(),
  createdAt: z.string(),
  uploadedByName: z.string().nullable(),
  textAvailable: z.boolean(),
  accessUrl: z.string(),
  downloadUrl: z.string(),
});
export type FileVersionDto = z.infer<typeof fileVersionSchema>;

/** How the worker read a version's text (file_versions.text_extraction_method). */
export const TEXT_EXTRACTION_METHODS = ['pdftotext', 'ocr', 'docx', 'none'] as const;

/**
 * The text extraction of the current version, office only: `pending` (the worker has not read it
 * yet), `done` (method; `pagesRead` < `pages` when the page limit cut it), `failed` (a short
 * technical reason, e.g. "pdf-broken: …", "timeout: after 300 s").
 */
export const textExtractionSchema = z.object({
  state: z.enum(['pending', 'done', 'failed']),
  method: z.enum(TEXT_EXTRACTION_METHODS).nullable(),
  pages: z.number().int().nullable(),
  pagesRead: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type TextExtractionDto = z.infer<typeof textExtractionSchema>;

/** A file as its current version shows it. URLs are relative: office or portal, as it was read. */
export const fileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().min(0),
  sha512Checksum: z.string(),
  public: z.boolean(),
  /** Concurrency version of the file (send as If-Match); not the content version. */
  version: z.number().int().min(1),
  currentVersion: z.number().int().min(1),
  sortOrder: z.number().int(),
  owner: z.object({ kind: z.enum(FILE_OWNER_KINDS), id: z.uuid() }),
  /** The paper's main file (Vorlagentext). */
  main: z.boolean(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  textAvailable: z.boolean(),
  accessUrl: z.string(),
  downloadUrl: z.string(),
  /** Office answers only; the portal never carries it. */
  textExtraction: textExtractionSchema.optional(),
});
export type FileDto = z.infer<typeof fileSchema>;

export const fileDetailSchema = fileSchema.extend({ versions: z.array(fileVersionSchema) });
export type FileDetailDto = z.infer<typeof fileDetailSchema>;

export const fileListSchema = z.object({ data: z.array(fileSchema) });
export type FileListDto = z.infer<typeof fileListSchema>;

const flag = z.enum(['true', 'false', '1', '0', 'on']).transform((v) => v === 'true' || v === '1' || v === 'on');

/** The text fields of an upload (multipart form fields next to the one file part). */
export const fileUploadFieldsSchema = z
  .object({
    /** The title shown, e.g. "Anlage 1 – Lageplan"; default: the file name without extension. */
    name: text({ max: 300, min: 1 }).optional(),
    public: flag.optional(),
    /** Papers only: make it the paper's main file. */
    main: flag.optional(),
  })
  .strict();
export type FileUploadFields = z.infer<typeof fileUploadFieldsSchema>;

/** A new version: only the file part (and no fields). */
export const fileVersionUploadFieldsSchema = z.object({}).strict();

export const fileUpdateSchema = z
  .object({
    name: text({ max: 300, min: 1 }).optional(),
    public: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
    /** Papers only: make it (true) or no longer (false) the paper's main file. */
    main: z.boolean().optional(),
  })
  .strict();
export type FileUpdateInput = z.infer<typeof fileUpdateSchema>;

/** `?version=n` (default: the current one), `?download=1` for an attachment (inline otherwise). */
export const fileContentQuerySchema = z
  .object({
    version: z
      .string()
      .regex(/^\d{1,6}$/, 'must be a version number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be a version number'))
      .optional(),
    download: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  })
  .strict();
export type FileContentQuery = z.infer<typeof fileContentQuerySchema>;

