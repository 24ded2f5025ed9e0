import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, type MailMessage, TenantDatabase } from '@ratsinfo/api-database';
import { PermanentJobError } from '@ratsinfo/api-jobs';
import { MailTemplates, type MailLocale } from './mail-templates';
import { MailTransport, PermanentSmtpError } from './mail-transport';

/**
 * Sends one recorded mail, once (docs/adr/0015-worker-jobs-and-mail.md).
 *
 * The record is locked (`FOR UPDATE`) for the whole send, inside the tenant's transaction: a
 * second worker with the same job waits, then sees `sent` and does nothing. The record turns
 * `sent`, with the SMTP server's answer and the accepted time, in the same transaction. What is
 * left is the gap between the server's "250 accepted" and our commit: a process killed exactly
 * there resends the mail on retry, with the same Message-ID. That is the at-least-once end of
 * SMTP, which no client can close; the gap is one round trip.
 */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);
  /** Test hook (NODE_ENV=test only): the n-th send of this process hangs before SMTP, so a test can kill it there. */
  private readonly hangAtSend: number;
  private sends = 0;

  constructor(
    private readonly db: TenantDatabase,
    private readonly cooperative: CooperativeDatabase,
    private readonly tenant: TenantContext,
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.hangAtSend = config.NODE_ENV === 'test' ? Number(process.env['RATSINFO_TEST_HANG_AT_SEND'] ?? 0) || 0 : 0;
  }

  /** Sends the mail unless it was sent already. Transient failures throw (the job retries). */
  async send(mailId: string): Promise<'sent' | 'already-sent' | 'gone'> {
    const t = this.tenant.require();
    const tenant = await this.cooperative.tenants.findUnique({ where: { id: t.id } });
    if (!tenant) return 'gone';
    try {
      return await this.db.transaction(
        async (tx) => {
          const [mail] = await tx.$queryRaw<MailMessage[]>`
            SELECT id, template, locale, recipient_email AS "recipientEmail", recipient_name AS "recipientName", data, status
              FROM mail_messages WHERE id = ${mailId}::uuid FOR UPDATE`;
          if (!mail) return 'gone' as const;
          if (mail.status !== 'pending') return 'already-sent' as const;
          const template = this.templates.get(mail.template);
          if (!template) throw new PermanentJobError('unknown-template', `no mail template ${mail.template}`);
          const from = { name: tenant.mailFromName ?? `${tenant.name} (${this.config.MAIL_FROM_NAME})`, address: tenant.mailFromAddress ?? this.config.MAIL_FROM_ADDRESS };
          const rendered = await template((mail.data ?? {}) as Record<string, unknown>, {
            locale: (mail.locale === 'en' ? 'en' : 'de') as MailLocale,
            tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, logoUrl: tenant.brandingLogoUrl, primaryColor: tenant.brandingPrimaryColor },
            recipient: { name: mail.recipientName, email: mail.recipientEmail },
            sender: from,
            webBaseUrl: this.config.WEB_BASE_URL.replace(/\/$/, ''),
            mailId: mail.id,
          });
          await this.testHang(mail.id);
          const accepted = await this.transport.send({
            from,
            replyTo: tenant.mailReplyTo,
            to: { name: mail.recipientName, address: mail.recipientEmail },
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            messageId: `<${mail.id}@${messageIdDomain(tenant.mailFromAddress ?? this.config.MAIL_FROM_ADDRESS)}>`,
            ...(rendered.attachments ? { attachments: rendered.attachments } : {}),
            ...(rendered.headers ? { headers: rendered.headers } : {}),
          });
          await tx.$executeRaw`
            UPDATE mail_messages SET status = 'sent', attempts = attempts + 1, accepted_at = now(), message_id = ${accepted.messageId},
                   smtp_response = ${accepted.response}, subject = ${rendered.subject.slice(0, 500)}, last_error = NULL
             WHERE id = ${mailId}::uuid`;
          return 'sent' as const;
        },
        { timeoutMs: 90_000 },
      );
    } catch (e) {
      await this.recordFailure(mailId, e as Error, e instanceof PermanentSmtpError || e instanceof PermanentJobError);
      if (e instanceof PermanentSmtpError) throw new PermanentJobError('smtp-rejected', `${e.responseCode}: ${e.message}`);
      throw e;
    }
  }

  private async recordFailure(mailId: string, e: Error, permanent: boolean): Promise<void> {
    try {
      await this.db.transaction((tx) =>
        permanent
          ? tx.$executeRaw`UPDATE mail_messages SET status = 'failed', attempts = attempts + 1, failed_at = now(), last_error = ${e.message.slice(0, 2000)} WHERE id = ${mailId}::uuid AND status = 'pending'`
          : tx.$executeRaw`UPDATE mail_messages SET attempts = attempts + 1, last_error = ${e.message.slice(0, 2000)} WHERE id = ${mailId}::uuid AND status = 'pending'`,
      );
    } catch (err) {
      this.logger.warn(`could not record the failure of mail ${mailId}: ${(err as Error).message}`);
    }
  }

  private async testHang(mailId: string): Promise<void> {
    if (!this.hangAtSend) return;
    this.sends += 1;
    if (this.sends === this.hangAtSend) {
      // Written to stdout so that the test can wait for it, then SIGKILL this process; the mail
      // id tells the test which mail was in flight (it must arrive once, sent by another worker).
      process.stdout.write(`ratsinfo-test: hanging before send #${this.sends} (mail ${mailId})\n`);
      await new Promise(() => undefined);
    }
  }
}

function messageIdDomain(address: string): string {
  const domain = address.split('@')[1] ?? 'ratsinfo.invalid';
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'ratsinfo.invalid';
}
