import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig, AuthContext, NotFoundError, StaleVersionError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { NonPublicAccess } from '@ratsinfo/api-council';
import { OutboxWriter, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import {
  ALLOWED_FILE_MIME_TYPES,
  type AllowedFileType,
  type FileContentQuery,
  type FileDetailDto,
  type FileDto,
  type FileListDto,
  type FileOwnerRef,
  type FileUpdateInput,
  FileRoutes,
  fileUploadFieldsSchema,
  PHOTO_MIME_TYPES,
  TEXT_EXTRACTION_METHODS,
  type TextExtractionDto,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { MeetingBundleRequests } from './bundle-requests';
import { sendFileVersion } from './file-download';
import { FileStorage, newStorageKey } from './file-storage';
import { type FileReader, isPublicFile, mayReadFile, mayReadOwner } from './file-visibility';
import { FilesRepository, type OwnerFacts, ownerOf, type StoredFile, type StoredVersion } from './files.repository';
import { receiveUpload, type ReceivedUpload } from './upload-receiver';

const OWNER_NAME: Record<FileOwnerRef['kind'], string> = { paper: 'The paper', meeting: 'The meeting', 'agenda-item': 'The agenda item', person: 'The person' };
export const TEXT_EXTRACTION_TOPIC = 'file.text-extraction-requested';

/**
 * Files of papers, meetings, agenda items and persons: streaming uploads checked by their bytes,
 * versions that never replace each other, downloads under the visibility rule. Every write is
 * audited, and asks for text extraction through the outbox, in the transaction that records it;
 * the blob is stored before that transaction and removed again when it fails.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
    private readonly auth: AuthContext,
    private readonly tenant: TenantContext,
    private readonly nonPublic: NonPublicAccess,
    private readonly bundles: MeetingBundleRequests,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(owner: FileOwnerRef): Promise<FileListDto> {
    const slug = this.tenant.require().slug;
    return this.db.transaction(async (tx) => {
      const reader = await this.reader(tx);
      const facts = await this.files.ownerFacts(tx, owner);
      if (!facts || !mayReadOwner(reader, facts)) throw new NotFoundError(OWNER_NAME[owner.kind]);
      const rows = await this.files.listByOwner(tx, owner);
      return { data: rows.filter((f) => mayReadFile(reader, f, facts)).map((f) => toFileDto(f, officeUrls(slug))) };
    });
  }

  async get(id: string): Promise<FileDetailDto> {
    const slug = this.tenant.require().slug;
    const file = await this.db.transaction(async (tx) => this.readable(tx, id, await this.reader(tx)));
    return toFileDetailDto(file, officeUrls(slug));
  }

  /** A new file of `owner` from the multipart request (fields `name`, `public`, `main`). */
  async upload(owner: FileOwnerRef, req: Request): Promise<FileDto> {
    await this.db.transaction(async (tx) => this.requireOwner(tx, owner));
    const received = await this.receive(req, ALLOWED_FILE_MIME_TYPES);
    const parsed = fileUploadFieldsSchema.safeParse(received.fields);
    if (!parsed.success) {
      await this.storage.delete(received.key);
      throw new ValidationError(parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? { name: i.keys.join(', '), reason: 'unknown field' } : { name: i.path.join('.') || 'body', reason: i.message })));
    }
    const fields = parsed.data;
    if (fields.main && owner.kind !== 'paper') {
      await this.storage.delete(received.key);
      throw new ValidationError([{ name: 'main', reason: 'only a paper has a main file' }]);
    }
    const id = await this.committing(received, async (tx) => {
      await this.requireOwner(tx, owner);
      const file = await this.files.createFile(tx, {
        tenantId: this.tenant.require().id,
        owner,
        name: fields.name ?? defaultTitle(received.fileName),
        public: fields.public ?? true,
        sortOrder: await this.files.nextSortOrder(tx, owner),
      });
      await this.recordVersion(tx, file.id, 1, received);
      if (fields.main) await this.files.setPaperMainFile(tx, owner.id, file.id);
      await this.bundles.forFileOwner(tx, owner);
      await this.audit.tenantEvent(tx, {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: file.id,
        changes: { owner, name: fields.name ?? defaultTitle(received.fileName), fileName: received.fileName, mimeType: received.mimeType, size: received.size, public: fields.public ?? true, main: fields.main ?? false },
      });
      return file.id;
    });
    return this.dto(id);
  }

  /** A person's photo (PNG or JPEG): the first upload creates the file, later ones are its new versions. */
  async uploadPhoto(personId: string, req: Request): Promise<FileDto> {
    const owner: FileOwnerRef = { kind: 'person', id: personId };
    await this.db.transaction(async (tx) => this.requireOwner(tx, owner));
    const received = await this.receive(req, PHOTO_MIME_TYPES);
    if (Object.keys(received.fields).length) {
      await this.storage.delete(received.key);
      throw new ValidationError(Object.keys(received.fields).map((name) => ({ name, reason: 'unknown field' })));
    }
    const id = await this.committing(received, async (tx) => {
      const facts = await this.requireOwner(tx, owner);
      const current = facts.mainFileId ? await this.files.findFile(tx, facts.mainFileId) : null;
      if (current) {
        const number = (await this.files.lastVersionNumber(tx, current.id)) + 1;
        if (!(await this.files.updateIfVersion(tx, current.id, current.version, { currentVersion: number }))) throw new StaleVersionError('The photo', null);
        await this.recordVersion(tx, current.id, number, received);
        await this.audit.tenantEvent(tx, { action: 'file.version-added', entityType: 'file', entityId: current.id, changes: { owner, version: number, fileName: received.fileName, mimeType: received.mimeType, size: received.size } });
        return current.id;
      }
      const file = await this.files.createFile(tx, { tenantId: this.tenant.require().id, owner, name: 'Foto', public: true, sortOrder: 0 });
      await this.recordVersion(tx, file.id, 1, received);
      await this.files.setPersonPhoto(tx, personId, file.id);
      await this.audit.tenantEvent(tx, { action: 'file.uploaded', entityType: 'file', entityId: file.id, changes: { owner, name: 'Foto', fileName: received.fileName, mimeType: received.mimeType, size: received.size, photo: true } });
      return file.id;
    });
    return this.dto(id);
  }

  /** A new version of a file; the older ones stay readable. `expected` is the file's version the client read (If-Match). */
  async addVersion(id: string, expected: number, req: Request): Promise<FileDto> {
    // Checked before the body is read: a stale or wrong request costs no upload.
    const before = await this.db.transaction((tx) => this.writable(tx, id));
    if (before.version !== expected) throw new StaleVersionError('The file', toFileDto(before, officeUrls(this.tenant.require().slug)));
    const owner = ownerOf(before);
    const photo = owner.kind === 'person' && owner.mainFileId === before.id;
    const received = await this.receive(req, photo ? PHOTO_MIME_TYPES : ALLOWED_FILE_MIME_TYPES);
    if (Object.keys(received.fields).length) {
      await this.storage.delete(received.key);
      throw new ValidationError(Object.keys(received.fields).map((name) => ({ name, reason: 'unknown field' })));
    }
    await this.committing(received, async (tx) => {
      const number = (await this.files.lastVersionNumber(tx, id)) + 1;
      if (!(await this.files.updateIfVersion(tx, id, expected, { currentVersion: number }))) await this.stale(tx, id);
      await this.recordVersion(tx, id, number, received);
      await this.bundles.forFileOwner(tx, owner);
      await this.audit.tenantEvent(tx, { action: 'file.version-added', entityType: 'file', entityId: id, changes: { version: number, fileName: received.fileName, mimeType: received.mimeType, size: received.size } });
    });
    return this.dto(id);
  }

  async update(id: string, expected: number, input: FileUpdateInput): Promise<FileDto> {
    const { main, ...fields } = input;
    await this.db.transaction(async (tx) => {
      const before = await this.writable(tx, id);
      const owner = ownerOf(before);
      if (main !== undefined && owner.kind !== 'paper') throw new ValidationError([{ name: 'main', reason: 'only a paper has a main file' }]);
      if (!(await this.files.updateIfVersion(tx, id, expected, fields))) await this.stale(tx, id);
      const changes: Record<string, unknown> = {};
      for (const k of ['name', 'public', 'sortOrder'] as const) if (fields[k] !== undefined && fields[k] !== before[k]) changes[k] = { before: before[k], after: fields[k] };
      const wasMain = owner.mainFileId === id;
      if (main !== undefined && main !== wasMain) {
        await this.files.setPaperMainFile(tx, owner.id, main ? id : null);
        changes['main'] = { before: wasMain, after: main };
      }
      if (Object.keys(changes).length) await this.bundles.forFileOwner(tx, owner);
      await this.audit.tenantEvent(tx, { action: 'file.updated', entityType: 'file', entityId: id, changes });
    });
    return this.dto(id);
  }

  /** Soft delete: the file and its versions stay stored (OParl's deleted objects); a paper's main file or a person's photo is unset. */
  async remove(id: string, expected: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.writable(tx, id);
      if (!(await this.files.updateIfVersion(tx, id, expected, { deletedAt: new Date() }))) await this.stale(tx, id);
      const owner = ownerOf(before);
      if (owner.mainFileId === id) {
        if (owner.kind === 'paper') await this.files.setPaperMainFile(tx, owner.id, null);
        if (owner.kind === 'person') await this.files.setPersonPhoto(tx, owner.id, null);
      }
      await this.bundles.forFileOwner(tx, owner);
      await this.audit.tenantEvent(tx, { action: 'file.deleted', entityType: 'file', entityId: id, changes: { owner: { kind: owner.kind, id: owner.id }, name: before.name } });
    });
  }

  /** The office download: whoever may read the file (404 otherwise, never 403). */
  async sendOfficeContent(id: string, query: FileContentQuery, req: Request, res: Response): Promise<void> {
    const file = await this.db.transaction(async (tx) => this.readable(tx, id, await this.reader(tx)));
    // Behind a sign-in: no shared cache may keep it.
    await sendFileVersion(req, res, this.storage, downloadable(pickVersion(file, query.version)), { attachment: query.download ?? false, cacheControl: 'private, no-store' });
  }

  /** The portal download: public files of public owners only. */
  async sendPortalContent(id: string, query: FileContentQuery, req: Request, res: Response): Promise<void> {
    const file = await this.db.transaction(async (tx) => {
      const f = await this.files.findFile(tx, id);
      if (!f || !isPublicFile(f, ownerOf(f))) throw new NotFoundError('The file');
      return f;
    });
    // Public bytes that never change under one URL+version… but the current version of a file
    // can: shared caches may store, and must revalidate (ETag → 304).
    await sendFileVersion(req, res, this.storage, downloadable(pickVersion(file, query.version)), { attachment: query.download ?? false, cacheControl: 'public, no-cache' });
  }

  /**
   * The public files of public owners of one kind, by owner id, with portal URLs: for the portal
   * pages of papers and meetings (one query for all agenda items of a meeting). Runs in the
   * caller's tenant transaction.
   */
  async publicFilesByOwner(tx: TenantTx, kind: FileOwnerRef['kind'], ownerIds: readonly string[]): Promise<Map<string, FileDto[]>> {
    const slug = this.tenant.require().slug;
    const byOwner = new Map<string, FileDto[]>();
    for (const f of await this.files.listByOwners(tx, kind, ownerIds)) {
      const owner = ownerOf(f);
      if (!isPublicFile(f, owner)) continue;
      byOwner.set(owner.id, [...(byOwner.get(owner.id) ?? []), toFileDto(f, portalUrls(slug))]);
    }
    return byOwner;
  }

  /**
   * The files of owners of one kind the caller may read in the back office (the visibility rule),
   * by owner id, with office URLs: for the office views of papers and meetings.
   */
  async readableFilesByOwner(tx: TenantTx, kind: FileOwnerRef['kind'], ownerIds: readonly string[]): Promise<Map<string, FileDto[]>> {
    const slug = this.tenant.require().slug;
    const reader = await this.reader(tx);
    const byOwner = new Map<string, FileDto[]>();
    for (const f of await this.files.listByOwners(tx, kind, ownerIds)) {
      const owner = ownerOf(f);
      if (!mayReadFile(reader, f, owner)) continue;
      byOwner.set(owner.id, [...(byOwner.get(owner.id) ?? []), toFileDto(f, officeUrls(slug))]);
    }
    return byOwner;
  }

  private async dto(id: string): Promise<FileDto> {
    const slug = this.tenant.require().slug;
    return this.db.transaction(async (tx) => {
      const f = await this.files.findFile(tx, id);
      if (!f) throw new NotFoundError('The file');
      return toFileDto(f, officeUrls(slug));
    });
  }

  private async reader(tx: TenantTx): Promise<FileReader> {
    const session = this.auth.requireTenantSession();
    if (session.actingRole !== 'member') return { kind: 'staff' };
    return { kind: 'member', scope: await this.nonPublic.scope(tx) };
  }

  private async readable(tx: TenantTx, id: string, reader: FileReader): Promise<StoredFile> {
    const f = await this.files.findFile(tx, id);
    if (!f || !mayReadFile(reader, f, ownerOf(f))) throw new NotFoundError('The file');
    return f;
  }

  /** Staff write to any file whose owner is alive. */
  private async writable(tx: TenantTx, id: string): Promise<StoredFile> {
    return this.readable(tx, id, { kind: 'staff' });
  }

  private async requireOwner(tx: TenantTx, owner: FileOwnerRef): Promise<OwnerFacts> {
    const facts = await this.files.ownerFacts(tx, owner);
    if (!facts?.alive) throw new NotFoundError(OWNER_NAME[owner.kind]);
    return facts;
  }

  private async stale(tx: TenantTx, id: string): Promise<never> {
    const current = await this.files.findFile(tx, id);
    if (!current) throw new NotFoundError('The file');
    throw new StaleVersionError('The file', toFileDto(current, officeUrls(this.tenant.require().slug)));
  }

  private receive(req: Request, allowed: readonly AllowedFileType[]): Promise<ReceivedUpload> {
    return receiveUpload(req, this.storage, newStorageKey(this.tenant.require().id), { maxBytes: this.config.FILE_MAX_BYTES, allowed });
  }

  private async recordVersion(tx: TenantTx, fileId: string, number: number, r: ReceivedUpload): Promise<void> {
    await this.files.addVersion(tx, {
      tenantId: this.tenant.require().id,
      fileId,
      number,
      fileName: r.fileName,
      mimeType: r.mimeType,
      size: r.size,
      sha512: r.sha512,
      storageKey: r.key,
      uploadedByName: this.auth.principal()?.name?.slice(0, 200) ?? null,
    });
    await this.outbox.add(tx, { topic: TEXT_EXTRACTION_TOPIC, payload: { fileId, versionNumber: number }, actor: this.actor() });
  }

  /** Runs the transaction that records a stored blob; when it fails, the blob goes too. */
  private async committing<T>(received: ReceivedUpload, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (e) {
      await this.storage.delete(received.key).catch((err: unknown) => this.logger.error({ err, key: received.key }, 'could not remove the blob of a failed upload; the sweep will'));
      throw e;
    }
  }

  private actor() {
    const p = this.auth.principal();
    const s = this.auth.tenantSession();
    return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
  }
}

interface Urls {
  content: (id: string) => string;
  /** The back office also sees how the text extraction went (never the portal). */
  office: boolean;
}
const officeUrls = (slug: string): Urls => ({ content: (id) => FileRoutes.fileContent(slug, id), office: true });
const portalUrls = (slug: string): Urls => ({ content: (id) => FileRoutes.portalFileContent(slug, id), office: false });

function pickVersion(file: StoredFile, number: number | undefined): StoredVersion {
  const wanted = number ?? file.currentVersion;
  const v = file.versions.find((x) => x.number === wanted);
  if (!v) throw new NotFoundError(`Version ${wanted} of the file`);
  return v;
}

function downloadable(v: StoredVersion) {
  return { fileName: v.fileName, mimeType: v.mimeType, size: Number(v.size), sha512: v.sha512, storageKey: v.storageKey };
}

/** "Lageplan.pdf" → "Lageplan": the title a clerk would type. */
function defaultTitle(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).slice(0, 300).trim() || 'Datei';
}

function versionDto(fileId: string, v: StoredVersion, urls: Urls, current: boolean) {
  const url = current ? urls.content(fileId) : `${urls.content(fileId)}?version=${v.number}`;
  return {
    number: v.number,
    fileName: v.fileName,
    mimeType: v.mimeType,
    size: Number(v.size),
    sha512Checksum: v.sha512,
    createdAt: v.createdAt.toISOString(),
    uploadedByName: v.uploadedByName,
    textAvailable: v.textExtractedAt !== null,
    accessUrl: url,
    downloadUrl: `${url}${current ? '?' : '&'}download=1`,
  };
}

export function toFileDto(f: StoredFile, urls: Urls): FileDto {
  const owner = ownerOf(f);
  const current = f.versions.find((v) => v.number === f.currentVersion) ?? f.versions[f.versions.length - 1];
  if (!current) throw new Error(`file ${f.id} has no version`);
  const v = versionDto(f.id, current, urls, true);
  return {
    id: f.id,
    name: f.name,
    fileName: v.fileName,
    mimeType: v.mimeType,
    size: v.size,
    sha512Checksum: v.sha512Checksum,
    public: f.public,
    version: f.version,
    currentVersion: f.currentVersion,
    sortOrder: f.sortOrder,
    owner: { kind: owner.kind, id: owner.id },
    main: owner.kind === 'paper' && owner.mainFileId === f.id,
    createdAt: f.createdAt.toISOString(),
    modifiedAt: f.updatedAt.toISOString(),
    textAvailable: v.textAvailable,
    accessUrl: v.accessUrl,
    downloadUrl: v.downloadUrl,
    ...(urls.office ? { textExtraction: textExtractionDto(current) } : {}),
  };
}

/**
 * The worker's text extraction of a version, for the office: done (text_extracted_at; a page-limit
 * note may come with it), failed (text_extraction_error without text_extracted_at), else pending.
 */
export function textExtractionDto(v: Pick<StoredVersion, 'textExtractedAt' | 'textExtractionMethod' | 'textExtractionError' | 'textPageCount'>): TextExtractionDto {
  const method = (TEXT_EXTRACTION_METHODS as readonly string[]).includes(v.textExtractionMethod ?? '') ? (v.textExtractionMethod as TextExtractionDto['method']) : null;
  if (v.textExtractedAt !== null) {
    const limited = /^page-limit: read (\d+) of \d+ pages/.exec(v.textExtractionError ?? '');
    return { state: 'done', method, pages: v.textPageCount, pagesRead: limited ? Number(limited[1]) : v.textPageCount, reason: null };
  }
  if (v.textExtractionError !== null) return { state: 'failed', method: null, pages: v.textPageCount, pagesRead: null, reason: v.textExtractionError };
  return { state: 'pending', method: null, pages: null, pagesRead: null, reason: null };
}

function toFileDetailDto(f: StoredFile, urls: Urls): FileDetailDto {
  return { ...toFileDto(f, urls), versions: f.versions.map((v) => versionDto(f.id, v, urls, v.number === f.currentVersion)).reverse() };
}
