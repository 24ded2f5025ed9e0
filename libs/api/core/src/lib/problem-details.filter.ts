import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, Problem, ProblemType } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { DomainError, ValidationError } from './errors';

const TYPE_BY_STATUS: Record<number, string> = {
  400: ProblemType.validation,
  401: ProblemType.unauthorized,
  403: ProblemType.forbidden,
  404: ProblemType.notFound,
  409: ProblemType.conflict,
  413: ProblemType.payloadTooLarge,
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
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl;
    if (problem.status >= 500) {
      this.logger.error({ err: exception, url: req.originalUrl }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(e: unknown): Problem {
    if (e instanceof ValidationError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail, errors: e.errors };
    }
    if (e instanceof DomainError) {
      return { type: e.type, title: e.title, status: e.status, detail: e.detail };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      // Body parser errors (malformed JSON, too large) arrive as HttpExceptions too.
      const detail = typeof body === 'string' ? body : messageOf(body);
      return {
        type: TYPE_BY_STATUS[status] ?? `urn:ratsinfo:problem:http-${status}`,
        title: HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error',
        status,
        detail,
      };
    }
    if (isBodyParserError(e)) {
      return { type: e.status === 413 ? ProblemType.payloadTooLarge : ProblemType.validation, title: e.status === 413 ? 'Payload Too Large' : 'Invalid request body', status: e.status, detail: e.status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.' };
    }
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

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { type?: unknown }).type === 'string' && (e as { status: number }).status < 500;
}
