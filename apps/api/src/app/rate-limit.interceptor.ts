import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AuthContext, RateLimitedError, RateLimiter } from '@ratsinfo/api-core';
import { from, Observable, switchMap } from 'rxjs';

/**
 * The per-person budget. It runs after the guards, so it counts the subject of a verified token:
 * a forged token cannot spend someone else's budget, and one person's many tabs or tokens share
 * one. (The per-address budget runs earlier, as middleware, for everyone.)
 */
@Injectable()
export class PersonRateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly auth: AuthContext,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = this.auth.principal();
    if (!principal) return next.handle();
    return from(this.limiter.consume('user', `${principal.issuer} ${principal.subject}`)).pipe(
      switchMap((decision) => {
        if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
        return next.handle();
      }),
    );
  }
}
