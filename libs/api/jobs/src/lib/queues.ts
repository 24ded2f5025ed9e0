import type { OutboxActor } from '@ratsinfo/api-database';

/**
 * The worker's BullMQ queues (docs/adr/0015-worker-jobs-and-mail.md). Outbox events go to the
 * queue of their topic, so that slow work (OCR, bundles, exports) never holds up mail, and mail
 * never waits behind a 300-page scan.
 */
export const QUEUES = {
  /** Fast reactions to domain events (fan-out of invitations, notices). */
  events: 'ratsinfo-events',
  /** One job per mail (`mail.send`). */
  mail: 'ratsinfo-mail',
  /** Text extraction and meeting bundles: CPU-heavy, in child processes. */
  files: 'ratsinfo-files',
  /** Onboarding steps and exports. */
  tenants: 'ratsinfo-tenants',
  /** Scheduled housekeeping (reminders, orphan blobs, outbox purge): not from the outbox. */
  maintenance: 'ratsinfo-maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Which queue an outbox topic goes to. */
export function queueForTopic(topic: string): QueueName {
  if (topic === 'mail.send') return QUEUES.mail;
  if (topic.startsWith('file.') || topic.startsWith('bundle.')) return QUEUES.files;
  if (topic.startsWith('tenant.')) return QUEUES.tenants;
  return QUEUES.events;
}

/** What a relayed outbox event carries as a BullMQ job (job id = event id). */
export interface OutboxJobData {
  eventId: string;
  tenantId: string;
  topic: string;
  payload: unknown;
  actor: OutboxActor;
  /** The relay that claimed the event: completing it needs its name. */
  claimer: string;
  createdAt: string;
}

/** An outbox event as a handler sees it. */
export interface OutboxEventView {
  id: string;
  tenantId: string;
  topic: string;
  payload: unknown;
  actor: OutboxActor;
  createdAt: Date;
  /** 1 on the first run of the job; higher on retries. */
  attempt: number;
}
