import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AttendanceRoutes, type AttendanceViewDto, type PutAttendanceInput } from '@ratsinfo/contracts';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, toApiError } from '@ratsinfo/web-data-access';
import { Observable, catchError, throwError, timeout } from 'rxjs';

/**
 * Typed client of a meeting's attendance (`/api/office/{slug}/meetings/{id}/attendance[/{personId}]`).
 * A save needs no If-Match (the last write wins) and answers with the whole list and the new quorum.
 */
@Injectable({ providedIn: 'root' })
export class AttendanceApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  view(slug: string, meetingId: string): Observable<AttendanceViewDto> {
    return this.call(this.http.get<AttendanceViewDto>(AttendanceRoutes.list(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  save(slug: string, meetingId: string, personId: string, body: PutAttendanceInput): Observable<AttendanceViewDto> {
    return this.call(this.http.put<AttendanceViewDto>(AttendanceRoutes.one(slug, meetingId, personId), body, { headers: JSON_ACCEPT }));
  }

  remove(slug: string, meetingId: string, personId: string): Observable<void> {
    return this.call(this.http.delete<void>(AttendanceRoutes.one(slug, meetingId, personId), { headers: JSON_ACCEPT }));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
