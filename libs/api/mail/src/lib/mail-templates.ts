import { Injectable } from '@nestjs/common';
import type { Attachment } from 'nodemailer/lib/mailer';

export type MailLocale = 'de' | 'en';

/** What a template gets besides the record's `data`: the authority and where links point. */
export interface MailContext {
  locale: MailLocale;
  tenant: { id: string; slug: string; name: string; logoUrl: string | null; primaryColor: string | null };
  recipient: { name: string | null; email: string };
  /** The authority's sender (From): the organizer of calendar entries. */
  sender: { name: string; address: string };
  /** The web app's base URL (WEB_BASE_URL), without a trailing slash. */
  webBaseUrl: string;
  mailId: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  headers?: Record<string, string>;
}

export type MailTemplate = (data: Record<string, unknown>, ctx: MailContext) => RenderedMail | Promise<RenderedMail>;

/** The mail templates by name (`meeting-invitation`, …); modules register theirs at start. */
@Injectable()
export class MailTemplates {
  private readonly templates = new Map<string, MailTemplate>();

  register(name: string, template: MailTemplate): void {
    if (this.templates.has(name)) throw new Error(`a mail template ${name} is already registered`);
    this.templates.set(name, template);
  }

  get(name: string): MailTemplate | undefined {
    return this.templates.get(name);
  }
}
