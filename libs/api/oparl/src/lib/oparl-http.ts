import { sendProblem } from '@ratsinfo/api-core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const OPARL_PATH = /^\/oparl(\/|$)/;

/**
 * What every answer under /oparl carries, before anything else may answer it (the response
 * cache, the rate limit, the URL check), so cached answers, 304s and errors have it too:
 * - CORS for everyone (OParl 1.1, 2.9): `Access-Control-Allow-Origin: *`, a preflight answered here;
 * - `Cross-Origin-Resource-Policy: cross-origin` instead of helmet's same-origin, so pages of
 *   other sites may load OParl data and files;
 * - only reading methods: anything else is a 405 problem, never routed.
 * Nothing under /oparl sets a cookie (no session exists there).
 */
export function oparlHttp(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!OPARL_PATH.test(req.path)) return next();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition, ETag, Last-Modified');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendProblem(
        res,
        { type: 'urn:ratsinfo:problem:method-not-allowed', title: 'Method Not Allowed', status: 405, detail: 'OParl is read-only: use GET.', instance: req.originalUrl.split('?')[0] },
        { Allow: 'GET, HEAD, OPTIONS' },
      );
      return;
    }
    next();
  };
}
