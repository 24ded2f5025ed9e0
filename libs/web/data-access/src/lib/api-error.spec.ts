import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ProblemType } from '@ratsinfo/contracts';
import { ApiError, toApiError, toApiErrorFromBlob } from './api-error';

describe('toApiError', () => {
  const http = (status: number, error: unknown = null) => new HttpErrorResponse({ status, error });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [400, 'validation'],
    [422, 'validation'],
    [413, 'validation'],
    [429, 'rate-limited'],
    [410, 'tenant-suspended'],
    [503, 'unavailable'],
    [502, 'unavailable'],
    [500, 'server'],
    [0, 'network'],
  ])('maps HTTP %i to %s', (status, kind) => {
    expect(toApiError(http(status)).kind).toBe(kind);
  });

  it('prefers the problem type and keeps the field errors of a validation problem', () => {
    const problem = {
      type: ProblemType.validation,
      title: 'Invalid',
      status: 400,
      errors: [{ name: 'firstAdmin.email', reason: 'Invalid email address' }],
    };
    const error = toApiError(http(400, problem));
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual([{ name: 'firstAdmin.email', reason: 'Invalid email address' }]);
    expect(toApiError(http(404, { type: ProblemType.tenantNotFound, title: 'x', status: 404 })).kind).toBe('tenant-not-found');
  });

  it('tells an unknown authority from an unknown record by the subject of the request', () => {
    expect(toApiError(http(404), 'tenant').kind).toBe('tenant-not-found');
    expect(toApiError(http(404), 'record').kind).toBe('not-found');
    expect(toApiError(http(404)).kind).toBe('not-found');
  });

  it('reads Retry-After (seconds) of a 429 and a 503', () => {
    const limited = toApiError(new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '17' }) }));
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterSeconds).toBe(17);
    const unavailable = toApiError(new HttpErrorResponse({ status: 503, headers: new HttpHeaders({ 'Retry-After': 'soon' }) }));
    expect(unavailable.retryAfterSeconds).toBeNull();
  });

  it('treats non-HTTP errors (timeouts) as network and returns ApiErrors unchanged', () => {
    expect(toApiError(new Error('timeout')).kind).toBe('network');
    const original = new ApiError('conflict', 409);
    expect(toApiError(original)).toBe(original);
    expect(original.fieldErrors).toEqual([]);
  });

  it('reads problem details that arrived as a Blob (blob downloads)', async () => {
    const body = new Blob([JSON.stringify({ type: ProblemType.conflict, title: 'Export first', status: 409 })], {
      type: 'application/problem+json',
    });
    const error = await toApiErrorFromBlob(new HttpErrorResponse({ status: 409, error: body, headers: new HttpHeaders() }));
    expect(error.kind).toBe('conflict');
    expect(error.problem?.title).toBe('Export first');
  });
});
