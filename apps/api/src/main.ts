import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) console.error(`ratsinfo api: configuration variable ${p.variable} ${p.reason}`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Ratsinfo API listening on http://${config.HOST}:${config.PORT}`);
}

void bootstrap();
