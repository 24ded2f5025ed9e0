import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';
import { workerFeatures } from './app/features';
import { stopWorker } from './app/graceful-shutdown';
import { PROCESSORS } from './app/processors';
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
  await app.init();
  const logger = app.get(Logger);
  logger.log(`Ratsinfo worker ready (pid ${process.pid})`);
  // Not enableShutdownHooks(): the BullMQ workers must finish their jobs before the database goes (graceful-shutdown.ts).
  let stopping: Promise<void> | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping ??= stopWorker(app, PROCESSORS, (m) => logger.log(`${signal}: ${m}`)).then(
        () => process.exit(0),
        (e: Error) => {
          logger.error(`shutdown failed: ${e.message}`);
          process.exit(1);
        },
      );
    });
  }
}

void bootstrap();
