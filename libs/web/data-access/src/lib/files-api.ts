import { HttpClient, HttpEvent, HttpEventType, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { FileDetailDto, FileDto, FileListDto, FileOwnerRef, FileRoutes, FileUpdateInput } from '@ratsinfo/contracts';
import { Observable, catchError, filter, from, map, switchMap, throwError, timeout } from 'rxjs';
import { toApiError, toApiErrorFromBlob } from './api-error';
import { filenameFromContentDisposition } from './export-download';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/** What an upload reports: progress while the bytes go out, then the stored file. */
export type UploadEvent = { kind: 'progress'; loaded: number; total: number | null } | { kind: 'done'; file: FileDto };

/** Fields of a new file next to its bytes. */
export interface UploadFields {
  name?: string;
  public?: boolean;
  /** Papers only: the paper's main file. */
  main?: boolean;
}

/** A downloaded file (office downloads need the bearer token, so they go through HttpClient). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * Client of the files API of the back office (`/api/office/{slug}/…`): lists, uploads with
 * progress (`reportProgress`, `observe: 'events'`), new versions, edits with If-Match, deletes and
 * downloads. Errors are {@link ApiError}s (413/415 carry the API's problem with the file's name).
 */
@Injectable({ providedIn: 'root' })
export class FilesApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  list(slug: string, owner: FileOwnerRef): Observable<FileDto[]> {
    return this.http.get<FileListDto>(FileRoutes.ownerFiles(slug, owner), { headers: JSON_ACCEPT }).pipe(
      timeout(this.timeoutMs),
      map((r) => r.data),
      catchError((e: unknown) => throwError(() => toApiError(e))),
    );
  }

  get(slug: string, id: string): Observable<FileDetailDto> {
    return this.http.get<FileDetailDto>(FileRoutes.file(slug, id), { headers: JSON_ACCEPT }).pipe(
      timeout(this.timeoutMs),
      catchError((e: unknown) => throwError(() => toApiError(e))),
    );
  }

  /** A new file of `owner` (for a person: use {@link uploadPhoto}). */
  upload(slug: string, owner: FileOwnerRef, file: File, fields: UploadFields = {}): Observable<UploadEvent> {
    const form = new FormData();
    if (fields.name) form.append('name', fields.name);
    if (fields.public !== undefined) form.append('public', String(fields.public));
    if (fields.main) form.append('main', 'true');
    form.append('file', file, file.name);
    return this.send(FileRoutes.ownerFiles(slug, owner), form, {});
  }

  /** A person's photo (PNG or JPEG); a second one becomes the photo's new version. */
  uploadPhoto(slug: string, personId: string, file: File): Observable<UploadEvent> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.send(FileRoutes.personPhoto(slug, personId), form, {});
  }

  /** A new version of `current` (If-Match: the version read); the older versions stay. */
  uploadVersion(slug: string, current: Pick<FileDto, 'id' | 'version'>, file: File): Observable<UploadEvent> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.send(FileRoutes.fileVersions(slug, current.id), form, { 'If-Match': `"${current.version}"` });
  }

  update(slug: string, current: Pick<FileDto, 'id' | 'version'>, input: FileUpdateInput): Observable<FileDto> {
    return this.http.patch<FileDto>(FileRoutes.file(slug, current.id), input, { headers: { ...JSON_ACCEPT, 'If-Match': `"${current.version}"` } }).pipe(
      timeout(this.timeoutMs),
      catchError((e: unknown) => throwError(() => toApiError(e))),
    );
  }

  remove(slug: string, current: Pick<FileDto, 'id' | 'version'>): Observable<void> {
    return this.http.delete<void>(FileRoutes.file(slug, current.id), { headers: { ...JSON_ACCEPT, 'If-Match': `"${current.version}"` } }).pipe(
      timeout(this.timeoutMs),
      catchError((e: unknown) => throwError(() => toApiError(e))),
    );
  }

  /** The bytes of `url` (an `accessUrl` or `downloadUrl` of a FileDto) with the original name. */
  download(url: string, fallbackName: string): Observable<DownloadedFile> {
    return this.http.get(url, { observe: 'response', responseType: 'blob' }).pipe(
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([]),
        filename: filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
      })),
      catchError((error: unknown) => from(toApiErrorFromBlob(error)).pipe(switchMap((apiError) => throwError(() => apiError)))),
    );
  }

  private send(url: string, form: FormData, headers: Record<string, string>): Observable<UploadEvent> {
    // No timeout: a large file on a slow line takes as long as it takes; progress shows it moving.
    return this.http.post<FileDto>(url, form, { headers: { ...JSON_ACCEPT, ...headers }, reportProgress: true, observe: 'events' }).pipe(
      map((event: HttpEvent<FileDto>): UploadEvent | null => {
        if (event.type === HttpEventType.UploadProgress) return { kind: 'progress', loaded: event.loaded, total: event.total ?? null };
        if (event.type === HttpEventType.Response && event.body) return { kind: 'done', file: event.body };
        return null;
      }),
      filter((e): e is UploadEvent => e !== null),
      catchError((e: unknown) => throwError(() => toApiError(e))),
    );
  }
}
