import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  ApiRoutes,
  ListResponse,
  MeetingRangeQuery,
  MeetingSummaryDto,
  OrganizationDto,
  PersonDto,
  PortalContentRoutes,
  PortalMeetingDetail,
  PortalOrganization,
  PortalPaper,
  PortalPaperFilter,
  PortalPaperList,
  PortalPaperType,
  PortalPerson,
  TenantSummary,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { ApiErrorSubject, toApiError } from './api-error';

/** Milliseconds after which a portal request counts as failed (`network`). */
export const PORTAL_API_TIMEOUT = new InjectionToken<number>('PORTAL_API_TIMEOUT', {
  providedIn: 'root',
  factory: () => 20_000,
});

/**
 * Typed client of the public portal API (`/api/portal/...`).
 *
 * Every method errors with a {@link ApiError} only, never with a raw `HttpErrorResponse`,
 * so pages can show a specific message for an unknown or suspended authority.
 */
@Injectable({ providedIn: 'root' })
export class PortalApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(PORTAL_API_TIMEOUT);

  /** Active member authorities of the cooperative. */
  listTenants(): Observable<TenantSummary[]> {
    return this.getList<TenantSummary>(ApiRoutes.portalTenants, 'record');
  }

  /** One authority; errors with `tenant-not-found` (404) or `tenant-suspended` (410). */
  getTenant(slug: string): Observable<TenantSummary> {
    return this.get<TenantSummary>(ApiRoutes.portalTenant(slug), 'tenant');
  }

  /** Meetings of an authority in a date range (inclusive, Europe/Berlin calendar dates), sorted by start. */
  listMeetings(slug: string, range: MeetingRangeQuery = {}): Observable<MeetingSummaryDto[]> {
    let params = new HttpParams();
    if (range.from) params = params.set('from', range.from);
    if (range.to) params = params.set('to', range.to);
    return this.getList<MeetingSummaryDto>(ApiRoutes.portalMeetings(slug), 'record', params);
  }

  /** One meeting with its public agenda items, their papers and files; errors with `not-found` for an unknown id. */
  getMeeting(slug: string, meetingId: string): Observable<PortalMeetingDetail> {
    return this.get<PortalMeetingDetail>(ApiRoutes.portalMeeting(slug, meetingId), 'record');
  }

  /** One page of public papers, newest first; pass `nextCursor` back as `cursor` for the next. */
  listPapers(slug: string, filter: PortalPaperFilter = {}): Observable<PortalPaperList> {
    let params = new HttpParams();
    if (filter.q) params = params.set('q', filter.q);
    if (filter.type) params = params.set('type', filter.type);
    if (filter.year !== undefined) params = params.set('year', String(filter.year));
    if (filter.cursor) params = params.set('cursor', filter.cursor);
    if (filter.limit !== undefined) params = params.set('limit', String(filter.limit));
    return this.get<PortalPaperList>(PortalContentRoutes.papers(slug), 'record', params);
  }

  /** The paper types that public papers have (the list's filter). */
  listPaperTypes(slug: string): Observable<PortalPaperType[]> {
    return this.getList<PortalPaperType>(PortalContentRoutes.paperTypes(slug), 'record');
  }

  /** One public paper; `not-found` for one that is not public, a draft, deleted or unknown. */
  getPaper(slug: string, paperId: string): Observable<PortalPaper> {
    return this.get<PortalPaper>(PortalContentRoutes.paper(slug, paperId), 'record');
  }

  /** A council, committee or faction with its members and meetings. */
  getOrganization(slug: string, organizationId: string): Observable<PortalOrganization> {
    return this.get<PortalOrganization>(PortalContentRoutes.organization(slug, organizationId), 'record');
  }

  /** A person with memberships and papers. */
  getPerson(slug: string, personId: string): Observable<PortalPerson> {
    return this.get<PortalPerson>(PortalContentRoutes.person(slug, personId), 'record');
  }

  listOrganizations(slug: string): Observable<OrganizationDto[]> {
    return this.getList<OrganizationDto>(ApiRoutes.portalOrganizations(slug), 'record');
  }

  listPersons(slug: string): Observable<PersonDto[]> {
    return this.getList<PersonDto>(ApiRoutes.portalPersons(slug), 'record');
  }

  private getList<T>(url: string, subject: ApiErrorSubject, params?: HttpParams): Observable<T[]> {
    return this.get<ListResponse<T>>(url, subject, params).pipe(map((response) => response.data));
  }

  private get<T>(url: string, subject: ApiErrorSubject, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(url, { params, headers: { Accept: 'application/json, application/problem+json' } })
      .pipe(
        timeout(this.timeoutMs),
        catchError((error: unknown) => throwError(() => toApiError(error, subject))),
      );
  }
}
