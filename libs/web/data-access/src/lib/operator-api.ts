import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  AuditEventDto,
  ExportRoutes,
  ListResponse,
  OnboardTenantInput,
  OperatorSessionDto,
  OperatorTenantDto,
  PagedResponse,
  ProvisioningStepDto,
  TenantExportDto,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { EXPORT_POLL_INTERVAL, EXPORT_TIMEOUT, TenantExport, downloadExport, downloadExportZip } from './export-download';
import { AuditPage, JSON_ACCEPT, SIGNED_IN_API_TIMEOUT, auditParams } from './office-api';

/**
 * Typed client of the operator console (`/api/operator/...`), for the cooperative's staff.
 * Every method errors with an {@link ApiError} only.
 */
@Injectable({ providedIn: 'root' })
export class OperatorApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);
  private readonly exportTimeoutMs = inject(EXPORT_TIMEOUT);
  private readonly exportPollMs = inject(EXPORT_POLL_INTERVAL);

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

  /**
   * Creates and downloads the export archive (application/zip) of an authority. The API requires
   * a stated reason (recorded in the authority's audit log); without one it answers `validation`
   * naming `reason`.
   */
  exportTenant(tenantId: string, reason: string, fallbackName: string): Observable<TenantExport> {
    const urls = { request: ApiRoutes.operatorTenantExport(tenantId), status: (id: string) => ExportRoutes.operatorExport(tenantId, id), download: (id: string) => ExportRoutes.operatorExportDownload(tenantId, id) };
    return downloadExport(this.http, urls, { reason }, fallbackName, this.exportTimeoutMs, this.exportPollMs);
  }

  /** An authority's exports, newest first. */
  exports(tenantId: string): Observable<TenantExportDto[]> {
    return this.list(this.http.get<ListResponse<TenantExportDto>>(ExportRoutes.operatorExports(tenantId), { headers: JSON_ACCEPT }));
  }

  /** Requests an operator's export (202: pending; the worker builds it). */
  requestExport(tenantId: string, reason: string): Observable<TenantExportDto> {
    return this.call(this.http.post<TenantExportDto>(ApiRoutes.operatorTenantExport(tenantId), { reason }, { headers: JSON_ACCEPT }));
  }

  /** The ZIP of a ready export. */
  downloadExport(tenantId: string, id: string, fallbackName: string): Observable<TenantExport> {
    return downloadExportZip(this.http, ExportRoutes.operatorExportDownload(tenantId, id), fallbackName);
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
