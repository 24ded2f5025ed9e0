import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { type OutboxActor, OutboxWriter, type TenantTx } from '@ratsinfo/api-database';

/**
 * The plain notice to a person whose identity is already in use (e.g. in another authority) and
 * who was given access here: queued in the outbox (the worker sends it) and audited, in the
 * caller's tenant transaction. Never an actions e-mail that would make them reset a password.
 */
@Injectable()
export class AccessNotice {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue(tx: TenantTx, to: { accountId: string | null; email: string; tenantSlug: string }, actor: OutboxActor | null): Promise<void> {
    await this.outbox.add(tx, {
      topic: 'mail.access-granted',
      payload: { ...to, signInUrl: `${this.config.WEB_BASE_URL.replace(/\/$/, '')}/${to.tenantSlug}/verwaltung` },
      actor,
    });
    await this.audit.tenantEvent(tx, { action: 'user-account.access-notice-queued', entityType: 'user-account', entityId: to.accountId, changes: { email: to.email } });
  }
}
