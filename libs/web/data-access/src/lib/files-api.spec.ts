import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type FileDto, FileRoutes, ProblemType } from '@ratsinfo/contracts';
import { firstValueFrom, toArray } from 'rxjs';
import { ApiError } from './api-error';
import { FilesApi, type UploadEvent } from './files-api';
import { SIGNED_IN_API_TIMEOUT } from './office-api';

const paper = { kind: 'paper' as const, id: '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f' };
const stored: FileDto = {
  id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
  name: 'Lageplan',
  fileName: 'Lageplan.pdf',
  mimeType: 'application/pdf',
  size: 2048,
  sha512Checksum: 'a'.repeat(128),
  public: true,
  version: 3,
  currentVersion: 2,
  sortOrder: 0,
  owner: paper,
  main: false,
  createdAt: '2026-03-02T09:00:00.000Z',
  modifiedAt: '2026-03-02T09:00:00.000Z',
  textAvailable: false,
  accessUrl: FileRoutes.fileContent('burg', '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'),
  downloadUrl: `${FileRoutes.fileContent('burg', '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a')}?download=1`,
};

describe('FilesApi', () => {
  let api: FilesApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SIGNED_IN_API_TIMEOUT, useValue: 50 }] });
    api = TestBed.inject(FilesApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('uploads as multipart with the fields, reporting progress, then the stored file', async () => {
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'Lageplan.pdf', { type: 'application/pdf' });
    const events = firstValueFrom(api.upload('burg', paper, file, { name: 'Lageplan', public: false, main: true }).pipe(toArray()));
    const req = http.expectOne(FileRoutes.ownerFiles('burg', paper));
    expect(req.request.method).toBe('POST');
    expect(req.request.reportProgress).toBe(true);
    const body = req.request.body as FormData;
    expect(body.get('name')).toBe('Lageplan');
    expect(body.get('public')).toBe('false');
    expect(body.get('main')).toBe('true');
    expect((body.get('file') as File).name).toBe('Lageplan.pdf');
    req.event({ type: HttpEventType.UploadProgress, loaded: 512, total: 2048 });
    req.flush(stored, { status: 201, statusText: 'Created' });
    expect(await events).toEqual<UploadEvent[]>([
      { kind: 'progress', loaded: 512, total: 2048 },
      { kind: 'done', file: stored },
    ]);
  });

  it('sends the version read as If-Match for a new version, an edit and a delete', () => {
    const file = new File(['x'], 'neu.pdf');
    api.uploadVersion('burg', stored, file).subscribe();
    const version = http.expectOne(FileRoutes.fileVersions('burg', stored.id));
    expect(version.request.headers.get('If-Match')).toBe('"3"');
    version.flush(stored, { status: 201, statusText: 'Created' });
    api.update('burg', stored, { name: 'Neu' }).subscribe();
    const patch = http.expectOne(FileRoutes.file('burg', stored.id));
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    patch.flush(stored);
    api.remove('burg', stored).subscribe();
    const del = http.expectOne(FileRoutes.file('burg', stored.id));
    expect(del.request.method).toBe('DELETE');
    expect(del.request.headers.get('If-Match')).toBe('"3"');
    del.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('errors with the API problem of a refused upload (415), keeping its status', async () => {
    const result = firstValueFrom(api.upload('burg', paper, new File(['<html>'], 'rechnung.pdf')).pipe(toArray())).catch((e: unknown) => e);
    http.expectOne(FileRoutes.ownerFiles('burg', paper)).flush(
      { type: ProblemType.unsupportedMediaType, title: 'Unsupported Media Type', status: 415, detail: '"rechnung.pdf" is not an accepted file type' },
      { status: 415, statusText: 'Unsupported Media Type', headers: { 'Content-Type': 'application/problem+json' } },
    );
    const error = (await result) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(415);
    expect(error.problem?.detail).toContain('rechnung.pdf');
  });

  it('downloads with the original name from Content-Disposition (RFC 5987)', async () => {
    const result = firstValueFrom(api.download(stored.downloadUrl, 'fallback.pdf'));
    http.expectOne(stored.downloadUrl).flush(new Blob(['%PDF']), { headers: { 'Content-Disposition': `attachment; filename="Gr?nfl?che.pdf"; filename*=UTF-8''Gr%C3%BCnfl%C3%A4che.pdf` } });
    expect((await result).filename).toBe('Grünfläche.pdf');
  });
});
