import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type CreatePaperTypeInput, PaperRoutes, type PaperTypeDto, type PaperTypeListDto, type UpdatePaperTypeInput } from '@ratsinfo/contracts';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, toApiError } from '@ratsinfo/web-data-access';
import { type Observable, catchError, map, throwError, timeout } from 'rxjs';

/**
 * The authority's paper types (`/api/office/{slug}/paper-types`): list for everyone of the
 * authority, create, edit (If-Match) and delete (If-Match; 409 while papers use the type) for
 * clerks and admins. Errors are ApiErrors; a 412 carries the type as it is now.
 */
@Injectable({ providedIn: 'root' })
export class PaperTypesApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  list(slug: string): Observable<PaperTypeDto[]> {
    return this.call(this.http.get<PaperTypeListDto>(PaperRoutes.paperTypes(slug), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  create(slug: string, body: CreatePaperTypeInput): Observable<PaperTypeDto> {
    return this.call(this.http.post<PaperTypeDto>(PaperRoutes.paperTypes(slug), body, { headers: JSON_ACCEPT }));
  }

  update(slug: string, id: string, version: number, body: UpdatePaperTypeInput): Observable<PaperTypeDto> {
    return this.call(this.http.patch<PaperTypeDto>(PaperRoutes.paperType(slug, id), body, { headers: { ...JSON_ACCEPT, 'If-Match': `"${version}"` } }));
  }

  remove(slug: string, id: string, version: number): Observable<void> {
    return this.call(this.http.delete(PaperRoutes.paperType(slug, id), { headers: { ...JSON_ACCEPT, 'If-Match': `"${version}"` } })).pipe(map(() => undefined));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
