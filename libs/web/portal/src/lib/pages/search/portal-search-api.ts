import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type SearchFilter, type SearchResult, SearchRoutes } from '@ratsinfo/contracts';
import { PORTAL_API_TIMEOUT, toApiError } from '@ratsinfo/web-data-access';
import { Observable, catchError, throwError, timeout } from 'rxjs';

/** The portal's public full-text search (`SearchRoutes.portal`); errors are ApiErrors like PortalApi's. */
@Injectable({ providedIn: 'root' })
export class PortalSearchApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(PORTAL_API_TIMEOUT);

  search(slug: string, filter: SearchFilter): Observable<SearchResult> {
    let params = new HttpParams().set('q', filter.q);
    if (filter.kind) params = params.set('kind', filter.kind);
    if (filter.paperType) params = params.set('paperType', filter.paperType);
    if (filter.organization) params = params.set('organization', filter.organization);
    if (filter.from) params = params.set('from', filter.from);
    if (filter.to) params = params.set('to', filter.to);
    if (filter.hasFiles !== undefined) params = params.set('hasFiles', String(filter.hasFiles));
    if (filter.cursor) params = params.set('cursor', filter.cursor);
    if (filter.limit !== undefined) params = params.set('limit', String(filter.limit));
    return this.http.get<SearchResult>(SearchRoutes.portal(slug), { params, headers: { Accept: 'application/json, application/problem+json' } }).pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error, 'record'))),
    );
  }
}
