import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { asTenant, connect, createTenantWithRows, deleteTenant, receivedMails, sentTo, startWorkerProcess, testEnv, waitForMails, type WorkerProcess } from '@ratsinfo/api-testing';

/**
 * The built worker as a process, against the test stack's PostgreSQL, Redis and maildev: an
 * outbox event written in a tenant transaction turns into exactly one mail.
 */
describe('worker process', () => {
  let owner: Client;
  let tenant: { id: string; slug: string };
  let worker: WorkerProcess;

  beforeAll(async () => {
    owner = await connect(testEnv().ownerUrl);
    tenant = await createTenantWithRows(owner, 'worker');
    worker = await startWorkerProcess();
  });

  afterAll(async () => {
    await worker?.stop();
    await deleteTenant(owner, tenant.id);
    await owner.end();
  });

  it('relays a committed mail.send event to SMTP once, and records when the server accepted it', async () => {
    const to = `ratsmitglied-${randomUUID().slice(0, 8)}@example.org`;
    const mailId = await asTenant(
      owner,
      tenant.id,
      async () => {
        const { rows } = await owner.query<{ id: string }>(
          `INSERT INTO mail_messages (tenant_id, dedupe_key, template, recipient_email, data) VALUES ($1, $2, 'plain', $3, $4) RETURNING id`,
          [tenant.id, `test:${to}`, to, JSON.stringify({ subject: 'Einladung zur Sitzung', text: 'Guten Tag' })],
        );
        await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'mail.send', $2)`, [tenant.id, JSON.stringify({ mailId: rows[0]!.id })]);
        return rows[0]!.id;
      },
      true,
    );
    const [mail] = await waitForMails(1, sentTo(to));
    expect(mail!.subject).toBe('Einladung zur Sitzung');
    expect(mail!.headers['message-id']).toContain(mailId);
    // The server has the mail a moment before the worker commits the record: wait for the commit.
    const readRow = () => asTenant(owner, tenant.id, async () => (await owner.query(`SELECT status, accepted_at, message_id FROM mail_messages WHERE id = $1`, [mailId])).rows[0]);
    let row = await readRow();
    for (let i = 0; i < 100 && row.status !== 'sent'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await readRow();
    }
    expect(row).toMatchObject({ status: 'sent' });
    expect(row.accepted_at).toBeInstanceOf(Date);
    // Nothing more arrives.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await receivedMails(sentTo(to))).toHaveLength(1);
  });
});
