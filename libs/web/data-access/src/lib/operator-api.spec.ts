import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, ExportRoutes, ProblemType } from '@ratsinfo/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiError } from './api-error';
import { filenameFromContentDisposition } from './export-download';
import { OperatorApi } from './operator-api';

describe('OperatorApi', () => {
  let api: OperatorApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(OperatorApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the tenants and polls the provisioning steps', async () => {
    const tenants = firstValueFrom(api.tenants());
    http.expectOne(ApiRoutes.operatorTenants).flush({ data: [] });
    expect(await tenants).toEqual([]);

    const steps = firstValueFrom(api.provisioning('t1'));
    http.expectOne(ApiRoutes.operatorTenantProvisioning('t1')).flush({ data: [{ step: 'register-tenant', state: 'done', error: null, finishedAt: null }] });
    expect((await steps).map((s) => s.state)).toEqual(['done']);
  });

  it('retries provisioning with a POST and accepts an answer without body', async () => {
    const retried = firstValueFrom(api.retryProvisioning('t1'));
    const req = http.expectOne(ApiRoutes.operatorTenantProvisioning('t1'));
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 202, statusText: 'Accepted' });
    expect(await retried).toBeNull();
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const record = (status: string, extra: Record<string, unknown> = {}) => ({ id: 'e1', status, requestedAs: 'operator', requestedByName: 'Olaf', reason: 'x', size: null, counts: null, error: null, createdAt: '2026-12-02T10:00:00.000Z', finishedAt: null, expiresAt: null, ...extra });

  it('requests the export, follows its record until it is ready, then downloads the ZIP with the name of Content-Disposition', async () => {
    const result = firstValueFrom(api.exportTenant('t1', 'Übergabe an die neue Verwaltung', 'fallback.zip'));
    const req = http.expectOne(ApiRoutes.operatorTenantExport('t1'));
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: 'Übergabe an die neue Verwaltung' });
    req.flush(record('pending'), { status: 202, statusText: 'Accepted' });
    await tick();
    http.expectOne(ExportRoutes.operatorExport('t1', 'e1')).flush(record('ready', { size: 3 }));
    await tick();
    const download = http.expectOne(ExportRoutes.operatorExportDownload('t1', 'e1'));
    expect(download.request.responseType).toBe('blob');
    download.flush(new Blob(['zip'], { type: 'application/zip' }), {
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="ratsinfo-burg-2026-03-02.zip"' },
    });
    const done = await result;
    expect(done.filename).toBe('ratsinfo-burg-2026-03-02.zip');
    expect(done.blob.size).toBe(3);
  });

  it('errors with the message of a failed export, without downloading', async () => {
    const result = firstValueFrom(api.exportTenant('t1', 'Übergabe an die neue Verwaltung', 'fallback.zip'));
    http.expectOne(ApiRoutes.operatorTenantExport('t1')).flush(record('pending'), { status: 202, statusText: 'Accepted' });
    await tick();
    http.expectOne(ExportRoutes.operatorExport('t1', 'e1')).flush(record('failed', { error: 'Speicher voll' }));
    const error = await result.catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server' });
    expect((error as ApiError).problem?.detail).toBe('Speicher voll');
    http.expectNone(ExportRoutes.operatorExportDownload('t1', 'e1'));
  });

  it('reads the problem details of an expired export from the blob (410)', async () => {
    const result = firstValueFrom(api.downloadExport('t1', 'e1', 'fallback.zip'));
    http
      .expectOne(ExportRoutes.operatorExportDownload('t1', 'e1'))
      .flush(new Blob([JSON.stringify({ type: ProblemType.gone, title: 'Gone', status: 410 })]), { status: 410, statusText: 'Gone' });
    await expect(result).rejects.toBeInstanceOf(ApiError);
  });

  it('names the reason field of a rejected export request', async () => {
    const result = firstValueFrom(api.exportTenant('t1', 'kurz', 'fallback.zip'));
    const problem = { type: ProblemType.validation, title: 'Invalid input', status: 400, errors: [{ name: 'reason', reason: 'must be at least 10 characters' }] };
    http.expectOne(ApiRoutes.operatorTenantExport('t1')).flush(problem, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } });
    const error = await result.catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation' });
    expect((error as { fieldErrors: unknown }).fieldErrors).toEqual([{ name: 'reason', reason: 'must be at least 10 characters' }]);
  });

  it('lists an authority’s exports', async () => {
    const result = firstValueFrom(api.exports('t1'));
    http.expectOne(ExportRoutes.operatorExports('t1')).flush({ data: [record('running')] });
    expect((await result).map((e) => e.status)).toEqual(['running']);
  });

  it('deletes a tenant with the typed slug in the body; 409 before an export', async () => {
    const result = firstValueFrom(api.deleteTenant('t1', 'burg'));
    const req = http.expectOne(ApiRoutes.operatorTenant('t1'));
    expect(req.request.method).toBe('DELETE');
    expect(req.request.body).toEqual({ confirmSlug: 'burg' });
    req.flush({ type: ProblemType.conflict, title: 'Export first', status: 409 }, { status: 409, statusText: 'Conflict' });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('conflict');
  });

  it('suspends and reactivates', async () => {
    const suspended = firstValueFrom(api.suspend('t1'));
    http.expectOne(ApiRoutes.operatorTenantSuspend('t1')).flush({ id: 't1', status: 'suspended' });
    expect((await suspended).status).toBe('suspended');
    const reactivated = firstValueFrom(api.reactivate('t1'));
    http.expectOne(ApiRoutes.operatorTenantReactivate('t1')).flush({ id: 't1', status: 'active' });
    expect((await reactivated).status).toBe('active');
  });
});

describe('filenameFromContentDisposition', () => {
  it('reads plain, quoted and RFC 5987 file names and strips paths', () => {
    expect(filenameFromContentDisposition('attachment; filename=export.zip')).toBe('export.zip');
    expect(filenameFromContentDisposition('attachment; filename="a b.zip"')).toBe('a b.zip');
    expect(filenameFromContentDisposition(`attachment; filename="x.zip"; filename*=UTF-8''Gr%C3%BCnau.zip`)).toBe('Grünau.zip');
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition('attachment')).toBeNull();
  });
});
