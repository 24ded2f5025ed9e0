import { HttpClient, HttpResponse } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import type { ExportRequest } from '@ratsinfo/contracts';
import { Observable, catchError, from, map, switchMap, throwError, timeout } from 'rxjs';
import { toApiErrorFromBlob } from './api-error';

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

/**
 * POSTs an export request and reads the answer as a ZIP download; the problem details of an error
 * arrive as a Blob and are read into an {@link ApiError}. Shared by the operator console and the
 * back office (a tenant admin's export of their own authority).
 */
export function downloadExport(http: HttpClient, url: string, body: ExportRequest, fallbackName: string, timeoutMs: number): Observable<TenantExport> {
  return http
    .post(url, body, {
      observe: 'response',
      responseType: 'blob',
      headers: { Accept: 'application/zip, application/problem+json' },
    })
    .pipe(
      timeout(timeoutMs),
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([], { type: 'application/zip' }),
        filename: filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
      })),
      catchError((error: unknown) => from(toApiErrorFromBlob(error)).pipe(switchMap((apiError) => throwError(() => apiError)))),
    );
}

