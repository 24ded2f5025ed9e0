import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AnnotationDto,
  type AnnotationExportDto,
  type AnnotationListDto,
  MemberRoutes,
  type MyBodyDto,
  type MyBodyListDto,
  type MyDocumentPageDto,
  type MyMeetingPageDto,
  type MyMeetingsWhen,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { JSON_ACCEPT, SIGNED_IN_API_TIMEOUT } from './office-api';

/** What a private annotation is written on. */
export type AnnotationTarget = { paperId: string } | { fileId: string };

/**
 * Typed client of the members' area (`/api/office/{slug}/me/…`): my bodies, meetings, documents,
 * and my private annotations (an edit names the version it read as If-Match).
 */
@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  bodies(slug: string): Observable<MyBodyDto[]> {
    return this.call(this.http.get<MyBodyListDto>(MemberRoutes.bodies(slug), { headers: JSON_ACCEPT })).pipe(map((r) => r.data));
  }

  meetings(slug: string, when: MyMeetingsWhen, cursor?: string | null): Observable<MyMeetingPageDto> {
    let params = new HttpParams().set('when', when);
    if (cursor) params = params.set('cursor', cursor);
    return this.call(this.http.get<MyMeetingPageDto>(MemberRoutes.meetings(slug), { headers: JSON_ACCEPT, params }));
  }

  documents(slug: string, q: string, cursor?: string | null): Observable<MyDocumentPageDto> {
    let params = new HttpParams();
    if (q.trim()) params = params.set('q', q.trim());
    if (cursor) params = params.set('cursor', cursor);
    return this.call(this.http.get<MyDocumentPageDto>(MemberRoutes.documents(slug), { headers: JSON_ACCEPT, params }));
  }

  annotations(slug: string, target: AnnotationTarget): Observable<AnnotationDto[]> {
    const params = 'paperId' in target ? new HttpParams().set('paperId', target.paperId) : new HttpParams().set('fileId', target.fileId);
    return this.call(this.http.get<AnnotationListDto>(MemberRoutes.annotations(slug), { headers: JSON_ACCEPT, params })).pipe(map((r) => r.data));
  }

  createAnnotation(slug: string, target: AnnotationTarget, text: string): Observable<AnnotationDto> {
    return this.call(this.http.post<AnnotationDto>(MemberRoutes.annotations(slug), { ...target, text }, { headers: JSON_ACCEPT }));
  }

  updateAnnotation(slug: string, id: string, version: number, text: string): Observable<AnnotationDto> {
    return this.call(this.http.patch<AnnotationDto>(MemberRoutes.annotation(slug, id), { text }, { headers: { ...JSON_ACCEPT, 'If-Match': `"${version}"` } }));
  }

  deleteAnnotation(slug: string, id: string): Observable<void> {
    return this.call(this.http.delete<void>(MemberRoutes.annotation(slug, id), { headers: JSON_ACCEPT }));
  }

  exportAnnotations(slug: string): Observable<AnnotationExportDto> {
    return this.call(this.http.get<AnnotationExportDto>(MemberRoutes.annotationsExport(slug), { headers: JSON_ACCEPT }));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
