import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, ShutdownSignal } from '@ratsinfo/api-core';
import { Logger } from 'nestjs-pino';

/**
 * SIGTERM / SIGINT, in the order a replica behind a load balancer needs (ADR 0022 has the
 * deployment side):
 *
 * 1. drain: readiness answers 503, live streams end (their clients reconnect elsewhere);
 * 2. after SHUTDOWN_DRAIN_MS (the balancer's health checks notice), stop accepting connections
 *    and close idle keep-alive ones as they become idle;
 * 3. wait for the requests in flight (at most SHUTDOWN_TIMEOUT_MS, then cut what is left);
 * 4. only then close the application: database pool, Redis, queues.
 *
 * A second signal while stopping exits at once.
 */
export function installGracefulShutdown(app: NestExpressApplication, config: AppConfig): void {
  let stopping = false;
  const logger = app.get(Logger);
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again while stopping: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.log(`${signal}: draining (readiness 503) for ${config.SHUTDOWN_DRAIN_MS} ms`);
    app.get(ShutdownSignal).drain();
    if (config.SHUTDOWN_DRAIN_MS > 0) await new Promise((r) => setTimeout(r, config.SHUTDOWN_DRAIN_MS));

    const server = app.getHttpServer() as Server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections without a request are closed now and whenever one becomes idle.
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), config.SHUTDOWN_TIMEOUT_MS))),
    ]);
    clearInterval(idle);
    clearTimeout(timer);
    if (timedOut) {
      logger.warn(`requests still running after ${config.SHUTDOWN_TIMEOUT_MS} ms: closing their connections`);
      server.closeAllConnections();
    }
    await app.close();
    logger.log(`stopped after ${Date.now() - started} ms`);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}
