import { HttpClient, HttpResponse } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import type { ExportRequest, TenantExportDto } from '@ratsinfo/contracts';
import { Observable, catchError, concatMap, filter, from, map, switchMap, take, throwError, timeout, timer } from 'rxjs';
import { ApiError, isApiError, toApiError, toApiErrorFromBlob } from './api-error';

/** Milliseconds an export may take before it counts as failed. */
export const EXPORT_TIMEOUT = new InjectionToken<number>('EXPORT_TIMEOUT', {
  providedIn: 'root',
  factory: () => 300_000,
});

/** A downloaded export archive. */
export interface TenantExport {
  blob: Blob;
  /** File name from `Content-Disposition`, or a generated one. */
  filename: string;
}

/**
 * File name of a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 5987) wins over
 * `filename="…"`. Path parts are stripped; null when there is none.
 */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
    name = plain ? (plain[2] ?? plain[1]).trim() : null;
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

/** Milliseconds between two looks at a pending export (the status line is announced politely). */
export const EXPORT_POLL_INTERVAL = new InjectionToken<number>('EXPORT_POLL_INTERVAL', {
  providedIn: 'root',
  factory: () => 3_000,
});

export interface ExportUrls {
  /** `POST`: request an export (202 with the record). */
  request: string;
  /** `GET`: one export record. */
  status: (id: string) => string;
  /** `GET`: the ZIP of a ready export. */
  download: (id: string) => string;
}

const JSON_HEADERS = { Accept: 'application/json, application/problem+json' };

/**
 * Downloads a ready export's ZIP; the problem details of an error arrive as a Blob and are read
 * into an {@link ApiError} (409 not ready, 410 expired).
 */
export function downloadExportZip(http: HttpClient, url: string, fallbackName: string): Observable<TenantExport> {
  return http.get(url, { observe: 'response', responseType: 'blob', headers: { Accept: 'application/zip, application/problem+json' } }).pipe(
    map((response: HttpResponse<Blob>) => ({
      blob: response.body ?? new Blob([], { type: 'application/zip' }),
      filename: filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
    })),
    catchError((error: unknown) => from(toApiErrorFromBlob(error)).pipe(switchMap((apiError) => throwError(() => apiError)))),
  );
}

/**
 * Requests an export (the worker builds it), follows its record every `pollMs` until it is ready,
 * then downloads the ZIP. A failed export errors as `server` with its message as detail. Shared by
 * the operator console and the back office (a tenant admin's export of their own authority).
 */
export function downloadExport(http: HttpClient, urls: ExportUrls, body: ExportRequest, fallbackName: string, timeoutMs: number, pollMs = 3_000): Observable<TenantExport> {
  return http.post<TenantExportDto>(urls.request, body, { headers: JSON_HEADERS }).pipe(
    switchMap((requested) => followExport(http, urls.status(requested.id), pollMs)),
    switchMap((record) =>
      record.status === 'ready'
        ? downloadExportZip(http, urls.download(record.id), fallbackName)
        : throwError(() => new ApiError('server', 500, { type: 'urn:ratsinfo:problem:export-failed', title: 'Export failed', status: 500, detail: record.error ?? undefined })),
    ),
    timeout(timeoutMs),
    catchError((error: unknown) => throwError(() => (isApiError(error) ? error : toApiError(error)))),
  );
}

/** The record of an export, looked at every `pollMs` until it is no longer pending or running. */
export function followExport(http: HttpClient, url: string, pollMs: number): Observable<TenantExportDto> {
  return timer(0, pollMs).pipe(
    concatMap(() => http.get<TenantExportDto>(url, { headers: JSON_HEADERS })),
    filter((r) => r.status !== 'pending' && r.status !== 'running'),
    take(1),
  );
}
