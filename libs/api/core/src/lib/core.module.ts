import { Global, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_FILTER } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, loadConfig } from './config';
import { ProblemDetailsFilter } from './problem-details.filter';
import { AuthContext } from './auth-context';
import { RateLimiter } from './rate-limit';
import { ensureRequestId } from './request-id';
import { ShutdownSignal } from './shutdown';
import { logContext, TenantContext } from './tenant-context';

/**
 * Cross-cutting basics: validated configuration, request context (CLS: tenant and caller),
 * structured JSON logs (pino), problem+json errors, and the rate limiter.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig = loadConfig(), service: 'api' | 'worker' = 'api') {
    return {
      module: CoreModule,
      imports: [
        ClsModule.forRoot({ global: true, middleware: { mount: true, generateId: true, idGenerator: (req: IncomingMessage) => ensureRequestId(req, (req as IncomingMessage & { res: ServerResponse }).res) } }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            customProps: () => ({ service }),
            // The request id (X-Request-Id, see request-id.ts) as `req.id`, and the tenant slug on every line.
            genReqId: (req, res) => ensureRequestId(req, res),
            mixin: logContext,
          },
        }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }, TenantContext, AuthContext, RateLimiter, ShutdownSignal],
      exports: [APP_CONFIG, TenantContext, AuthContext, RateLimiter, ShutdownSignal],
    };
  }
}
