import { ConfigError, loadConfig } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';
import { createApp } from './app/create-app';
import { installGracefulShutdown } from './app/graceful-shutdown';

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
  const app = await createApp(config);
  installGracefulShutdown(app, config);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Ratsinfo API listening on http://${config.HOST}:${config.PORT}`);
}

void bootstrap();
