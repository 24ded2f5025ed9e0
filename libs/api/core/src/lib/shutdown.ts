import { Injectable, Logger } from '@nestjs/common';

/**
 * The first step of a graceful stop (SIGTERM): the process is draining. Readiness answers 503 so
 * that the load balancer sends nothing new, long-lived responses (the live meeting streams) end so
 * that their clients reconnect to another replica, and the HTTP server then waits for the
 * requests in flight before the application closes its database and Redis connections
 * (apps/api/src/app/graceful-shutdown.ts). Nest's own shutdown hooks run the other way round
 * (destroy hooks first, HTTP server last), which would fail the requests in flight.
 */
@Injectable()
export class ShutdownSignal {
  private readonly logger = new Logger('Shutdown');
  private since: Date | null = null;
  private readonly listeners = new Set<() => void>();

  get draining(): boolean {
    return this.since !== null;
  }

  /** Runs `fn` when draining starts (at once if it has). Returns the unsubscribe function. */
  onDrain(fn: () => void): () => void {
    if (this.since) {
      this.run(fn);
      return () => undefined;
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  drain(): void {
    if (this.since) return;
    this.since = new Date();
    for (const fn of [...this.listeners]) this.run(fn);
    this.listeners.clear();
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.logger.warn(`a drain listener failed: ${(e as Error).message}`);
    }
  }
}
