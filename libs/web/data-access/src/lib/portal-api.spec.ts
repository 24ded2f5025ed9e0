import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, MeetingDetailDto, Problem, ProblemType, TenantSummary } from '@ratsinfo/contracts';
import { firstValueFrom } from 'rxjs';
import { PORTAL_API_TIMEOUT, PortalApi } from './portal-api';
import { ApiError, isApiError, toApiError } from './api-error';

const burg: TenantSummary = {
  slug: 'burg',
  name: 'Stadt Burg',
  kind: 'town',
  ags: '15086015',
  branding: { logoUrl: null, primaryColor: '#1a5e9b' },
  loginRealm: 'ratsinfo',
};

const problemJson = { 'Content-Type': 'application/problem+json' };

describe('PortalApi', () => {
  let api: PortalApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: PORTAL_API_TIMEOUT, useValue: 50 }],
    });
    api = TestBed.inject(PortalApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
    try {
      await promise;
    } catch (error) {
      expect(isApiError(error)).toBe(true);
      return error as ApiError;
    }
    throw new Error('expected the call to fail');
  }

  it('lists the active tenants from the shared route and unwraps the list', async () => {
    const result = firstValueFrom(api.listTenants());
    const req = http.expectOne(ApiRoutes.portalTenants);
    expect(req.request.method).toBe('GET');
    req.flush({ data: [burg] });
    expect(await result).toEqual([burg]);
  });

  it('requests the meetings of a tenant with the date range as query parameters', async () => {
    const result = firstValueFrom(api.listMeetings('burg', { from: '2026-03-01', to: '2026-05-30' }));
    const req = http.expectOne((r) => r.url === ApiRoutes.portalMeetings('burg'));
    expect(req.request.params.get('from')).toBe('2026-03-01');
    expect(req.request.params.get('to')).toBe('2026-05-30');
    req.flush({ data: [] });
    expect(await result).toEqual([]);
  });

  it('encodes the slug and meeting id into the path', async () => {
    const meeting: MeetingDetailDto = {
      id: 'a b',
      name: 'Sitzung',
      start: '2026-03-02T17:00:00+01:00',
      end: null,
      locationText: null,
      meetingState: 'planned',
      cancelled: false,
      organization: { id: 'o', name: 'Stadtrat', shortName: null },
      agendaItems: [],
    };
    const result = firstValueFrom(api.getMeeting('burg', 'a b'));
    http.expectOne('/api/portal/burg/meetings/a%20b').flush(meeting);
    expect(await result).toEqual(meeting);
  });

  it('maps a 404 on a tenant to tenant-not-found, keeping the problem details', async () => {
    const problem: Problem = { type: ProblemType.tenantNotFound, title: 'Tenant not found', status: 404 };
    const result = firstValueFrom(api.getTenant('nirgendwo'));
    http.expectOne(ApiRoutes.portalTenant('nirgendwo')).flush(problem, { status: 404, statusText: 'Not Found', headers: problemJson });
    const error = await failureOf(result);
    expect(error.kind).toBe('tenant-not-found');
    expect(error.status).toBe(404);
    expect(error.problem).toEqual(problem);
  });

  it('maps a bare 404 on a tenant (no problem body) to tenant-not-found', async () => {
    const result = firstValueFrom(api.getTenant('nirgendwo'));
    http.expectOne(ApiRoutes.portalTenant('nirgendwo')).flush('Not Found', { status: 404, statusText: 'Not Found' });
    expect((await failureOf(result)).kind).toBe('tenant-not-found');
  });

  it('maps a 410 tenant-suspended problem to tenant-suspended', async () => {
    const problem: Problem = { type: ProblemType.tenantSuspended, title: 'Tenant suspended', status: 410 };
    const result = firstValueFrom(api.getTenant('altdorf'));
    http.expectOne(ApiRoutes.portalTenant('altdorf')).flush(problem, { status: 410, statusText: 'Gone', headers: problemJson });
    const error = await failureOf(result);
    expect(error.kind).toBe('tenant-suspended');
    expect(error.problem?.type).toBe(ProblemType.tenantSuspended);
  });

  it('maps a 404 on a meeting to not-found', async () => {
    const problem: Problem = { type: ProblemType.notFound, title: 'Not found', status: 404 };
    const result = firstValueFrom(api.getMeeting('burg', 'x'));
    http.expectOne(ApiRoutes.portalMeeting('burg', 'x')).flush(problem, { status: 404, statusText: 'Not Found', headers: problemJson });
    expect((await failureOf(result)).kind).toBe('not-found');
  });

  it('maps a tenant-suspended problem on a meeting request to tenant-suspended', async () => {
    const problem: Problem = { type: ProblemType.tenantSuspended, title: 'Tenant suspended', status: 410 };
    const result = firstValueFrom(api.listMeetings('altdorf'));
    http.expectOne(ApiRoutes.portalMeetings('altdorf')).flush(problem, { status: 410, statusText: 'Gone', headers: problemJson });
    expect((await failureOf(result)).kind).toBe('tenant-suspended');
  });

  it('maps validation errors, 503 and other server errors', async () => {
    const invalid = firstValueFrom(api.listMeetings('burg', { from: '2026-01-01' }));
    http
      .expectOne((r) => r.url === ApiRoutes.portalMeetings('burg'))
      .flush({ type: ProblemType.validation, title: 'Invalid', status: 400, errors: [{ name: 'from', reason: 'x' }] }, { status: 400, statusText: 'Bad Request', headers: problemJson });
    const invalidError = await failureOf(invalid);
    expect(invalidError.kind).toBe('validation');
    expect(invalidError.problem?.errors?.[0]?.name).toBe('from');

    const unavailable = firstValueFrom(api.listTenants());
    http.expectOne(ApiRoutes.portalTenants).flush(null, { status: 503, statusText: 'Service Unavailable' });
    expect((await failureOf(unavailable)).kind).toBe('unavailable');

    const broken = firstValueFrom(api.listTenants());
    http.expectOne(ApiRoutes.portalTenants).flush(null, { status: 500, statusText: 'Internal Server Error' });
    expect((await failureOf(broken)).kind).toBe('server');
  });

  it('maps a network failure to network', async () => {
    const result = firstValueFrom(api.listTenants());
    http.expectOne(ApiRoutes.portalTenants).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    const error = await failureOf(result);
    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
  });

  it('fails with network when the API does not answer in time', async () => {
    const result = firstValueFrom(api.listTenants());
    const req = http.expectOne(ApiRoutes.portalTenants);
    const error = await failureOf(result);
    expect(error.kind).toBe('network');
    expect(req.cancelled).toBe(true);
  });
});

describe('toApiError', () => {
  it('parses a problem body that arrived as text', () => {
    const text = JSON.stringify({ type: ProblemType.tenantSuspended, title: 'Suspended', status: 410 });
    const error = toApiError(new HttpErrorResponse({ status: 410, error: text }));
    expect(error.kind).toBe('tenant-suspended');
    expect(error.problem?.title).toBe('Suspended');
  });

  it('treats anything that is not an HTTP error (e.g. a timeout) as network', () => {
    expect(toApiError(new Error('boom')).kind).toBe('network');
  });

  it('returns an existing ApiError unchanged', () => {
    const original = new ApiError('server', 500);
    expect(toApiError(original)).toBe(original);
  });
});
