import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, ExportRoutes, InviteUserInput, ProblemType, TenantSessionDto, UserAccountDto } from '@ratsinfo/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiError } from './api-error';
import { OfficeApi, SIGNED_IN_API_TIMEOUT } from './office-api';

const session: TenantSessionDto = {
  tenant: { slug: 'burg', name: 'Stadt Burg' },
  user: { id: 'u1', displayName: 'Petra Schulz', email: 'petra.schulz@burg.example', personId: null },
  roles: ['member', 'clerk'],
  supportAccess: null,
};

const invited: UserAccountDto = {
  id: 'u2',
  email: 'karl.meier@burg.example',
  displayName: 'Karl Meier',
  roles: ['member'],
  personId: '0b6f3f8e-3c1a-4f55-9d7e-2a6c1e0f4b11',
  linked: false,
  lastSeenAt: null,
};

const problemJson = { 'Content-Type': 'application/problem+json' };

describe('OfficeApi', () => {
  let api: OfficeApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SIGNED_IN_API_TIMEOUT, useValue: 50 }],
    });
    api = TestBed.inject(OfficeApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function failure(promise: Promise<unknown>): Promise<ApiError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      return error as ApiError;
    }
    throw new Error('expected the call to fail');
  }

  it('loads the session of the signed-in user in a tenant', async () => {
    const result = firstValueFrom(api.session('burg'));
    const req = http.expectOne(ApiRoutes.officeSession('burg'));
    expect(req.request.method).toBe('GET');
    req.flush(session);
    expect(await result).toEqual(session);
  });

  it('maps 403 (no role in this tenant) to forbidden', async () => {
    const result = firstValueFrom(api.session('burg'));
    http
      .expectOne(ApiRoutes.officeSession('burg'))
      .flush({ type: ProblemType.forbidden, title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden' });
    expect((await failure(result)).kind).toBe('forbidden');
  });

  it('puts the new roles of a user and unwraps lists', async () => {
    const users = firstValueFrom(api.users('burg'));
    http.expectOne(ApiRoutes.officeUsers('burg')).flush({ data: [] });
    expect(await users).toEqual([]);

    const update = firstValueFrom(api.updateUserRoles('burg', 'u1', { roles: ['clerk'] }));
    const req = http.expectOne(ApiRoutes.officeUserRoles('burg', 'u1'));
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ roles: ['clerk'] });
    req.flush({ id: 'u1', email: null, displayName: 'P', roles: ['clerk'], personId: null, linked: true, lastSeenAt: null });
    expect((await update).roles).toEqual(['clerk']);
  });

  describe('inviting people and linking accounts', () => {
    const input: InviteUserInput = {
      firstName: 'Karl',
      lastName: 'Meier',
      email: 'karl.meier@burg.example',
      roles: ['member'],
      personId: invited.personId,
    };

    it('posts the invitation and returns the new account (201)', async () => {
      const result = firstValueFrom(api.inviteUser('burg', input));
      const req = http.expectOne(ApiRoutes.officeUsers('burg'));
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual(input);
      expect(req.request.headers.get('Accept')).toBe('application/json, application/problem+json');
      req.flush(invited, { status: 201, statusText: 'Created' });
      expect(await result).toEqual(invited);
    });

    it('keeps the invalid fields the API names (400)', async () => {
      const result = firstValueFrom(api.inviteUser('burg', input));
      http.expectOne(ApiRoutes.officeUsers('burg')).flush(
        {
          type: ProblemType.validation,
          title: 'Validation failed',
          status: 400,
          errors: [
            { name: 'email', reason: 'already has an account in this authority' },
            { name: 'personId', reason: 'is not a person of this authority' },
          ],
        },
        { status: 400, statusText: 'Bad Request', headers: problemJson },
      );
      const error = await failure(result);
      expect(error.kind).toBe('validation');
      expect(error.fieldErrors.map((e) => e.name)).toEqual(['email', 'personId']);
    });

    it('maps 503 (the identity provider did not do its part) to unavailable', async () => {
      const result = firstValueFrom(api.inviteUser('burg', input));
      http
        .expectOne(ApiRoutes.officeUsers('burg'))
        .flush(
          { type: ProblemType.unavailable, title: 'Service Unavailable', status: 503, detail: 'The identity provider could not create the identity.' },
          { status: 503, statusText: 'Service Unavailable', headers: problemJson },
        );
      const error = await failure(result);
      expect(error.kind).toBe('unavailable');
      expect(error.status).toBe(503);
    });

    it('resends an invitation (202) and reports a person who signed in since as conflict (409)', async () => {
      const resend = firstValueFrom(api.resendInvitation('burg', 'u2'));
      const req = http.expectOne(ApiRoutes.officeUserInvitation('burg', 'u2'));
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toBeNull();
      req.flush(invited, { status: 202, statusText: 'Accepted' });
      expect(await resend).toEqual(invited);

      const again = firstValueFrom(api.resendInvitation('burg', 'u2'));
      http
        .expectOne(ApiRoutes.officeUserInvitation('burg', 'u2'))
        .flush({ type: ProblemType.conflict, title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict', headers: problemJson });
      expect((await failure(again)).kind).toBe('conflict');
    });

    it('links an account to a person and unlinks it with null', async () => {
      const link = firstValueFrom(api.linkUserPerson('burg', 'u2', invited.personId));
      const put = http.expectOne(ApiRoutes.officeUserPerson('burg', 'u2'));
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({ personId: invited.personId });
      put.flush(invited);
      expect((await link).personId).toBe(invited.personId);

      const unlink = firstValueFrom(api.linkUserPerson('burg', 'u2', null));
      const put2 = http.expectOne(ApiRoutes.officeUserPerson('burg', 'u2'));
      expect(put2.request.body).toEqual({ personId: null });
      put2.flush({ ...invited, personId: null });
      expect((await unlink).personId).toBeNull();
    });
  });

  it('grants and revokes support access', async () => {
    const grant = firstValueFrom(api.grantSupportAccess('burg', { hours: 4, reason: 'Import prüfen' }));
    const post = http.expectOne(ApiRoutes.officeSupportAccess('burg'));
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ hours: 4, reason: 'Import prüfen' });
    post.flush({ id: 'g1' });
    expect((await grant).id).toBe('g1');

    const revoke = firstValueFrom(api.revokeSupportAccess('burg', 'g1'));
    const del = http.expectOne(ApiRoutes.officeSupportAccessGrant('burg', 'g1'));
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(await revoke).toBeUndefined();
  });

  it('pages the audit log with limit and the cursor, and passes the next cursor on', async () => {
    const result = firstValueFrom(api.audit('burg', { limit: 50, cursor: 'opaque-1' }));
    const req = http.expectOne((r) => r.url === ApiRoutes.officeAudit('burg'));
    expect(req.request.params.get('limit')).toBe('50');
    expect(req.request.params.get('cursor')).toBe('opaque-1');
    expect(req.request.params.has('before')).toBe(false);
    req.flush({ data: [], nextCursor: 'opaque-2' });
    expect(await result).toEqual({ data: [], nextCursor: 'opaque-2' });
  });

  it('fails with network when the API does not answer in time', async () => {
    const result = firstValueFrom(api.meeting('burg', 'm1'));
    const req = http.expectOne(ApiRoutes.officeMeeting('burg', 'm1'));
    expect((await failure(result)).kind).toBe('network');
    expect(req.cancelled).toBe(true);
  });
  it('reads and saves the authority settings', async () => {
    const read = firstValueFrom(api.settings('burg'));
    http.expectOne(ApiRoutes.officeSettings('burg')).flush({ memberVisibility: 'own-bodies' });
    expect(await read).toEqual({ memberVisibility: 'own-bodies' });

    const saved = firstValueFrom(api.updateSettings('burg', { memberVisibility: 'all-bodies' }));
    const req = http.expectOne(ApiRoutes.officeSettings('burg'));
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ memberVisibility: 'all-bodies' });
    req.flush({ memberVisibility: 'all-bodies' });
    expect(await saved).toEqual({ memberVisibility: 'all-bodies' });
  });

  it('a clerk saving the settings gets forbidden', async () => {
    const saved = firstValueFrom(api.updateSettings('burg', { memberVisibility: 'all-bodies' }));
    http
      .expectOne(ApiRoutes.officeSettings('burg'))
      .flush({ type: ProblemType.forbidden, title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden', headers: problemJson });
    await expect(saved).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('exports the authority: request with the reason, follow the record, download with the name of Content-Disposition', async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    const record = (status: string) => ({ id: 'e1', status, requestedAs: 'tenant-admin', requestedByName: 'Anna', reason: 'x', size: null, counts: null, error: null, createdAt: '2026-12-02T10:00:00.000Z', finishedAt: null, expiresAt: null });
    const result = firstValueFrom(api.exportAuthority('burg', 'Jährliche Sicherung der Unterlagen', 'fallback.zip'));
    const req = http.expectOne(ApiRoutes.officeExport('burg'));
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: 'Jährliche Sicherung der Unterlagen' });
    req.flush(record('pending'), { status: 202, statusText: 'Accepted' });
    await tick();
    http.expectOne(ExportRoutes.officeExport('burg', 'e1')).flush(record('ready'));
    await tick();
    http.expectOne(ExportRoutes.officeExportDownload('burg', 'e1')).flush(new Blob(['zip'], { type: 'application/zip' }), {
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="ratsinfo-burg-2026-12-02.zip"' },
    });
    expect((await result).filename).toBe('ratsinfo-burg-2026-12-02.zip');
  });

  it('a rejected reason comes back as validation naming reason', async () => {
    const result = firstValueFrom(api.requestExport('burg', 'kurz'));
    const problem = { type: ProblemType.validation, title: 'Invalid input', status: 400, errors: [{ name: 'reason', reason: 'must be at least 10 characters' }] };
    http.expectOne(ApiRoutes.officeExport('burg')).flush(problem, { status: 400, statusText: 'Bad Request', headers: problemJson });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors.map((e) => e.name)).toEqual(['reason']);
  });
});
