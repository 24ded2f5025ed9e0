import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';
import { workerFeatures } from './app/features';
import { WorkerModule } from './app/worker.module';

/**
 * `apps/worker`: relays the outbox to BullMQ and runs the jobs (mail, text extraction, meeting
 * bundles, onboarding steps, exports, reminders). Any number may run at once. SIGTERM: stop
 * taking jobs, finish the running ones (BullMQ closes the workers gracefully), then exit.
 */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) console.error(`ratsinfo worker: configuration variable ${p.variable} ${p.reason}`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, workerFeatures()), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  app.get(Logger).log(`Ratsinfo worker ready (pid ${process.pid})`);
}

void bootstrap();
