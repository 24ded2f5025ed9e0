import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, privateResponsesNoStore, RateLimiter, securityHeaders, urlInputCheck } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Builds the HTTP application exactly as production runs it (used by main.ts and the HTTP tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  // Before routing, static files and body parsing, so every response (also errors of those) gets them.
  app.use(...securityHeaders(config), urlInputCheck(), privateResponsesNoStore(), app.get(RateLimiter).middleware());
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  return app;
}
