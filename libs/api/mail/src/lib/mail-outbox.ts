import { Injectable } from '@nestjs/common';
import { type OutboxActor, OutboxWriter, Prisma, type TenantTx } from '@ratsinfo/api-database';

export interface NewMail {
  /** Occasion + recipient, e.g. `meeting-invitation:<meetingId>:<sequence>:<personId>`: a second request is a no-op. */
  dedupeKey: string;
  template: string;
  locale?: 'de' | 'en';
  recipientEmail: string;
  recipientName?: string | null;
  personId?: string | null;
  meetingId?: string | null;
  eventId?: string | null;
  icalSequence?: number | null;
  data?: Prisma.InputJsonObject;
}

export const MAIL_SEND_TOPIC = 'mail.send';

/**
 * Records mails in the caller's tenant transaction and announces each with a `mail.send` outbox
 * event. Idempotent: a mail whose dedupe key exists is neither recorded nor announced again, so a
 * handler that runs twice (at-least-once delivery) creates each mail once. Returns the ids of the
 * mails created now.
 */
@Injectable()
export class MailOutbox {
  constructor(private readonly outbox: OutboxWriter) {}

  async add(tx: TenantTx, mails: NewMail[], actor?: OutboxActor | null): Promise<string[]> {
    const created: string[] = [];
    for (const m of mails) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO mail_messages (tenant_id, dedupe_key, template, locale, recipient_email, recipient_name, person_id, meeting_id, event_id, ical_sequence, data)
        VALUES (app_current_tenant(), ${m.dedupeKey}, ${m.template}, ${m.locale ?? 'de'}, ${m.recipientEmail}, ${m.recipientName ?? null},
                ${m.personId ?? null}::uuid, ${m.meetingId ?? null}::uuid, ${m.eventId ?? null}::uuid, ${m.icalSequence ?? null}::int, ${JSON.stringify(m.data ?? {})}::jsonb)
        ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
        RETURNING id`;
      const id = rows[0]?.id;
      if (!id) continue;
      await this.outbox.add(tx, { topic: MAIL_SEND_TOPIC, payload: { mailId: id }, actor: actor ?? null });
      created.push(id);
    }
    return created;
  }
}
