import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type MeetingLifecycleDto, MeetingLifecycleRoutes, type MeetingTransitionInput } from '@ratsinfo/contracts';
import { Observable, catchError, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/**
 * Typed client of a meeting's lifecycle (`/api/office/{slug}/meetings/{id}/lifecycle|transitions`).
 * A transition names the meeting's version as If-Match: a second click with the same version is a
 * 412 (with the lifecycle as it is now, see `staleCurrent`), never a second invitation.
 */
@Injectable({ providedIn: 'root' })
export class MeetingLifecycleApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  lifecycle(slug: string, meetingId: string): Observable<MeetingLifecycleDto> {
    return this.call(this.http.get<MeetingLifecycleDto>(MeetingLifecycleRoutes.lifecycle(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  transition(slug: string, meetingId: string, version: number, input: MeetingTransitionInput): Observable<MeetingLifecycleDto> {
    return this.call(this.http.post<MeetingLifecycleDto>(MeetingLifecycleRoutes.transitions(slug, meetingId), input, { headers: { ...JSON_ACCEPT, 'If-Match': `"${version}"` } }));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
