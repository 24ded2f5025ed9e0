import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { routeTemplate } from '@ratsinfo/api-core';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { PUBLIC_CACHE_CONTROL, PUBLIC_CACHE_SLOT, PublicCache, type PublicCacheSlot, PublicDocument, entityTag } from './public-cache';

/**
 * Put on @Public routes whose answer depends only on the URL and the tenant's public data,
 * never on the caller. It stores the 200 answer under the key the PublicCacheMiddleware
 * computed (version read before the data, so an entry is never newer-keyed than its content)
 * and sends the validators; express answers a matching If-None-Match with 304.
 */
@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: PublicCache) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = ctx.switchToHttp().getResponse<Response>();
    const slot = (res.locals as Record<string, PublicCacheSlot | undefined>)[PUBLIC_CACHE_SLOT];
    return next.handle().pipe(
      map((data: unknown) => {
        if (data instanceof PublicDocument) return this.document(res, slot, data, routeTemplate(ctx.switchToHttp().getRequest<Request>(), res));
        // Exactly what express's res.json sends (no replacer, no spaces are configured).
        const body = Buffer.from(JSON.stringify(data), 'utf8');
        const etag = entityTag(body);
        res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
        res.setHeader('ETag', etag);
        const lastModified = res.getHeader('Last-Modified');
        if (slot && res.statusCode === 200)
          this.cache.set(slot.key, {
            body,
            etag,
            contentType: 'application/json; charset=utf-8',
            route: routeTemplate(ctx.switchToHttp().getRequest<Request>(), res),
            ...(typeof lastModified === 'string' ? { lastModified } : {}),
          });
        return data;
      }),
    );
  }

  /** A non-JSON answer: sent as its bytes with its own media type (express adds nothing but the length). */
  private document(res: Response, slot: PublicCacheSlot | undefined, doc: PublicDocument, route: string): string {
    const body = Buffer.from(doc.body, 'utf8');
    const etag = entityTag(body);
    res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
    res.setHeader('ETag', etag);
    res.setHeader('Content-Type', doc.contentType);
    const disposition = doc.contentDisposition;
    if (disposition) res.setHeader('Content-Disposition', disposition);
    if (slot && res.statusCode === 200) this.cache.set(slot.key, { body, etag, contentType: doc.contentType, route, ...(disposition ? { contentDisposition: disposition } : {}) });
    return doc.body;
  }
}
