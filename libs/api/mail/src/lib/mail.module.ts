import { Module } from '@nestjs/common';
import { DatabaseModule } from '@ratsinfo/api-database';
import { MailOutbox } from './mail-outbox';
import { MailSendHandler } from './mail-send.handler';
import { MailSender } from './mail-sender';
import { MailTemplates } from './mail-templates';
import { MailTransport } from './mail-transport';
import { PlainTemplate } from './plain-template';
import { AbsenceNoticeHandler } from './content/absence-notice.handler';
import { AccessGrantedHandler } from './content/access-granted.handler';
import { ContentTemplates } from './content/content-templates';
import { MeetingInvitationHandler } from './content/meeting-invitation.handler';
import { MeetingMailData } from './content/meeting-mail-data';
import { MeetingReminderTask } from './content/meeting-reminder.task';

/** Recording mails (API and worker): MailOutbox. */
@Module({
  imports: [DatabaseModule],
  providers: [MailOutbox],
  exports: [MailOutbox],
})
export class MailModule {}

/**
 * The worker's side: templates, SMTP transport, the `mail.send` handler, and the mails' content:
 * templates `meeting-invitation`, `meeting-reminder`, `absence-notice`, `access-granted`; handlers
 * of `meeting.invitation-requested`, `absence.noticed`, `mail.access-granted`; the maintenance
 * task `meeting-reminders`. Needs JobsModule.
 */
@Module({
  imports: [DatabaseModule, MailModule],
  providers: [
    MailTemplates,
    MailTransport,
    MailSender,
    MailSendHandler,
    PlainTemplate,
    ContentTemplates,
    MeetingMailData,
    MeetingInvitationHandler,
    MeetingReminderTask,
    AbsenceNoticeHandler,
    AccessGrantedHandler,
  ],
  exports: [MailTemplates, MailTransport, MailSender],
})
export class MailJobsModule {}
