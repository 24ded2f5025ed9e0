import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { InvitationRequests } from '@ratsinfo/api-mail';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { MeetingLifecycleController } from './lifecycle/meeting-lifecycle.controller';
import { MeetingLifecycleService } from './lifecycle/meeting-lifecycle.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Meetings and their agendas in the back office (the clerk's meeting and agenda editor; members read), and the meeting's lifecycle. */
@Module({
  imports: [TenancyModule, CouncilModule],
  controllers: [MeetingsController, MeetingLifecycleController],
  providers: [MeetingsService, MeetingBundleRequests, InvitationRequests, MeetingLifecycleService],
})
export class MeetingsModule {}
