import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** What we accept from a proxy or client as a request id: short, printable, no spaces or quotes (log safety). */
const ACCEPTABLE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request's id: the caller's X-Request-Id when it is acceptable (a proxy's id then links its
 * log to ours), else a new UUID. Stored on `req.id` (pino-http and the request context read it
 * there) and returned in the response's X-Request-Id. Idempotent.
 */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse): string {
  const holder = req as IncomingMessage & { id?: unknown };
  if (typeof holder.id === 'string') return holder.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  holder.id = id;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Mounted first: every response, also those answered before routing, carries the id. */
export function requestId(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    ensureRequestId(req, res);
    next();
  };
}
