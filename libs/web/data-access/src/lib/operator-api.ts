import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  ApiRoutes,
  AuditEventDto,
  ListResponse,
  OnboardTenantInput,
  OperatorSessionDto,
  OperatorTenantDto,
  PagedResponse,
  ProvisioningStepDto,
} from '@ratsinfo/contracts';
import { Observable, catchError, from, map, switchMap, throwError, timeout } from 'rxjs';
import { toApiError, toApiErrorFromBlob } from './api-error';
import { AuditPage, JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, auditParams } from './office-api';

/** Milliseconds an export may take before it counts as failed. */
export const EXPORT_TIMEOUT = new InjectionToken<number>('EXPORT_TIMEOUT', {
  providedIn: 'root',
  factory: () => 300_000,
});

/** A downloaded export archive. */
export interface TenantExport {
  blob: Blob;
  /** File name from `Content-Disposition`, or a generated one. */
  filename: string;
}

/**
 * File name of a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 5987) wins over
 * `filename="…"`. Path parts are stripped; null when there is none.
 */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
    name = plain ? (plain[2] ?? plain[1]).trim() : null;
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

/**
 * Typed client of the operator console (`/api/operator/...`), for the cooperative's staff.
 * Every method errors with an {@link ApiError} only.
 */
@Injectable({ providedIn: 'root' })
export class OperatorApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);
  private readonly exportTimeoutMs = inject(EXPORT_TIMEOUT);

  session(): Observable<OperatorSessionDto> {
    return this.call(this.http.get<OperatorSessionDto>(ApiRoutes.operatorSession, { headers: JSON_ACCEPT }));
  }

  /** All member authorities with status and provisioning state. */
  tenants(): Observable<OperatorTenantDto[]> {
    return this.list(this.http.get<ListResponse<OperatorTenantDto>>(ApiRoutes.operatorTenants, { headers: JSON_ACCEPT }));
  }

  /** One member authority. */
  tenant(tenantId: string): Observable<OperatorTenantDto> {
    return this.call(this.http.get<OperatorTenantDto>(ApiRoutes.operatorTenant(tenantId), { headers: JSON_ACCEPT }));
  }

  /** Onboards a member authority; provisioning then runs step by step (see {@link provisioning}). */
  onboard(input: OnboardTenantInput): Observable<OperatorTenantDto> {
    return this.call(this.http.post<OperatorTenantDto>(ApiRoutes.operatorTenants, input, { headers: JSON_ACCEPT }));
  }

  /** Current state of the provisioning steps. */
  provisioning(tenantId: string): Observable<ProvisioningStepDto[]> {
    return this.list(this.http.get<ListResponse<ProvisioningStepDto>>(ApiRoutes.operatorTenantProvisioning(tenantId), { headers: JSON_ACCEPT }));
  }

  /** Runs the failed and pending provisioning steps again; the new state if the API returns it. */
  retryProvisioning(tenantId: string): Observable<ProvisioningStepDto[] | null> {
    return this.call(this.http.post<unknown>(ApiRoutes.operatorTenantProvisioning(tenantId), null, { headers: JSON_ACCEPT })).pipe(
      map((body) => {
        const data = (body as Partial<ListResponse<ProvisioningStepDto>> | null)?.data;
        return Array.isArray(data) ? data : null;
      }),
    );
  }

  suspend(tenantId: string): Observable<OperatorTenantDto> {
    return this.call(this.http.post<OperatorTenantDto>(ApiRoutes.operatorTenantSuspend(tenantId), null, { headers: JSON_ACCEPT }));
  }

  /**
   * Sends the first administrator's invitation e-mail again (202, with `firstAdmin`). Errors with
   * `conflict` once they have signed in, or before onboarding sent the first invitation.
   */
  resendInvitation(tenantId: string): Observable<OperatorTenantDto> {
    return this.call(this.http.post<OperatorTenantDto>(ApiRoutes.operatorTenantInvitation(tenantId), {}, { headers: JSON_ACCEPT }));
  }

  reactivate(tenantId: string): Observable<OperatorTenantDto> {
    return this.call(this.http.post<OperatorTenantDto>(ApiRoutes.operatorTenantReactivate(tenantId), null, { headers: JSON_ACCEPT }));
  }

  /** Creates and downloads the export archive (application/zip) of an authority. */
  exportTenant(tenantId: string, fallbackName: string): Observable<TenantExport> {
    return this.http
      .post(ApiRoutes.operatorTenantExport(tenantId), null, {
        observe: 'response',
        responseType: 'blob',
        headers: { Accept: 'application/zip, application/problem+json' },
      })
      .pipe(
        timeout(this.exportTimeoutMs),
        map((response: HttpResponse<Blob>) => ({
          blob: response.body ?? new Blob([], { type: 'application/zip' }),
          filename: filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
        })),
        catchError((error: unknown) => from(toApiErrorFromBlob(error)).pipe(switchMap((apiError) => throwError(() => apiError)))),
      );
  }

  /** Deletes an authority for good; the API allows it only after an export (`conflict` otherwise). */
  deleteTenant(tenantId: string, confirmSlug: string): Observable<void> {
    return this.call(this.http.delete(ApiRoutes.operatorTenant(tenantId), { body: { confirmSlug }, headers: JSON_ACCEPT })).pipe(
      map(() => undefined),
    );
  }

  /** The cooperative-wide audit log, newest first. */
  audit(page: AuditPage = {}): Observable<PagedResponse<AuditEventDto>> {
    return this.call(this.http.get<PagedResponse<AuditEventDto>>(ApiRoutes.operatorAudit, { headers: JSON_ACCEPT, params: auditParams(page) }));
  }

  private list<T>(request: Observable<ListResponse<T>>): Observable<T[]> {
    return this.call(request).pipe(map((response) => response.data));
  }

  private call<T>(request: Observable<T>): Observable<T> {
    return request.pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => toApiError(error))),
    );
  }
}
