import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AbsenceService } from './absence.service';
import { InvitationRequests } from './invitation-requests';
import { MeetingMailController } from './meeting-mail.controller';
import { MeetingMailService } from './meeting-mail.service';

/** The API's side of mail: invitation requests, the mail records of a meeting, guests, absence notices. */
@Module({
  imports: [TenancyModule],
  controllers: [MeetingMailController],
  providers: [MeetingMailService, AbsenceService, InvitationRequests],
})
export class MailApiModule {}
