import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiRoutes, PortalMeetingDetail, Problem, ProblemType, TenantSummary } from '@ratsinfo/contracts';
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
    const meeting: PortalMeetingDetail = {
      id: 'a b',
      name: 'Sitzung',
      start: '2026-03-02T17:00:00+01:00',
      end: null,
      locationText: null,
      meetingState: 'planned',
      cancelled: false,
      organization: { id: 'o', name: 'Stadtrat', shortName: null },
      cancelledReason: null,
      agendaItems: [],
      files: [],
      bundle: { available: false, failed: false, generatedAt: null, pageCount: null, size: null, url: '/api/portal/burg/meetings/a%20b/bundle' },
    };
    const result = firstValueFrom(api.getMeeting('burg', 'a b'));
    http.expectOne('/api/portal/burg/meetings/a%20b').flush(meeting);
    expect(await result).toEqual(meeting);
  });

  it('asks for papers with the filter as query parameters, leaving out what is not set', async () => {
    const result = firstValueFrom(api.listPapers('burg', { q: 'Haushalt 2027', year: 2026, cursor: 'abc' }));
    const req = http.expectOne((r) => r.url === '/api/portal/burg/papers');
    expect(req.request.params.keys().sort()).toEqual(['cursor', 'q', 'year']);
    expect(req.request.params.get('q')).toBe('Haushalt 2027');
    expect(req.request.params.get('year')).toBe('2026');
    req.flush({ data: [], nextCursor: null });
    expect(await result).toEqual({ data: [], nextCursor: null });
  });

  it('reads a paper, a body, a person and the paper types from their routes', async () => {
    const paper = firstValueFrom(api.getPaper('burg', 'p 1'));
    http.expectOne('/api/portal/burg/papers/p%201').flush({ id: 'p 1' });
    expect(await paper).toEqual({ id: 'p 1' });
    const organization = firstValueFrom(api.getOrganization('burg', 'o1'));
    http.expectOne('/api/portal/burg/organizations/o1').flush({ id: 'o1' });
    expect(await organization).toEqual({ id: 'o1' });
    const person = firstValueFrom(api.getPerson('burg', 'x1'));
    http.expectOne('/api/portal/burg/persons/x1').flush({ id: 'x1' });
    expect(await person).toEqual({ id: 'x1' });
    const types = firstValueFrom(api.listPaperTypes('burg'));
    http.expectOne('/api/portal/burg/paper-types').flush({ data: [{ id: 't', name: 'Antrag', abbreviation: 'AN' }] });
    expect(await types).toEqual([{ id: 't', name: 'Antrag', abbreviation: 'AN' }]);
  });

  it('maps a 404 on a paper to not-found', async () => {
    const result = firstValueFrom(api.getPaper('burg', 'gone'));
    http.expectOne('/api/portal/burg/papers/gone').flush({ type: ProblemType.notFound, title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found', headers: problemJson });
    expect((await failureOf(result)).kind).toBe('not-found');
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
