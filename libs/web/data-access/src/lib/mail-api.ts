import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AbsenceNoticeDto,
  type AbsenceNoticeListDto,
  type InvitationRequestedDto,
  MailRoutes,
  type MeetingGuestDto,
  type MeetingGuestListDto,
  type MeetingMailListDto,
  type MyAbsenceDto,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/**
 * Typed client of a meeting's invitation, guests and absence notices
 * (`/api/office/{slug}/meetings/{id}/invitations|mails|guests|absence…`). Sending names the
 * meeting's version as If-Match: a second click with the same version is a 412, not a second sending.
 */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  sendInvitation(slug: string, meetingId: string, version: number, kind: 'invitation' | 'update', message?: string): Observable<InvitationRequestedDto> {
    const body = { kind, ...(message ? { message } : {}) };
    return this.call(this.http.post<InvitationRequestedDto>(MailRoutes.invitations(slug, meetingId), body, { headers: { ...JSON_ACCEPT, 'If-Match': `"${version}"` } }));
  }

  mails(slug: string, meetingId: string): Observable<MeetingMailListDto> {
    return this.call(this.http.get<MeetingMailListDto>(MailRoutes.mails(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  guests(slug: string, meetingId: string): Observable<MeetingGuestDto[]> {
    return this.call(this.http.get<MeetingGuestListDto>(MailRoutes.guests(slug, meetingId), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  addGuest(slug: string, meetingId: string, guest: { name: string; email: string }): Observable<MeetingGuestDto> {
    return this.call(this.http.post<MeetingGuestDto>(MailRoutes.guests(slug, meetingId), guest, { headers: JSON_ACCEPT }));
  }

  removeGuest(slug: string, meetingId: string, guestId: string): Observable<void> {
    return this.call(this.http.delete<void>(MailRoutes.guest(slug, meetingId, guestId), { headers: JSON_ACCEPT }));
  }

  myAbsence(slug: string, meetingId: string): Observable<MyAbsenceDto> {
    return this.call(this.http.get<MyAbsenceDto>(MailRoutes.absence(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  noticeAbsence(slug: string, meetingId: string, reason: string | undefined, personId?: string): Observable<AbsenceNoticeDto> {
    const body = { ...(reason ? { reason } : {}), ...(personId ? { personId } : {}) };
    return this.call(this.http.post<AbsenceNoticeDto>(MailRoutes.absence(slug, meetingId), body, { headers: JSON_ACCEPT }));
  }

  withdrawAbsence(slug: string, meetingId: string, personId?: string): Observable<void> {
    const params = personId ? new HttpParams().set('personId', personId) : undefined;
    return this.call(this.http.delete<void>(MailRoutes.absence(slug, meetingId), { headers: JSON_ACCEPT, params }));
  }

  absences(slug: string, meetingId: string): Observable<AbsenceNoticeDto[]> {
    return this.call(this.http.get<AbsenceNoticeListDto>(MailRoutes.absences(slug, meetingId), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
