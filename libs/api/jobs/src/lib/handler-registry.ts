import { Injectable } from '@nestjs/common';
import type { OutboxEventView } from './queues';

/**
 * Handles the outbox events of one topic in the worker. `handle` runs inside the event's tenant
 * context (RLS) and in the name of the event's actor (audit). It must be idempotent by event id:
 * delivery is at least once (a worker can die after the effect and before completing).
 *
 * Throw to retry (exponential backoff, then a dead letter); throw `PermanentJobError` for a
 * failure no retry can fix (it goes straight to the dead letters); return normally after
 * recording a failure the handler owns (e.g. "this PDF cannot be read"), which is not retried.
 */
export interface OutboxHandler {
  handle(event: OutboxEventView): Promise<void>;
}

/** Scheduled work that is not an outbox event (runs outside any tenant; loops over tenants itself). */
export interface MaintenanceTask {
  /** How often, in milliseconds. */
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Where feature modules register their handlers (in `onModuleInit`), and the worker finds them.
 * One handler per topic: a second registration is a programming error.
 */
@Injectable()
export class OutboxHandlerRegistry {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly tasks = new Map<string, MaintenanceTask>();

  register(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`a handler for outbox topic ${topic} is already registered`);
    this.handlers.set(topic, handler);
  }

  handlerFor(topic: string): OutboxHandler | undefined {
    return this.handlers.get(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** `name` is unique and stable: it is the BullMQ job scheduler's id, shared by all workers. */
  registerTask(name: string, task: MaintenanceTask): void {
    if (this.tasks.has(name)) throw new Error(`a maintenance task ${name} is already registered`);
    this.tasks.set(name, task);
  }

  task(name: string): MaintenanceTask | undefined {
    return this.tasks.get(name);
  }

  allTasks(): [string, MaintenanceTask][] {
    return [...this.tasks.entries()];
  }
}

/** A failure that retrying cannot fix: the job becomes a dead letter at once. */
export class PermanentJobError extends Error {
  constructor(
    /** A short kind, shown to operators (who may not read the message): e.g. `invalid-payload`. */
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
