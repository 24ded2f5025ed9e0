/**
 * The dev IdP's outgoing mail: the action e-mails (invitation, password set-up, verification) go
 * over SMTP to `smtpUrl` (maildev in development) besides being recorded for `/admin/dev/emails`.
 * Sending happens after the request is answered; a failure is logged, never the request's.
 */
import { createTransport, type Transporter } from 'nodemailer';

export interface IdpMail {
  to: string;
  subject: string;
  text: string;
}

export interface IdpMailer {
  /** Resolves when the SMTP server accepted the mail, or after logging why it did not. */
  send(mail: IdpMail): Promise<void>;
  close(): Promise<void>;
}

const FROM = { name: 'Ratsinfo Anmeldung (Entwicklung)', address: 'no-reply@idp.ratsinfo.invalid' };

export function smtpMailer(smtpUrl: string, log: (message: string) => void): IdpMailer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`dev IdP: smtpUrl must be smtp:// or smtps://, not ${url.protocol}`);
  const transport: Transporter = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // maildev offers no TLS
    ignoreTLS: url.protocol === 'smtp:',
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  const pending = new Set<Promise<void>>();
  return {
    send(mail) {
      const p = transport
        .sendMail({ from: FROM, to: mail.to, subject: mail.subject, text: mail.text })
        .then(() => undefined)
        .catch((e: Error) => log(`[idp] could not send the e-mail to ${mail.to} over SMTP: ${e.message}`))
        .finally(() => pending.delete(p));
      pending.add(p);
      return p;
    },
    async close() {
      await Promise.allSettled([...pending]);
      transport.close();
    },
  };
}
