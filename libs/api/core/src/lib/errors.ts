import { InvalidParam, ProblemType } from '@ratsinfo/contracts';

/**
 * Errors the domain raises on purpose. Each has a stable problem `type` and HTTP status; the
 * ProblemDetailsFilter turns them into `application/problem+json`. Anything else is a bug and
 * becomes a logged 500 without internals.
 */
export abstract class DomainError extends Error {
  abstract readonly type: string;
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(readonly detail?: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly type = ProblemType.notFound;
  readonly status = 404;
  readonly title = 'Not Found';
  constructor(what: string) {
    super(`${what} was not found.`);
  }
}

export class TenantNotFoundError extends DomainError {
  readonly type = ProblemType.tenantNotFound;
  readonly status = 404;
  readonly title = 'Unknown member authority';
  constructor(slug: string) {
    super(`There is no member authority "${slug}".`);
  }
}

/** 410: the authority exists but its public pages are switched off while it is suspended. */
export class TenantSuspendedError extends DomainError {
  readonly type = ProblemType.tenantSuspended;
  readonly status = 410;
  readonly title = 'Member authority suspended';
  constructor(slug: string) {
    super(`The pages of member authority "${slug}" are not available at the moment.`);
  }
}

export class ValidationError extends DomainError {
  readonly type = ProblemType.validation;
  readonly status = 400;
  readonly title = 'Invalid input';
  constructor(readonly errors: InvalidParam[]) {
    super(errors.map((e) => `${e.name}: ${e.reason}`).join('; '));
  }
}

/** A programming error: code asked for the tenant outside a tenant-scoped request. */
export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant in the current context: this code path must run inside a tenant-scoped request or job.');
    this.name = 'MissingTenantContextError';
  }
}

/** 401: no valid bearer token. The detail says what was wrong, never which check passed. */
export class UnauthorizedError extends DomainError {
  readonly type = ProblemType.unauthorized;
  readonly status = 401;
  readonly title = 'Unauthorized';
}

/** 403: authenticated, but not allowed here. */
export class ForbiddenError extends DomainError {
  readonly type = ProblemType.forbidden;
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class ConflictError extends DomainError {
  readonly type = ProblemType.conflict;
  readonly status = 409;
  readonly title = 'Conflict';
  /** Problem extension members (RFC 9457 §3.2), e.g. `allowed` for an invalid transition; never `type`, `title`, `status` or `detail`. */
  constructor(
    detail?: string,
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

/** 410: the thing existed but is gone for good (an export past its expiry). */
export class GoneError extends DomainError {
  readonly type = ProblemType.gone;
  readonly status = 410;
  readonly title = 'Gone';
}

/**
 * 412: the client saved over a version it did not read (`If-Match` names an older version):
 * someone else saved in between. Carries the current state so the client can show it.
 */
export class StaleVersionError extends DomainError {
  readonly type = ProblemType.staleVersion;
  readonly status = 412;
  readonly title = 'Precondition Failed';
  constructor(what: string, readonly current: unknown) {
    super(`${what} was changed by someone else in the meantime. Reload it and apply your change again.`);
  }
}

/** 428: an update without `If-Match`: every save must name the version it read. */
export class PreconditionRequiredError extends DomainError {
  readonly type = ProblemType.preconditionRequired;
  readonly status = 428;
  readonly title = 'Precondition Required';
  constructor() {
    super('Send the version you read as If-Match (the ETag of the resource).');
  }
}

/** 413: an upload or body over the configured limit (checked while streaming). */
export class PayloadTooLargeError extends DomainError {
  readonly type = ProblemType.payloadTooLarge;
  readonly status = 413;
  readonly title = 'Payload Too Large';
}

/** 415: content whose bytes are not of an accepted type (named in the detail). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly type = ProblemType.unsupportedMediaType;
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
}

/** 503: a service we depend on (the identity provider) did not do its part; retry later. */
export class ServiceUnavailableError extends DomainError {
  readonly type = ProblemType.unavailable;
  readonly status = 503;
  readonly title = 'Service Unavailable';
}

/** 429: the client sent more requests than its budget allows; `Retry-After` says when to come back. */
export class RateLimitedError extends DomainError {
  readonly type = ProblemType.tooManyRequests;
  readonly status = 429;
  readonly title = 'Too Many Requests';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests. Please wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} before trying again.`);
  }
}
