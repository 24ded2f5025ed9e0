import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, enableProcessMetrics, httpMetrics, metricsEndpoint, privateResponsesNoStore, RateLimiter, requestId, securityHeaders, urlInputCheck } from '@ratsinfo/api-core';
import { oparlHttp } from '@ratsinfo/api-oparl';
import { PublicCacheMiddleware } from '@ratsinfo/api-tenancy';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Builds the HTTP application exactly as production runs it (used by main.ts and the HTTP tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Validators are set where they are meant (public reads, PublicCacheInterceptor); express's
  // own would make errors such as a 410 conditional and revalidatable.
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);
  // First of all: the request id (X-Request-Id) and the request metrics see every request, and
  // GET /metrics (bearer METRICS_TOKEN only; docs/adr/0021-storage-and-metrics.md) costs no rate limit.
  enableProcessMetrics('api');
  app.use(requestId(), httpMetrics(), metricsEndpoint(config.METRICS_TOKEN));
  // Before routing, static files and body parsing, so every response (also errors of those) gets them.
  app.use(...securityHeaders(config), oparlHttp(), urlInputCheck(), privateResponsesNoStore(), app.get(RateLimiter).middleware());
  app.useBodyParser('json', { limit: '1mb' });
  // Ahead of request context, request log and routing: a stored public response costs no more than
  // a lookup (docs/adr/0008-fast-public-reads.md). Anything it is unsure of goes the normal way.
  const publicCache = app.get(PublicCacheMiddleware);
  app.use((req: Request, res: Response, next: NextFunction) => publicCache.use(req, res, next));
  return app;
}
