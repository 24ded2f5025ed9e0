import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type AddMinutesApprovalInput, DecisionRoutes, type MeetingDecisionsDto, type PutDecisionInput } from '@ratsinfo/contracts';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, toApiError } from '@ratsinfo/web-data-access';
import { Observable, catchError, throwError, timeout } from 'rxjs';

const ifMatch = (version: number) => ({ ...JSON_ACCEPT, 'If-Match': `"${version}"` });

/**
 * Client of the decisions API (`/api/office/{slug}/meetings/{id}/decisions…`). Every write sends
 * the meeting's version as If-Match and answers with the whole record; a stale version errors
 * with 412 and the record as it is now (`staleCurrent`).
 */
@Injectable({ providedIn: 'root' })
export class DecisionsApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  decisions(slug: string, meetingId: string): Observable<MeetingDecisionsDto> {
    return this.call(this.http.get<MeetingDecisionsDto>(DecisionRoutes.decisions(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  saveDecision(slug: string, meetingId: string, itemId: string, version: number, input: PutDecisionInput): Observable<MeetingDecisionsDto> {
    return this.call(this.http.put<MeetingDecisionsDto>(DecisionRoutes.decision(slug, meetingId, itemId), input, { headers: ifMatch(version) }));
  }

  setMinutesFile(slug: string, meetingId: string, version: number, fileId: string | null): Observable<MeetingDecisionsDto> {
    const path = DecisionRoutes.minutesFile(slug, meetingId);
    return this.call(
      fileId ? this.http.put<MeetingDecisionsDto>(path, { fileId }, { headers: ifMatch(version) }) : this.http.delete<MeetingDecisionsDto>(path, { headers: ifMatch(version) }),
    );
  }

  addMinutesApproval(slug: string, meetingId: string, version: number, input: AddMinutesApprovalInput): Observable<MeetingDecisionsDto> {
    return this.call(this.http.post<MeetingDecisionsDto>(DecisionRoutes.minutesApproval(slug, meetingId), input, { headers: ifMatch(version) }));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
