import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TenantDatabase } from '@ratsinfo/api-database';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { z } from 'zod';
import { MailOutbox } from '../mail-outbox';
import type { AccessGrantedData } from './mail-data';

export const ACCESS_GRANTED_TOPIC = 'mail.access-granted';
const payloadSchema = z.object({
  accountId: z.uuid().nullable().optional(),
  email: z.email(),
  tenantSlug: z.string().min(1),
  signInUrl: z.string().min(1),
});

/**
 * `mail.access-granted {accountId, email, tenantSlug, signInUrl}` (libs/api/accounts
 * access-notice.ts): one `access-granted` mail to the address, in the account's language
 * (German when it has none), deduplicated by the event id (`access-granted:<eventId>`).
 */
@Injectable()
export class AccessGrantedHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly db: TenantDatabase,
    private readonly mails: MailOutbox,
  ) {}

  onModuleInit(): void {
    this.registry.register(ACCESS_GRANTED_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = payloadSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${ACCESS_GRANTED_TOPIC} needs { accountId, email, tenantSlug, signInUrl }`);
    const { accountId, email, tenantSlug, signInUrl } = p.data;
    await this.db.transaction(async (tx) => {
      const [account] = accountId
        ? await tx.$queryRaw<{ displayName: string; locale: string | null; personId: string | null }[]>`
            SELECT display_name AS "displayName", locale, person_id AS "personId" FROM user_accounts WHERE id = ${accountId}::uuid`
        : [];
      const data: AccessGrantedData = { signInUrl, tenantSlug };
      await this.mails.add(
        tx,
        [
          {
            dedupeKey: `access-granted:${event.id}`,
            template: 'access-granted',
            locale: account?.locale === 'en' ? 'en' : 'de',
            recipientEmail: email,
            recipientName: account?.displayName ?? null,
            personId: account?.personId ?? null,
            eventId: event.id,
            data: { ...data },
          },
        ],
        event.actor,
      );
    });
  }
}
