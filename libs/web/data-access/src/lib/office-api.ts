import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  ApiRoutes,
  AuditEventDto,
  AuthoritySettingsDto,
  ExportRoutes,
  type AuthoritySettingsInput,
  InviteUserInput,
  LinkPersonInput,
  ListResponse,
  OfficeMeetingDto,
  PagedResponse,
  MyAuthorityDto,
  SupportAccessGrantDto,
  SupportAccessGrantInput,
  TenantExportDto,
  TenantSessionDto,
  UserAccountDto,
  UserRolesUpdate,
} from '@ratsinfo/contracts';
import { Observable, catchError, map, throwError, timeout } from 'rxjs';
import { toApiError } from './api-error';
import { EXPORT_POLL_INTERVAL, EXPORT_TIMEOUT, TenantExport, downloadExport, downloadExportZip } from './export-download';

/** Milliseconds after which a call of the signed-in areas counts as failed (`network`). */
export const SIGNED_IN_API_TIMEOUT = new InjectionToken<number>('SIGNED_IN_API_TIMEOUT', {
  providedIn: 'root',
  factory: () => 30_000,
});

/** Paging of the audit log: at most `limit` events after `cursor` (the `nextCursor` of the page before). */
export interface AuditPage {
  limit?: number;
  cursor?: string;
}

export const JSON_ACCEPT = { Accept: 'application/json, application/problem+json' };

export function auditParams(page: AuditPage): HttpParams {
  let params = new HttpParams();
  if (page.limit) params = params.set('limit', String(page.limit));
  if (page.cursor) params = params.set('cursor', page.cursor);
  return params;
}

/**
 * Typed client of the back office of one member authority (`/api/office/{slug}/...`). The bearer
 * token is added by the auth interceptor (only for `/api/office/` and `/api/operator/`).
 * Every method errors with an {@link ApiError} only.
 */
@Injectable({ providedIn: 'root' })
export class OfficeApi {
  private readonly http = inject(HttpClient);
  private readonly timeoutMs = inject(SIGNED_IN_API_TIMEOUT);
  private readonly exportTimeoutMs = inject(EXPORT_TIMEOUT);
  private readonly exportPollMs = inject(EXPORT_POLL_INTERVAL);

  /** The active authorities where the signed-in person has a role (the authority switcher). */
  myAuthorities(): Observable<MyAuthorityDto[]> {
    return this.list(this.http.get<ListResponse<MyAuthorityDto>>(ApiRoutes.meAuthorities, { headers: JSON_ACCEPT }));
  }

  /** The signed-in user in this authority with their roles; `forbidden` without any role there. */
  session(slug: string): Observable<TenantSessionDto> {
    return this.call(this.http.get<TenantSessionDto>(ApiRoutes.officeSession(slug), { headers: JSON_ACCEPT }));
  }

  /** A meeting with all agenda items, non-public ones included (members, clerks, tenant admins). */
  meeting(slug: string, meetingId: string): Observable<OfficeMeetingDto> {
    return this.call(this.http.get<OfficeMeetingDto>(ApiRoutes.officeMeeting(slug, meetingId), { headers: JSON_ACCEPT }));
  }

  /** User accounts of the authority (tenant admins). */
  users(slug: string): Observable<UserAccountDto[]> {
    return this.list(this.http.get<ListResponse<UserAccountDto>>(ApiRoutes.officeUsers(slug), { headers: JSON_ACCEPT }));
  }

  /**
   * Invites a person (tenant admins): their identity at the identity provider, their account with
   * the given roles and the invitation e-mail. Errors with `validation` (e.g. `email` already has an
   * account, `personId` not of this authority) and with `unavailable` (503) when the identity
   * provider did not do its part.
   */
  inviteUser(slug: string, input: InviteUserInput): Observable<UserAccountDto> {
    return this.call(this.http.post<UserAccountDto>(ApiRoutes.officeUsers(slug), input, { headers: JSON_ACCEPT }));
  }

  /** Sends the invitation e-mail again (tenant admins); `conflict` when the person has signed in since. */
  resendInvitation(slug: string, userId: string): Observable<UserAccountDto> {
    return this.call(this.http.post<UserAccountDto>(ApiRoutes.officeUserInvitation(slug, userId), null, { headers: JSON_ACCEPT }));
  }

  /** Links a user account to the council member (Person) it belongs to, or unlinks it with `null` (tenant admins). */
  linkUserPerson(slug: string, userId: string, personId: string | null): Observable<UserAccountDto> {
    const body: LinkPersonInput = { personId };
    return this.call(this.http.put<UserAccountDto>(ApiRoutes.officeUserPerson(slug, userId), body, { headers: JSON_ACCEPT }));
  }

  /** Replaces the roles of a user account (tenant admins). */
  updateUserRoles(slug: string, userId: string, update: UserRolesUpdate): Observable<UserAccountDto> {
    return this.call(this.http.put<UserAccountDto>(ApiRoutes.officeUserRoles(slug, userId), update, { headers: JSON_ACCEPT }));
  }

  /** Support access grants of the authority, newest first (tenant admins). */
  supportGrants(slug: string): Observable<SupportAccessGrantDto[]> {
    return this.list(this.http.get<ListResponse<SupportAccessGrantDto>>(ApiRoutes.officeSupportAccess(slug), { headers: JSON_ACCEPT }));
  }

  /** Grants the cooperative's operators time-limited support access (tenant admins). */
  grantSupportAccess(slug: string, input: SupportAccessGrantInput): Observable<SupportAccessGrantDto> {
    return this.call(this.http.post<SupportAccessGrantDto>(ApiRoutes.officeSupportAccess(slug), input, { headers: JSON_ACCEPT }));
  }

  /** Revokes a support access grant before it expires (tenant admins). */
  revokeSupportAccess(slug: string, grantId: string): Observable<void> {
    return this.call(this.http.delete(ApiRoutes.officeSupportAccessGrant(slug, grantId), { headers: JSON_ACCEPT })).pipe(map(() => undefined));
  }

  /** Audit events of the authority, newest first (tenant admins). */
  audit(slug: string, page: AuditPage = {}): Observable<PagedResponse<AuditEventDto>> {
    return this.call(this.http.get<PagedResponse<AuditEventDto>>(ApiRoutes.officeAudit(slug), { headers: JSON_ACCEPT, params: auditParams(page) }));
  }

  /** The authority's own settings (clerks and tenant admins). */
  settings(slug: string): Observable<AuthoritySettingsDto> {
    return this.call(this.http.get<AuthoritySettingsDto>(ApiRoutes.officeSettings(slug), { headers: JSON_ACCEPT }));
  }

  /** Saves the authority's settings (tenant admins; the change is recorded in the audit log). */
  updateSettings(slug: string, settings: AuthoritySettingsInput): Observable<AuthoritySettingsDto> {
    return this.call(this.http.put<AuthoritySettingsDto>(ApiRoutes.officeSettings(slug), settings, { headers: JSON_ACCEPT }));
  }

  /**
   * Creates and downloads the complete export (application/zip) of the authority (tenant admins),
   * with the stated reason that the API records in the authority's audit log.
   */
  exportAuthority(slug: string, reason: string, fallbackName: string): Observable<TenantExport> {
    const urls = { request: ApiRoutes.officeExport(slug), status: (id: string) => ExportRoutes.officeExport(slug, id), download: (id: string) => ExportRoutes.officeExportDownload(slug, id) };
    return downloadExport(this.http, urls, { reason }, fallbackName, this.exportTimeoutMs, this.exportPollMs);
  }

  /** The authority's exports, newest first (status, size, counts, expiry). */
  exports(slug: string): Observable<TenantExportDto[]> {
    return this.list(this.http.get<ListResponse<TenantExportDto>>(ExportRoutes.officeExports(slug), { headers: JSON_ACCEPT }));
  }

  /** Requests an export (202: pending; the worker builds it). */
  requestExport(slug: string, reason: string): Observable<TenantExportDto> {
    return this.call(this.http.post<TenantExportDto>(ApiRoutes.officeExport(slug), { reason }, { headers: JSON_ACCEPT }));
  }

  /** The ZIP of a ready export (`conflict` before, 410 → `server`/gone after expiry). */
  downloadExport(slug: string, id: string, fallbackName: string): Observable<TenantExport> {
    return downloadExportZip(this.http, ExportRoutes.officeExportDownload(slug, id), fallbackName);
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
