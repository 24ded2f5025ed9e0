import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  LegislativeTermCreate,
  LegislativeTermDto,
  LegislativeTermUpdate,
  ListResponse,
  LocationCreate,
  LocationDto,
  LocationUpdate,
  MembershipCreate,
  MembershipUpdate,
  OfficeMembershipDto,
  OfficeOrganizationDto,
  OfficePersonDto,
  OrganizationCreate,
  OrganizationUpdate,
  PersonCreate,
  PersonUpdate,
  ProblemType,
  StructureRoutes,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { ApiError, isApiError, toApiError } from './api-error';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/** CRUD of one resource of the council structure; updates and deletes name the version they read (`If-Match`). */
export interface StructureResource<T, C, U> {
  list(slug: string, query?: Record<string, string>): Observable<T[]>;
  get(slug: string, id: string): Observable<T>;
  create(slug: string, body: C): Observable<T>;
  update(slug: string, id: string, version: number, body: U): Observable<T>;
  remove(slug: string, id: string, version: number): Observable<void>;
}

/**
 * True for a save refused because someone else saved first (412): `problem.current` then holds
 * the record as it is now.
 */
export function isStaleVersion(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 412 || error.problem?.type === ProblemType.staleVersion);
}

/** The record as it is now, from a 412 answer. */
export function currentOf<T>(error: unknown): T | null {
  return isStaleVersion(error) ? ((error.problem?.current as T | undefined) ?? null) : null;
}

/**
 * Typed client of the council structure (`/api/office/{slug}/legislative-terms|locations|
 * organizations|persons|memberships`). Errors are {@link ApiError}s; a stale save is recognised
 * with {@link isStaleVersion}.
 */
@Injectable({ providedIn: 'root' })
export class StructureApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  readonly legislativeTerms = this.resource<LegislativeTermDto, LegislativeTermCreate, LegislativeTermUpdate>(StructureRoutes.legislativeTerms, StructureRoutes.legislativeTerm);
  readonly locations = this.resource<LocationDto, LocationCreate, LocationUpdate>(StructureRoutes.locations, StructureRoutes.location);
  readonly organizations = this.resource<OfficeOrganizationDto, OrganizationCreate, OrganizationUpdate>(StructureRoutes.organizations, StructureRoutes.organization);
  readonly persons = this.resource<OfficePersonDto, PersonCreate, PersonUpdate>(StructureRoutes.persons, StructureRoutes.person);
  readonly memberships = this.resource<OfficeMembershipDto, MembershipCreate, MembershipUpdate>(StructureRoutes.memberships, StructureRoutes.membership);

  private resource<T, C, U>(listPath: (slug: string) => string, onePath: (slug: string, id: string) => string): StructureResource<T, C, U> {
    const ifMatch = (version: number) => ({ ...JSON_ACCEPT, 'If-Match': `"${version}"` });
    return {
      list: (slug, query = {}) => this.call(this.http.get<ListResponse<T>>(listPath(slug), { headers: JSON_ACCEPT, params: new HttpParams({ fromObject: query }) })).pipe(map((r) => r.data)),
      get: (slug, id) => this.call(this.http.get<T>(onePath(slug, id), { headers: JSON_ACCEPT })),
      create: (slug, body) => this.call(this.http.post<T>(listPath(slug), body, { headers: JSON_ACCEPT })),
      update: (slug, id, version, body) => this.call(this.http.patch<T>(onePath(slug, id), body, { headers: ifMatch(version) })),
      remove: (slug, id, version) => this.call(this.http.delete(onePath(slug, id), { headers: ifMatch(version) })).pipe(map(() => undefined)),
    };
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
