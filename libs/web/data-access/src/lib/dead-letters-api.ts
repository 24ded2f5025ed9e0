import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DeadLetterRoutes, type DeadLetterCountDto, type DeadLetterDto, type OperatorDeadLetterDto, type PagedResponse } from '@ratsinfo/contracts';
import { Observable, catchError, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { type AuditPage, JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, auditParams } from './office-api';

/** Failed jobs (dead letters): the back office's own with retry, and the operators' overview. */
@Injectable({ providedIn: 'root' })
export class DeadLettersApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);

  /** The authority's failed jobs, newest first (clerks and tenant admins). */
  office(slug: string, page: AuditPage = {}): Observable<PagedResponse<DeadLetterDto>> {
    return this.call(this.http.get<PagedResponse<DeadLetterDto>>(DeadLetterRoutes.office(slug), { headers: JSON_ACCEPT, params: auditParams(page) }));
  }

  count(slug: string): Observable<DeadLetterCountDto> {
    return this.call(this.http.get<DeadLetterCountDto>(DeadLetterRoutes.officeCount(slug), { headers: JSON_ACCEPT }));
  }

  /** Makes the job due again (404: not this authority's; 409: retried already). */
  retry(slug: string, id: string): Observable<unknown> {
    return this.call(this.http.post(DeadLetterRoutes.retry(slug, id), null, { headers: JSON_ACCEPT }));
  }

  /** Every authority's failed jobs, without content (operators). */
  operator(page: AuditPage = {}): Observable<PagedResponse<OperatorDeadLetterDto>> {
    return this.call(this.http.get<PagedResponse<OperatorDeadLetterDto>>(DeadLetterRoutes.operator, { headers: JSON_ACCEPT, params: auditParams(page) }));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
