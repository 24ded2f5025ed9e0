import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, Problem, ProblemType } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { databaseProblem } from './database-errors';
import { ConflictError, DomainError, RateLimitedError, StaleVersionError, ValidationError } from './errors';
import { httpErrors } from './metrics';

const TYPE_BY_STATUS: Record<number, string> = {
  400: ProblemType.validation,
  401: ProblemType.unauthorized,
  403: ProblemType.forbidden,
  404: ProblemType.notFound,
  409: ProblemType.conflict,
  413: ProblemType.payloadTooLarge,
  415: ProblemType.unsupportedMediaType,
  429: ProblemType.tooManyRequests,
  503: ProblemType.unavailable,
};

/** Every error leaves the API as RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { retryAfterSeconds, ...problem } = this.toProblem(exception);
    problem.instance = req.originalUrl;
    // The type is one of a fixed set (ProblemType and urn:…:http-<status>): a bounded label.
    httpErrors.inc({ type: problem.type.replace(/^.*[:/]/, ''), status: String(problem.status) });
    if (problem.status === 503) {
      this.logger.warn({ err: exception, url: req.originalUrl }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, url: req.originalUrl }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    // An error is a statement about this moment (a suspended authority may be reactivated, a
    // busy database recovers): no browser or shared cache may keep it.
    res.setHeader('Cache-Control', 'no-store');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(e: unknown): Problem & { retryAfterSeconds?: number } {
    if (e instanceof RateLimitedError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail, retryAfterSeconds: e.retryAfterSeconds };
    }
    if (e instanceof ValidationError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail, errors: e.errors };
    }
    if (e instanceof StaleVersionError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail, current: e.current };
    }
    if (e instanceof ConflictError && e.extensions) {
      return { ...e.extensions, type: e.type, title: e.title, status: e.status, detail: e.detail };
    }
    if (e instanceof DomainError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      // Body parser errors (malformed JSON, too large) arrive as HttpExceptions too.
      const detail = typeof body === 'string' ? body : messageOf(body);
      // Nest turns the JSON parser's SyntaxError (and express's URIError for a broken path) into a
      // bare 400 without saying where: name the part, as every other 400 names its field.
      if (status === 400) {
        const inPath = e.cause instanceof URIError || /\bURI\b/.test(detail ?? '');
        return inPath
          ? { type: ProblemType.validation, title: 'Invalid request', status, detail: 'The path is not valid percent-encoding.', errors: [{ name: 'path', reason: 'is not valid percent-encoding' }] }
          : { type: ProblemType.validation, title: 'Invalid request body', status, detail: 'The request body is not valid JSON.', errors: [{ name: 'body', reason: 'is not valid JSON' }] };
      }
      return {
        type: TYPE_BY_STATUS[status] ?? `urn:ratsinfo:problem:http-${status}`,
        title: HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error',
        status,
        detail,
      };
    }
    if (isBodyParserError(e)) return bodyParserProblem(e);
    const database = databaseProblem(e);
    if (database) return database;
    return { type: ProblemType.internal, title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred. It has been logged.' };
  }
}

function messageOf(body: object): string | undefined {
  const m = (body as { message?: unknown }).message;
  if (Array.isArray(m)) return m.join('; ');
  return typeof m === 'string' ? m : undefined;
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Errors of express' body parsers (`type` e.g. entity.too.large, entity.parse.failed, encoding.unsupported). */
function bodyParserProblem(e: { status: number; type: string }): Problem {
  if (e.status === 413) return { type: ProblemType.payloadTooLarge, title: 'Payload Too Large', status: 413, detail: 'The request body is too large.' };
  if (e.status === 415) return { type: ProblemType.unsupportedMediaType, title: 'Unsupported Media Type', status: 415, detail: 'The request body has an unsupported encoding or character set.' };
  // `errors[]` names the part at fault, as for every other 400, so clients need no special case.
  if (e.type === 'entity.parse.failed')
    return { type: ProblemType.validation, title: 'Invalid request body', status: 400, detail: 'The request body is not valid JSON.', errors: [{ name: 'body', reason: 'is not valid JSON' }] };
  return { type: ProblemType.validation, title: 'Invalid request', status: e.status, detail: 'The request could not be read.', errors: [{ name: 'body', reason: 'could not be read' }] };
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { type?: unknown }).type === 'string' && (e as { status: number }).status < 500;
}
