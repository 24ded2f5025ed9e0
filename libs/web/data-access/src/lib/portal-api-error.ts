import { HttpErrorResponse } from '@angular/common/http';
import { Problem, ProblemType } from '@ratsinfo/contracts';

/**
 * What went wrong, in the terms a page needs to choose its message.
 *
 * - `tenant-not-found`: no member authority under this slug (404, or problem type tenant-not-found)
 * - `tenant-suspended`: the authority exists but its portal is switched off (410)
 * - `not-found`: the requested record (e.g. a meeting) does not exist or is not public (404)
 * - `invalid-request`: the API rejected the request parameters (400/422)
 * - `unavailable`: the service is temporarily unavailable (503, or 502/504 from a proxy)
 * - `network`: no answer at all (offline, connection refused, timeout)
 * - `server`: any other error, including a response that is not the expected JSON
 */
export type PortalApiErrorKind =
  | 'tenant-not-found'
  | 'tenant-suspended'
  | 'not-found'
  | 'invalid-request'
  | 'unavailable'
  | 'network'
  | 'server';

/** The subject of a request, so a bare 404 can be told apart (unknown tenant vs. unknown meeting). */
export type PortalApiSubject = 'tenant' | 'record';

/** Typed error thrown by {@link PortalApi}; pages switch on `kind`. Extends `Error` so Angular resources keep it as is. */
export class PortalApiError extends Error {
  override readonly name = 'PortalApiError';

  constructor(
    readonly kind: PortalApiErrorKind,
    /** HTTP status, 0 when there was no response. */
    readonly status: number,
    /** The RFC 9457 problem details, when the API sent them. */
    readonly problem: Problem | null = null,
  ) {
    super(problem?.title ?? `Portal API error: ${kind} (${status})`);
  }
}

export function isPortalApiError(error: unknown): error is PortalApiError {
  return error instanceof PortalApiError;
}

/** True when `body` looks like RFC 9457 problem details (JSON already parsed). */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate['title'] === 'string' &&
    typeof candidate['status'] === 'number' &&
    (candidate['type'] === undefined || typeof candidate['type'] === 'string')
  );
}

function parseProblem(body: unknown): Problem | null {
  if (isProblem(body)) return body;
  // A problem body may arrive as text when the response was not parsed as JSON.
  if (typeof body === 'string' && body.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return isProblem(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Maps anything an HTTP call can throw to a {@link PortalApiError}. */
export function toPortalApiError(error: unknown, subject: PortalApiSubject = 'record'): PortalApiError {
  if (error instanceof PortalApiError) return error;
  if (!(error instanceof HttpErrorResponse)) {
    // e.g. rxjs TimeoutError: there was no usable answer.
    return new PortalApiError('network', 0);
  }
  const status = error.status;
  const problem = parseProblem(error.error);
  const type = problem?.type;

  if (status === 0) return new PortalApiError('network', 0, problem);
  if (type === ProblemType.tenantSuspended || status === 410) {
    return new PortalApiError('tenant-suspended', status, problem);
  }
  if (type === ProblemType.tenantNotFound) return new PortalApiError('tenant-not-found', status, problem);
  if (status === 404 || type === ProblemType.notFound) {
    return new PortalApiError(subject === 'tenant' ? 'tenant-not-found' : 'not-found', status, problem);
  }
  if (status === 400 || status === 422 || type === ProblemType.validation) {
    return new PortalApiError('invalid-request', status, problem);
  }
  if (status === 503 || status === 502 || status === 504 || type === ProblemType.unavailable) {
    return new PortalApiError('unavailable', status, problem);
  }
  return new PortalApiError('server', status, problem);
}
