/**
 * DEMO DEAD LETTER — one failed background job per active demo authority, so that the back
 * office's "Fehlgeschlagene Aufträge" and the operators' overview have something to show
 * (docs/adr/0015-worker-jobs-and-mail.md): a plain mail to an address whose (made-up) server
 * refused it as full, and its `mail.send` outbox event that the worker gave up on. It is marked
 * by its recipient (`postfach-voll@example.invalid`: `.invalid` never resolves) and its dedupe key
 * (`demo-dead-letter`). Written in the authority's seed transaction, so only when the seed
 * inserts that authority; ids are fixed (demoUuid), inserts are `ON CONFLICT DO NOTHING`.
 */
import type pg from 'pg';
import { demoUuid } from './demo-ids.mts';
import type { TenantRow } from './demo-data.mts';

export const DEMO_DEAD_LETTER_RECIPIENT = 'postfach-voll@example.invalid';
const DAY = 86_400_000;

export interface DemoDeadLetter {
  mail: {
    id: string; tenant_id: string; dedupe_key: string; template: string; recipient_email: string; data: string; subject: string;
    status: 'failed'; attempts: number; failed_at: string; last_error: string; created_at: string;
  };
  event: {
    id: string; tenant_id: string; topic: string; payload: string; created_at: string; available_at: string; attempts: number;
    dead_at: string; last_error: string;
  };
}

/** The authority's demo dead letter: recorded three days before the reference date, given up on ten minutes later. */
export function demoDeadLetter(tenant: Pick<TenantRow, 'id' | 'slug' | 'name'>, referenceDate: Date): DemoDeadLetter {
  const created = new Date(referenceDate.getTime() - 3 * DAY);
  const dead = new Date(created.getTime() + 10 * 60_000);
  const mailId = demoUuid(`${tenant.slug}/demo-dead-letter/mail`);
  const subject = `Testnachricht an ein volles Postfach (${tenant.name})`;
  return {
    mail: {
      id: mailId,
      tenant_id: tenant.id,
      dedupe_key: `demo-dead-letter:${tenant.slug}`,
      template: 'plain',
      recipient_email: DEMO_DEAD_LETTER_RECIPIENT,
      data: JSON.stringify({ subject, text: 'Diese Nachricht gehört zu den Demodaten: ihr Empfangspostfach ist voll, der Versand ist fehlgeschlagen.' }),
      subject,
      status: 'failed',
      attempts: 6,
      failed_at: dead.toISOString(),
      last_error: 'smtp-rejected: 552 mailbox full',
      created_at: created.toISOString(),
    },
    event: {
      id: demoUuid(`${tenant.slug}/demo-dead-letter/event`),
      tenant_id: tenant.id,
      topic: 'mail.send',
      payload: JSON.stringify({ mailId }),
      created_at: created.toISOString(),
      available_at: created.toISOString(),
      attempts: 6,
      dead_at: dead.toISOString(),
      last_error: `smtp-rejected: 552 5.2.2 Mailbox full: ${DEMO_DEAD_LETTER_RECIPIENT}`,
    },
  };
}

/**
 * Inserts the dead letter; call inside the authority's seed transaction (app.tenant_id set).
 * Returns the rows inserted per table.
 */
export async function insertDemoDeadLetter(client: pg.ClientBase, d: DemoDeadLetter): Promise<{ mail_messages: number; outbox_events: number }> {
  const m = d.mail;
  const mail = await client.query(
    `INSERT INTO mail_messages (id, tenant_id, dedupe_key, template, recipient_email, data, subject, status, attempts, failed_at, last_error, created_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, $7, $8::mail_status, $9, $10::timestamptz, $11, $12::timestamptz, $10::timestamptz)
     ON CONFLICT DO NOTHING`,
    [m.id, m.tenant_id, m.dedupe_key, m.template, m.recipient_email, m.data, m.subject, m.status, m.attempts, m.failed_at, m.last_error, m.created_at],
  );
  const e = d.event;
  const event = await client.query(
    `INSERT INTO outbox_events (id, tenant_id, topic, payload, created_at, available_at, attempts, dead_at, last_error)
     VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, $5::timestamptz, $6::timestamptz, $7, $8::timestamptz, $9)
     ON CONFLICT DO NOTHING`,
    [e.id, e.tenant_id, e.topic, e.payload, e.created_at, e.available_at, e.attempts, e.dead_at, e.last_error],
  );
  return { mail_messages: mail.rowCount ?? 0, outbox_events: event.rowCount ?? 0 };
}
