import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AddResolutionNoteInput,
  type OfficeOrganizationDto,
  type OfficeResolutionDto,
  type OfficeResolutionListDto,
  ResolutionRoutes,
  type ResolutionStatus,
  StructureRoutes,
  type UpdateResolutionInput,
} from '@ratsinfo/contracts';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, toApiError } from '@ratsinfo/web-data-access';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';

/** Filters of the clerk's resolution list, as `GET …/resolutions` takes them. */
export interface ResolutionListFilter {
  status?: ResolutionStatus | null;
  /** Only the overdue ones (open or in progress, due before today), oldest due date first. */
  overdue?: boolean;
  organizationId?: string | null;
}

export function resolutionListParams(filter: ResolutionListFilter, page: { limit?: number; cursor?: string | null } = {}): HttpParams {
  let params = new HttpParams();
  if (filter.status) params = params.set('status', filter.status);
  if (filter.overdue) params = params.set('overdue', 'true');
  if (filter.organizationId) params = params.set('organizationId', filter.organizationId);
  if (page.limit) params = params.set('limit', String(page.limit));
  if (page.cursor) params = params.set('cursor', page.cursor);
  return params;
}

/**
 * The clerk's resolution tracking (`/api/office/{slug}/resolutions…`): list, one resolution with
 * its notes, the versioned edit (If-Match) and adding a note. Errors arrive as ApiError (a 412
 * carries the current resolution in `problem.current`).
 */
@Injectable({ providedIn: 'root' })
export class ResolutionsApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  list(slug: string, filter: ResolutionListFilter, page: { limit?: number; cursor?: string | null } = {}): Observable<OfficeResolutionListDto> {
    return this.call(this.http.get<OfficeResolutionListDto>(ResolutionRoutes.list(slug), { headers: JSON_ACCEPT, params: resolutionListParams(filter, page) }));
  }

  get(slug: string, id: string): Observable<OfficeResolutionDto> {
    return this.call(this.http.get<OfficeResolutionDto>(ResolutionRoutes.one(slug, id), { headers: JSON_ACCEPT }));
  }

  update(slug: string, id: string, version: number, input: UpdateResolutionInput): Observable<OfficeResolutionDto> {
    const headers = new HttpHeaders({ ...JSON_ACCEPT, 'If-Match': `"${version}"` });
    return this.call(this.http.patch<OfficeResolutionDto>(ResolutionRoutes.one(slug, id), input, { headers }));
  }

  addNote(slug: string, id: string, input: AddResolutionNoteInput): Observable<OfficeResolutionDto> {
    return this.call(this.http.post<OfficeResolutionDto>(ResolutionRoutes.notes(slug, id), input, { headers: JSON_ACCEPT }));
  }

  /** The authority's bodies, for the filter. */
  organizations(slug: string): Observable<OfficeOrganizationDto[]> {
    return this.call(this.http.get<{ data: OfficeOrganizationDto[] }>(StructureRoutes.organizations(slug), { headers: JSON_ACCEPT })).pipe(map((list) => list.data));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
