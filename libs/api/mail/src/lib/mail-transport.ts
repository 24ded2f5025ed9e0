import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, mailsSent } from '@ratsinfo/api-core';
import { createTransport, type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo?: string | null;
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable per mail record, so that a resend after a crash carries the same Message-ID. */
  messageId: string;
  attachments?: Attachment[];
  headers?: Record<string, string>;
}

export interface SmtpAcceptance {
  messageId: string;
  response: string;
}

/** An SMTP answer that no retry will change (5xx: unknown mailbox, rejected sender …). */
export class PermanentSmtpError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentSmtpError';
  }
}

/** Outgoing mail over SMTP (nodemailer, pooled connections); SMTP_URL says where. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const url = new URL(config.SMTP_URL);
    this.transporter = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      // A local development server (maildev) offers no TLS; elsewhere STARTTLS is used when offered.
      ignoreTLS: isLocal(url.hostname) && url.protocol === 'smtp:',
      pool: true,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<SmtpAcceptance> {
    try {
      const info = await this.transporter.sendMail({
        from: { name: mail.from.name, address: mail.from.address },
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      mailsSent.inc({ outcome: 'sent' });
      return { messageId: info.messageId, response: String(info.response ?? '').slice(0, 500) };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      mailsSent.inc({ outcome: permanent ? 'rejected' : 'failed' });
      if (permanent) throw new PermanentSmtpError(code, (e as Error).message);
      throw e;
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}

function isLocal(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
