import { HttpErrorResponse } from '@angular/common/http';
import { InvalidParam, Problem, ProblemType } from '@ratsinfo/contracts';
/**
 * The one error model of the web app's API clients (portal, back office, operator console): what
 * went wrong, in the terms a page needs to react:
 *
 * - `unauthorized`: no or an expired sign-in (401) – offer to sign in again
 * - `forbidden`: signed in, but without the needed role, e.g. no role in this authority (403)
 * - `tenant-not-found` / `tenant-suspended`: the authority does not exist (404 tenant) or is switched off (410)
 * - `not-found`: the record does not exist (404)
 * - `conflict`: the request contradicts the current state, e.g. delete before export (409)
 * - `validation`: the API rejected the input (400/422); `fieldErrors` name the fields
 * - `rate-limited`: too many requests (429); `retryAfterSeconds` says when to try again
 * - `unavailable`: temporarily unavailable (502/503/504)
 * - `network`: no answer at all (offline, refused, timeout)
 * - `server`: anything else
 */
export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'tenant-not-found'
  | 'tenant-suspended'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'rate-limited'
  | 'unavailable'
  | 'network'
  | 'server';

/** Typed error of {@link PortalApi}, {@link OfficeApi} and {@link OperatorApi}; extends `Error` so Angular resources keep it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status, 0 without a response. */
    readonly status: number,
    /** RFC 9457 problem details, when the API sent them. */
    readonly problem: Problem | null = null,
    /** Seconds from a `Retry-After` header (429/503), when the API sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem?.title ?? `API error: ${kind} (${status})`);
  }

  /** Invalid inputs named by the API (`errors[].name` is a dotted field path such as `firstAdmin.email`). */
  get fieldErrors(): readonly InvalidParam[] {
    return this.problem?.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The subject of a request, so a bare 404 can be told apart: an unknown authority (the portal's
 * tenant lookups) or an unknown record.
 */
export type ApiErrorSubject = 'tenant' | 'record';

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

function retryAfter(error: HttpErrorResponse): number | null {
  const value = error.headers?.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function parseProblem(body: unknown): Problem | null {
  if (isProblem(body)) return body;
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

/** Maps anything an HTTP call can throw (including rxjs' TimeoutError) to an {@link ApiError}. */
export function toApiError(error: unknown, subject: ApiErrorSubject = 'record'): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof HttpErrorResponse)) return new ApiError('network', 0);
  const { status } = error;
  const problem = parseProblem(error.error);
  const type = problem?.type;

  if (status === 0) return new ApiError('network', 0, problem);
  if (status === 401 || type === ProblemType.unauthorized) return new ApiError('unauthorized', status, problem);
  if (status === 403 || type === ProblemType.forbidden) return new ApiError('forbidden', status, problem);
  if (type === ProblemType.tenantSuspended || status === 410) return new ApiError('tenant-suspended', status, problem);
  if (type === ProblemType.tenantNotFound) return new ApiError('tenant-not-found', status, problem);
  if (status === 404 || type === ProblemType.notFound) return new ApiError(subject === 'tenant' ? 'tenant-not-found' : 'not-found', status, problem);
  if (status === 409 || type === ProblemType.conflict) return new ApiError('conflict', status, problem);
  if (status === 400 || status === 413 || status === 422 || type === ProblemType.validation || type === ProblemType.payloadTooLarge) return new ApiError('validation', status, problem);
  if (status === 429) return new ApiError('rate-limited', status, problem, retryAfter(error));
  if (status === 502 || status === 503 || status === 504 || type === ProblemType.unavailable) return new ApiError('unavailable', status, problem, retryAfter(error));
  return new ApiError('server', status, problem);
}

/** The text of a Blob (FileReader where `Blob.text()` is missing, e.g. in jsdom). */
function readBlobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * Like {@link toApiError}, for calls with `responseType: 'blob'`: the problem details of an error
 * response then arrive as a Blob and have to be read first.
 */
export async function toApiErrorFromBlob(error: unknown): Promise<ApiError> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    let text: string | null = null;
    try {
      text = await readBlobText(error.error);
    } catch {
      text = null;
    }
    return toApiError(
      new HttpErrorResponse({ error: text, status: error.status, statusText: error.statusText, headers: error.headers, url: error.url ?? undefined }),
    );
  }
  return toApiError(error);
}
