import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ratsinfo/api-database';
import { MailOutbox } from './mail-outbox';
import { MailSendHandler } from './mail-send.handler';
import { MailSender } from './mail-sender';
import { MailTemplates } from './mail-templates';
import { MailTransport } from './mail-transport';
import { PlainTemplate } from './plain-template';

/** Recording mails (API and worker): MailOutbox. */
@Module({
  imports: [DatabaseModule],
  providers: [MailOutbox],
  exports: [MailOutbox],
})
export class MailModule {}

/** The worker's side: templates, SMTP transport, and the `mail.send` handler. Needs JobsModule. */
@Module({
  imports: [DatabaseModule, MailModule],
  providers: [MailTemplates, MailTransport, MailSender, MailSendHandler, PlainTemplate],
  exports: [MailTemplates, MailTransport, MailSender],
})
export class MailJobsModule {}
