import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AddAgendaItemInput,
  type AgendaDto,
  type AgendaItemInput,
  type CancelMeetingInput,
  ApiRoutes,
  type CreateMeetingInput,
  type ListResponse,
  MeetingRoutes,
  type OrganizationDto,
  type OfficeMeetingDto,
  type OfficeMeetingListDto,
  type OfficeMeetingSummaryDto,
  type SchedulableConsultationDto,
  type SchedulableConsultationListDto,
  type UpdateMeetingInput,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, of, throwError, timeout } from 'rxjs';
import { type ApiError, isApiError, toApiError } from './api-error';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/** Filters of the office meeting list: a year, or a range of calendar days; optionally one body. */
export interface MeetingListFilter {
  year?: number;
  from?: string;
  to?: string;
  organizationId?: string;
}

/** A room a meeting can take place in. */
export interface MeetingLocation {
  id: string;
  description: string;
}

/**
 * Someone else saved in between (412): the API sends the resource as it is now, so the page can
 * show it next to the user's own unsaved edits. Null for any other error.
 */
export function staleCurrent<T>(error: unknown): T | null {
  if (!isApiError(error) || (error as ApiError).status !== 412) return null;
  return ((error as ApiError).problem?.current as T | undefined) ?? null;
}

const ifMatch = (version: number) => ({ ...JSON_ACCEPT, 'If-Match': `"${version}"` });

/**
 * Typed client of the back office's meetings and agendas (`/api/office/{slug}/meetings…`).
 * Every write sends the version it read as If-Match; a stale one errors with status 412 and the
 * current state (see {@link staleCurrent}).
 */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  list(slug: string, filter: MeetingListFilter): Observable<OfficeMeetingSummaryDto[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params = params.set(key, String(value));
    return this.call(this.http.get<OfficeMeetingListDto>(MeetingRoutes.list(slug), { headers: JSON_ACCEPT, params })).pipe(map((r) => r.data));
  }

  meeting(slug: string, id: string): Observable<OfficeMeetingDto> {
    return this.call(this.http.get<OfficeMeetingDto>(MeetingRoutes.one(slug, id), { headers: JSON_ACCEPT }));
  }

  create(slug: string, input: CreateMeetingInput): Observable<OfficeMeetingDto> {
    return this.call(this.http.post<OfficeMeetingDto>(MeetingRoutes.list(slug), input, { headers: JSON_ACCEPT }));
  }

  update(slug: string, id: string, version: number, input: UpdateMeetingInput): Observable<OfficeMeetingDto> {
    return this.call(this.http.patch<OfficeMeetingDto>(MeetingRoutes.one(slug, id), input, { headers: ifMatch(version) }));
  }

  cancel(slug: string, id: string, version: number, input: CancelMeetingInput): Observable<OfficeMeetingDto> {
    return this.call(this.http.post<OfficeMeetingDto>(MeetingRoutes.cancel(slug, id), input, { headers: ifMatch(version) }));
  }

  agenda(slug: string, id: string): Observable<AgendaDto> {
    return this.call(this.http.get<AgendaDto>(MeetingRoutes.agenda(slug, id), { headers: JSON_ACCEPT }));
  }

  saveAgenda(slug: string, id: string, version: number, items: AgendaItemInput[]): Observable<AgendaDto> {
    return this.call(this.http.put<AgendaDto>(MeetingRoutes.agenda(slug, id), { items }, { headers: ifMatch(version) }));
  }

  addItem(slug: string, id: string, version: number, input: AddAgendaItemInput): Observable<AgendaDto> {
    return this.call(this.http.post<AgendaDto>(MeetingRoutes.agendaItems(slug, id), input, { headers: ifMatch(version) }));
  }

  schedulable(slug: string, meetingId: string): Observable<SchedulableConsultationDto[]> {
    return this.call(this.http.get<SchedulableConsultationListDto>(MeetingRoutes.schedulable(slug, meetingId), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  /** The authority's bodies (the portal's list: every body that can meet). */
  organizations(slug: string): Observable<OrganizationDto[]> {
    return this.call(this.http.get<ListResponse<OrganizationDto>>(ApiRoutes.portalOrganizations(slug), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  /**
   * The authority's rooms (`GET …/locations`, kept in the structure part of the back office).
   * Without any, or while that list is unavailable, a meeting takes a free-text place.
   */
  locations(slug: string): Observable<MeetingLocation[]> {
    return this.http.get<ListResponse<MeetingLocation> | MeetingLocation[]>(`/api/office/${encodeURIComponent(slug)}/locations`, { headers: JSON_ACCEPT }).pipe(
      timeout(this.timeoutMs),
      map((r) => (Array.isArray(r) ? r : r.data)),
      catchError(() => of([])),
    );
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
