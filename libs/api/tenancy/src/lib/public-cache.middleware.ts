import { Injectable, NestMiddleware } from '@nestjs/common';
import { ROUTE_TEMPLATE_LOCAL } from '@ratsinfo/api-core';
import { tenantSlugSchema } from '@ratsinfo/contracts';
import type { NextFunction, Request, Response } from 'express';
import { PUBLIC_CACHE_CONTROL, PUBLIC_CACHE_SLOT, PublicCache, type PublicCacheSlot, matchesIfNoneMatch } from './public-cache';
import { TenantRegistry } from './tenant-registry';

const PORTAL_PATH = /^\/api\/portal\/([^/?]+)(?:[/?]|$)/;
/** OParl's body and everything under it (docs/oparl.md); System and the bodies list are not per tenant. */
const OPARL_PATH = /^\/oparl\/v1\.1\/bodies\/([^/?]+)(?:[/?]|$)/;
/** Streams (server-sent events of the live meeting view) are never stored nor answered from the cache. */
const STREAM_PATH = /^\/api\/portal\/[^/?]+\/meetings\/[^/?]+\/live\/events(?:[/?]|$)/;

/**
 * The fast path of public reads: answers a cached portal response (or 304) before routing,
 * guards and the database. It decides nothing the normal path would decide differently:
 * anything it is unsure of (unknown or inactive tenant, no stored response) goes on to the
 * normal path, which resolves the tenant with its 404/410 answers and, for @Public routes,
 * stores the response (PublicCacheInterceptor) under the key computed here.
 */
@Injectable()
export class PublicCacheMiddleware implements NestMiddleware {
  constructor(
    private readonly cache: PublicCache,
    private readonly registry: TenantRegistry,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.originalUrl;
    if (STREAM_PATH.test(url)) return next();
    const slug = (PORTAL_PATH.exec(url) ?? OPARL_PATH.exec(url))?.[1];
    if (!slug) return next();
    const tenant = this.registry.cachedBySlug(slug);
    if (tenant) {
      if (tenant.status !== 'active') return next();
      this.serve(req, res, next, tenant.id, url);
      return;
    }
    if (!tenantSlugSchema.safeParse(slug).success) return next();
    this.registry.findBySlug(slug).then(
      (t) => (t && t.status === 'active' ? this.serve(req, res, next, t.id, url) : next()),
      next,
    );
  }

  private serve(req: Request, res: Response, next: NextFunction, tenantId: string, url: string): void {
    this.registry.publicDataVersion(tenantId).then((version) => {
      const key = PublicCache.key(tenantId, version, url);
      const hit = this.cache.get(key);
      if (!hit) {
        (res.locals as Record<string, PublicCacheSlot>)[PUBLIC_CACHE_SLOT] = { key };
        return next();
      }
      if (hit.route) (res.locals as Record<string, unknown>)[ROUTE_TEMPLATE_LOCAL] = hit.route;
      res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
      res.setHeader('ETag', hit.etag);
      if (hit.lastModified) res.setHeader('Last-Modified', hit.lastModified);
      const inm = req.headers['if-none-match'];
      // If-None-Match wins; If-Modified-Since counts only without it (RFC 9110, 13.2.2).
      const notModified = inm !== undefined ? matchesIfNoneMatch(inm, hit.etag) : notModifiedSince(req.headers['if-modified-since'], hit.lastModified);
      if (notModified && !/\bno-cache\b/.test(req.headers['cache-control'] ?? '')) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('Content-Type', hit.contentType);
      if (hit.contentDisposition) res.setHeader('Content-Disposition', hit.contentDisposition);
      res.setHeader('Content-Length', hit.body.length);
      res.statusCode = 200;
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    }, next);
  }
}

/** Is the stored answer's Last-Modified at or before the client's If-Modified-Since? */
function notModifiedSince(header: string | undefined, lastModified: string | undefined): boolean {
  if (!header || !lastModified) return false;
  const since = Date.parse(header);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}
