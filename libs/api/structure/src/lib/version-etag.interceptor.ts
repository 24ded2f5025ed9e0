import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { versionEtag } from '@ratsinfo/api-core';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';

/**
 * Sends the version of a single resource as its `ETag` (GET one, POST, PATCH), so a client can
 * send it back as `If-Match` without reading the body. Lists carry no version and get none.
 */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body: unknown) => {
        const version = (body as { version?: unknown } | null | undefined)?.version;
        if (typeof version === 'number' && !res.headersSent) res.setHeader('ETag', versionEtag(version));
      }),
    );
  }
}
