import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ConsultationStepInput,
  CreateDerivativeInput,
  CreatePaperInput,
  MeetingRoutes,
  OfficeMeetingListDto,
  OfficeMeetingSummaryDto,
  OfficeOrganizationDto,
  OfficePersonDto,
  PaperDto,
  PaperListDto,
  PaperRoutes,
  PaperStatus,
  PaperTypeDto,
  PaperTypeListDto,
  ProblemType,
  StructureRoutes,
  UpdatePaperInput,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { ApiError, JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, isApiError, toApiError } from '@ratsinfo/web-data-access';

/** Filters of the clerk's paper list (all optional), as `GET …/papers` takes them. */
export interface PaperListFilter {
  /** Paper type id. */
  type?: string | null;
  status?: PaperStatus | null;
  /** An organization of the consultation path or among the originators. */
  organizationId?: string | null;
  /** Year of the paper's date. */
  year?: number | null;
  /** Words in the title or the reference. */
  q?: string | null;
}

export interface PaperListPage {
  limit?: number;
  /** `nextCursor` of the page before. */
  cursor?: string | null;
}

export function paperListParams(filter: PaperListFilter, page: PaperListPage = {}): HttpParams {
  let params = new HttpParams();
  if (filter.type) params = params.set('type', filter.type);
  if (filter.status) params = params.set('status', filter.status);
  if (filter.organizationId) params = params.set('organizationId', filter.organizationId);
  if (filter.year) params = params.set('year', String(filter.year));
  const q = filter.q?.trim();
  if (q) params = params.set('q', q);
  if (page.limit) params = params.set('limit', String(page.limit));
  if (page.cursor) params = params.set('cursor', page.cursor);
  return params;
}

/** `If-Match` with the version the client last read, as the API's optimistic concurrency wants it. */
export function ifMatch(version: number): HttpHeaders {
  return new HttpHeaders({ ...JSON_ACCEPT, 'If-Match': `"${version}"` });
}

/**
 * True when a save was refused because someone else saved first (412, stale version). The
 * problem then carries the resource as it is now in `current`.
 */
export function isStaleVersion(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 412 || error.problem?.type === ProblemType.staleVersion);
}

/** The current state a 412 carries (`problem.current`), or null. */
export function staleCurrent<T>(error: unknown): T | null {
  if (!isStaleVersion(error)) return null;
  const current = error.problem?.current;
  return current && typeof current === 'object' ? (current as T) : null;
}

/**
 * Lives in the lazily loaded back office, not in web-data-access: the contracts keep the route
 * helpers it needs (PaperRoutes, MeetingRoutes, StructureRoutes) in the same modules as their
 * zod schemas, and web-data-access is part of the initial bundle (the header's authority
 * switcher), which then grew by zod and every schema (848 kB instead of 401 kB, over budget).
 *
 * The clerk's paper screens (`/api/office/{slug}/papers…`): paper types, papers with their
 * consultation path, release and withdrawal, and what the screens pick from (organizations,
 * persons, upcoming meetings). Every write of an existing paper sends its `version` as
 * `If-Match`; a 412 arrives as an {@link ApiError} that {@link isStaleVersion} recognises.
 */
@Injectable({ providedIn: 'root' })
export class PapersApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  paperTypes(slug: string): Observable<PaperTypeDto[]> {
    return this.call(this.http.get<PaperTypeListDto>(PaperRoutes.paperTypes(slug), { headers: JSON_ACCEPT })).pipe(map((list) => list.data));
  }

  /** One page of papers, newest first; `nextCursor` names the next page (null on the last). */
  papers(slug: string, filter: PaperListFilter, page: PaperListPage = {}): Observable<PaperListDto> {
    return this.call(this.http.get<PaperListDto>(PaperRoutes.papers(slug), { headers: JSON_ACCEPT, params: paperListParams(filter, page) }));
  }

  paper(slug: string, paperId: string): Observable<PaperDto> {
    return this.call(this.http.get<PaperDto>(PaperRoutes.paper(slug, paperId), { headers: JSON_ACCEPT }));
  }

  /** Creates a paper; the server assigns its reference number. */
  createPaper(slug: string, input: CreatePaperInput): Observable<PaperDto> {
    return this.call(this.http.post<PaperDto>(PaperRoutes.papers(slug), input, { headers: JSON_ACCEPT }));
  }

  updatePaper(slug: string, paperId: string, version: number, input: UpdatePaperInput): Observable<PaperDto> {
    return this.call(this.http.patch<PaperDto>(PaperRoutes.paper(slug, paperId), input, { headers: ifMatch(version) }));
  }

  deletePaper(slug: string, paperId: string, version: number): Observable<void> {
    return this.call(this.http.delete(PaperRoutes.paper(slug, paperId), { headers: ifMatch(version) })).pipe(map(() => undefined));
  }

  /** An amendment (Änderungsantrag) or supplement (Ergänzung) of the paper, with a number of its own. */
  createDerivative(slug: string, paperId: string, input: CreateDerivativeInput): Observable<PaperDto> {
    return this.call(this.http.post<PaperDto>(PaperRoutes.paperDerivatives(slug, paperId), input, { headers: JSON_ACCEPT }));
  }

  /** Replaces the whole consultation path (If-Match = the paper's version); answers the paper. */
  saveConsultations(slug: string, paperId: string, version: number, consultations: ConsultationStepInput[]): Observable<PaperDto> {
    return this.call(this.http.put<PaperDto>(PaperRoutes.paperConsultations(slug, paperId), { consultations }, { headers: ifMatch(version) }));
  }

  release(slug: string, paperId: string, version: number): Observable<PaperDto> {
    return this.call(this.http.post<PaperDto>(PaperRoutes.paperRelease(slug, paperId), {}, { headers: ifMatch(version) }));
  }

  withdraw(slug: string, paperId: string, version: number): Observable<PaperDto> {
    return this.call(this.http.post<PaperDto>(PaperRoutes.paperWithdraw(slug, paperId), {}, { headers: ifMatch(version) }));
  }

  /** Council, committees, factions and other bodies of the authority (the structure API). */
  organizations(slug: string): Observable<OfficeOrganizationDto[]> {
    return this.call(this.http.get<{ data: OfficeOrganizationDto[] }>(StructureRoutes.organizations(slug), { headers: JSON_ACCEPT })).pipe(map((list) => list.data));
  }

  /** Persons of the authority with their current memberships (the structure API). */
  persons(slug: string): Observable<OfficePersonDto[]> {
    return this.call(this.http.get<{ data: OfficePersonDto[] }>(StructureRoutes.persons(slug), { headers: JSON_ACCEPT })).pipe(map((list) => list.data));
  }

  /** Meetings of one body from `from` (a `YYYY-MM-DD` Berlin date) for the next `days` days, with their versions. */
  meetingsOf(slug: string, organizationId: string, from: string, to: string): Observable<OfficeMeetingSummaryDto[]> {
    const params = new HttpParams().set('organizationId', organizationId).set('from', from).set('to', to);
    return this.call(this.http.get<OfficeMeetingListDto>(MeetingRoutes.list(slug), { headers: JSON_ACCEPT, params })).pipe(map((list) => list.data));
  }

  /**
   * Puts a consultation on a meeting's agenda (If-Match = the meeting's version); late items
   * (invited meeting, or within the invitation period) need `urgentReason`.
   */
  scheduleConsultation(slug: string, meetingId: string, meetingVersion: number, consultationId: string, urgentReason: string | null = null): Observable<void> {
    const body = urgentReason ? { consultationId, urgent: true, urgentReason } : { consultationId };
    return this.call(this.http.post(MeetingRoutes.agendaItems(slug, meetingId), body, { headers: ifMatch(meetingVersion) })).pipe(map(() => undefined));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
